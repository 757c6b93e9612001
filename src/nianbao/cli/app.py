"""The typer application and what every command shares: one console, one way to report bad input,
the database option.

Command modules import the packages they call inside the command, not at the top: ``nianbao --help``
and a command that reads one text file must not wait for WeasyPrint, matplotlib, SQLAlchemy,
openpyxl, PyMuPDF or python-docx to load."""

from __future__ import annotations

import functools
import sys

import typer
from rich.console import Console
from rich.text import Text

from ..errors import InputError, unwritable
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
    """Register a subcommand with Chinese metavars; Ctrl-C in it stops it with a word (typer would
    leave silently with exit code 130)."""
    register = app.command(name, help=help, options_metavar="[选项]")

    def decorate(function):
        @functools.wraps(function)
        def interruptible(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except KeyboardInterrupt:
                error_console.print(Text.assemble(("已中断", "bold red"), "：按下了 Ctrl-C，命令没有做完。"))
                raise typer.Exit(EXIT_INTERRUPTED) from None

        register(interruptible)
        return function

    return decorate


# No markup: what is printed holds file names, headings, evidence and school names as written ("[/]",
# "[bold]" included). Styles come as rich Text spans.
console = Console(highlight=False, soft_wrap=True, markup=False)
error_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


def report_input_error(error: InputError) -> None:
    error_console.print(Text.assemble(("错误", "bold red"), f"：{error.path}：{error.message}"))


def fail(error: InputError) -> None:
    """Print the error and leave with exit code 2."""
    report_input_error(error)
    raise typer.Exit(EXIT_BAD_INPUT)


DB_HELP = f"数据库地址：SQLite 文件（默认 {DEFAULT_URL}）或 postgresql+psycopg://用户@主机/库名"
CREATE_HELP = "--db 指定的 SQLite 文件不存在时新建（不加此项时只打开已有的数据库，以免路径写错时悄悄建出空库）"


def change_ratio_given(value: float | None) -> float | None:
    """``--change-ratio`` as given (None when not), or exit 2 when it is no positive ratio."""
    if value is not None and not value > 0:
        fail(InputError("--change-ratio", f"比例须大于 0（给出的是 {value:g}），例如 0.5 表示与上年相比变化超过 ±50%。"))
    return value


def open_store(url: str | None, create: bool | None = None):
    """The store at ``url`` (migrated), or exit 2 with the reason. ``create``: None for a command that
    only reads (a missing database is never created); else the command's --create: a database file
    that does not exist is created for the default path or with --create, so a mistyped --db does
    not become a new, empty database."""
    from ..store import NoDatabase
    from ..store.database import Store

    try:
        return Store(url, create=create is not None and (create or url is None))
    except NoDatabase as error:
        if url is None:
            fail(InputError(error.path, "当前文件夹中没有默认的数据库。请先用 nianbao ingest 入库，或用 --db 指定已有的数据库。"))
        hint = "要新建数据库请加 --create" if create is not None else "请先用 nianbao ingest 入库，或用 --db 指定已有的数据库"
        fail(InputError(error.path, f"{error.message}；{hint}。"))
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
            fail(unwritable(output, exc))
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
