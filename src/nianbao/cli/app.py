"""The typer application and what every command shares: one console, one way to report bad input,
the database option.

Command modules import the packages they call inside the command, not at the top: ``nianbao --help``
and a command that reads one text file must not wait for WeasyPrint, matplotlib, SQLAlchemy,
openpyxl, PyMuPDF or python-docx to load."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from ..errors import InputError
from ..store import DEFAULT_URL

app = typer.Typer(
    name="nianbao",
    help="职业教育质量年度报告（质量年报）工具：读取、检查、指标提取、汇总评价与编制。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


@app.callback(options_metavar="[选项]", subcommand_metavar="命令 [参数]...")
def _root() -> None:
    """职业教育质量年度报告（质量年报）工具：读取、检查、指标提取、汇总评价与编制。"""


def command(name: str, help: str):
    """Register a subcommand with Chinese metavars."""
    return app.command(name, help=help, options_metavar="[选项]")


console = Console(highlight=False, soft_wrap=True)
error_console = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def report_input_error(error: InputError) -> None:
    error_console.print(f"[bold red]错误[/]：{error.path}：{error.message}", markup=True)


def fail(error: InputError) -> None:
    """Print the error and leave with exit code 2."""
    report_input_error(error)
    raise typer.Exit(EXIT_BAD_INPUT)


DB_HELP = f"数据库地址：SQLite 文件（默认 {DEFAULT_URL}）或 postgresql+psycopg://用户@主机/库名"


def change_ratio_given(value: float | None) -> float | None:
    """``--change-ratio`` as given (None when not), or exit 2 when it is no positive ratio."""
    if value is not None and not value > 0:
        fail(InputError("--change-ratio", f"比例须大于 0（给出的是 {value:g}），例如 0.5 表示与上年相比变化超过 ±50%。"))
    return value


def open_store(url: str | None):
    """The store at ``url`` (migrated), or exit 2 with the reason."""
    from ..store.database import Store

    try:
        return Store(url)
    except InputError as error:
        fail(error)


def write_output(text: str, output: str | None, bom: bool = False) -> None:
    """``text`` to the file ``output`` (with a byte-order mark when ``bom``: Excel reads a CSV as UTF-8 by
    it) or to standard output."""
    if output:
        try:
            with open(output, "w", encoding="utf-8-sig" if bom else "utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            fail(InputError(output, f"无法写入输出文件（{exc.strerror}）。请检查路径和权限。"))
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
