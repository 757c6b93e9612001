"""``nianbao cases``: search the case library and export chosen cases to DOCX."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import InputError, unwritable
from .app import DB_HELP, app, console, fail, open_store

cases_app = typer.Typer(help="案例库：全文检索全部入库年报中的案例，导出选中的案例。", no_args_is_help=True,
                        options_metavar="[选项]", subcommand_metavar="命令 [参数]...")


@cases_app.command("search", help="全文检索案例（支持“思政”这样的两字词），列出学校、标题和摘要。", options_metavar="[选项]")
def search_command(
    query: str = typer.Argument(..., help="检索词", show_default=False, metavar="检索词"),
    db: str = typer.Option(None, "--db", help=DB_HELP, metavar="地址"),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="最多显示条数"),
) -> None:
    from rich.table import Table
    from rich.text import Text

    store = open_store(db)
    hits = store.search_cases(query, limit)
    if not hits:
        console.print(f"没有找到包含“{query}”的案例。")
        return
    table = Table("编号", "学校", "年度", "案例", "摘要", show_lines=False)
    for hit in hits:
        snippet = Text(hit.snippet)
        snippet.highlight_words([query.strip()], style="bold yellow")
        table.add_row(str(hit.id), Text(hit.school), str(hit.year or ""), Text(f"案例{hit.number} {hit.title}"), snippet)
    console.print(table)
    total = store.count_cases(query)
    shown = f"共 {total} 条，显示前 {len(hits)} 条（用 -n 显示更多）" if total > len(hits) else f"共 {total} 条"
    console.print(f"{shown}。导出：nianbao cases export 编号... -o 案例汇编.docx")


@cases_app.command("export", help="把选中的案例（按检索结果中的编号）导出为 Word 文档。", options_metavar="[选项]")
def export_command(
    ids: list[int] = typer.Argument(..., help="案例编号（可多个）", show_default=False, metavar="编号..."),
    output: Path = typer.Option(..., "--output", "-o", help="输出的 .docx 文件", metavar="路径"),
    db: str = typer.Option(None, "--db", help=DB_HELP, metavar="地址"),
) -> None:
    from ..output.cases_docx import write_cases

    chosen = open_store(db).cases(ids)
    if not chosen:
        fail(InputError(",".join(map(str, ids)), "数据库中没有这些编号的案例。请先用 nianbao cases search 查到编号。"))
    try:
        write_cases(chosen, output)
    except OSError as exc:
        fail(unwritable(output, exc))
    console.print(f"已导出 {len(chosen)} 个案例到 {output}")


app.add_typer(cases_app, name="cases", help="案例库：全文检索全部入库年报中的案例，导出选中的案例。")
