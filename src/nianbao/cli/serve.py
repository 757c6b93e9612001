"""``nianbao serve``: the web review service. FastAPI, uvicorn and the store are imported inside the
command, so other commands do not pay for them."""

from __future__ import annotations

import secrets
from pathlib import Path

import typer

from ..errors import InputError, os_reason
from ..store import DEFAULT_URL
from .app import CREATE_HELP, DB_HELP, command, console, fail, open_store

DEMO_URL = "sqlite:///nianbao-demo.db"


def data_folder(url: str, given: Path | None) -> Path:
    """Uploaded files and page images: beside an SQLite file by default."""
    if given is not None:
        return given
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        db = Path(url.removeprefix("sqlite:///"))
        return db.with_name(db.stem + "-files")
    return Path("nianbao-files")


@command("serve", help="启动网上审核平台：学校上传年报并答复问题，审核员审核，区域总览、整改台账与案例库。")
def serve_command(
    db: str = typer.Option(None, "--db", help=DB_HELP, metavar="地址"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（对外服务请放在 HTTPS 反向代理之后）", metavar="地址"),
    port: int = typer.Option(8000, "--port", help="端口", metavar="端口"),
    data: Path = typer.Option(None, "--data", help="上传文件与页面图片的存放文件夹（默认在数据库文件旁）", metavar="文件夹"),
    demo: bool = typer.Option(False, "--demo", help="在空数据库中生成演示地区、虚构学校的年报和各角色的演示账号"),
    max_upload: int = typer.Option(50, "--max-upload", min=1, help="上传文件大小上限（MB）", metavar="MB"),
    create: bool = typer.Option(False, "--create", help=CREATE_HELP),
) -> None:
    import uvicorn

    from ..store import accounts as store_accounts
    from ..web.app import create_app

    url = db or (DEMO_URL if demo else DEFAULT_URL)
    store = open_store(url, create or demo or db is None)
    folder = data_folder(url, data)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(InputError(str(folder), f"无法创建数据文件夹（{os_reason(exc)}）。请检查路径和权限，或用 --data 指定。"))
    token = None if store_accounts.account_count(store) else secrets.token_urlsafe(24)
    if demo and token is None:
        fail(InputError(url, "数据库中已有账号，演示数据只能写入空数据库。请删除该数据库文件或用 --db 指定新文件。"))
    app = create_app(store, folder, max_upload=max_upload * 1024 * 1024, setup_token=None if demo else token)
    address = f"http://{host}:{port}"
    if demo:
        from ..web.demo import seed

        console.print("正在生成演示数据（虚构学校的年报，上传并检查）…")
        accounts = seed(app.state.service)
        console.print("演示账号（密码每次启动随机生成）：")
        for role, username, password, label in accounts:
            console.print(f"  {role:<6} 用户名 {username:<10} 密码 {password}  （{label}）")
    elif token:
        console.print(f"首次使用：请打开 {address}/setup?token={token} 创建管理员账号（链接只能用一次）。")
    console.print(f"审核平台已启动：{address}　数据库：{store.url}　文件：{folder}　按 Ctrl-C 停止。")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
