"""``nianbao ingest``: a folder of reports into the database."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import InputError
from .app import (
    CREATE_HELP,
    DB_HELP,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    command,
    console,
    error_console,
    fail,
    open_store,
    styled,
)


@command("ingest", help="批量入库：递归读取文件夹中的全部年报，检查、提取指标和案例并写入数据库（按内容去重，可中断续跑）。")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="年报文件或文件夹（可多个）", show_default=False, metavar="路径..."),
    db: str = typer.Option(None, "--db", help=DB_HELP, metavar="地址"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数"),
    create: bool = typer.Option(False, "--create", help=CREATE_HELP),
) -> None:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from ..evaluate import ingest
    from ..readers import SUFFIX_LIST, collect

    missing = [p for p in paths if not p.exists()]
    if missing:
        fail(InputError(str(missing[0]), "路径不存在，请检查文件或文件夹名称。"))
    if not collect(paths)[0]:
        fail(InputError("、".join(map(str, paths)), f"这里没有年报文件（{SUFFIX_LIST}）。请检查路径。"))
    store = open_store(db, create)
    columns = (TextColumn("入库"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.fields[file]}", markup=False))
    with Progress(*columns, console=error_console.rich(), transient=False) as progress:
        task = progress.add_task("ingest", total=None, rate="", file="")

        def advance(path: Path, record) -> None:
            elapsed = progress.tasks[0].elapsed or 0
            done = progress.tasks[0].completed + 1
            progress.update(task, advance=1, file=path.name, rate=f"{done / elapsed:.1f} 份/秒" if elapsed else "")

        result = ingest.run(paths, store, jobs, advance, lambda total: progress.update(task, total=total))
    rate = result.processed / result.seconds if result.seconds else 0.0
    if result.interrupted:
        error_console.print(styled(("已中断", "bold red"),
                                          f"：本次已入库 {len(result.added)} 份、记录失败 {len(result.failed)} 份（均已保存），"
                                          f"其余 {result.pending - result.processed} 份未处理。再次运行同一命令即可继续，"
                                          "已入库的文件会自动跳过。"))
        raise typer.Exit(EXIT_INTERRUPTED)
    console.print(f"新入库 {len(result.added)} 份，已在库中跳过 {result.skipped} 份，失败 {len(result.failed)} 份；"
                  f"用时 {result.seconds:.1f} 秒（{rate:.1f} 份/秒）。数据库：{store.url}")
    if result.ignored:
        console.print(f"忽略非年报文件 {len(result.ignored)} 个（如 {result.ignored[0].name}）。")
    for record in result.failed:
        label = "内部错误" if record.internal else "失败"
        error_console.print(styled((label, "red"), f"：{record.file}：{record.error or ''}"))
    if any(record.internal for record in result.failed):
        raise typer.Exit(EXIT_INTERNAL)
    if result.failed:
        raise typer.Exit(EXIT_FINDINGS)
