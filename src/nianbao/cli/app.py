"""The typer application and what every command shares: one console, one way to report bad input
and internal errors (with their exit codes), the OCR progress bar, the database option.

Command modules import the packages they call inside the command, not at the top: ``nianbao --help``
and a command that reads one text file must not wait for WeasyPrint, matplotlib, SQLAlchemy,
openpyxl, PyMuPDF or python-docx to load."""

from __future__ import annotations

import functools
import os
import sys

import click
import typer
from rich.console import Console
from rich.markup import escape

from ..errors import InputError, InternalError
from ..store import DEFAULT_URL

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_CODES_HELP = ("退出码：0 没有发现错误；1 发现错误（入库时：有文件失败）；2 文件无法读取或参数有误；"
                   "3 内部错误（nianbao 自身的问题，请把文件反馈给开发者）。")
DEBUG_ENV = "NIANBAO_DEBUG"  # set to 1 to see the Python traceback of an internal error

app = typer.Typer(
    name="nianbao",
    help="职业教育质量年度报告（质量年报）工具：读取、检查、指标提取、汇总评价与编制。\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


_state = {"debug": bool(os.environ.get(DEBUG_ENV))}


@app.callback(options_metavar="[选项]", subcommand_metavar="命令 [参数]...")
def _root(debug: bool = typer.Option(False, "--debug", help=f"出现内部错误时显示 Python 调用栈（供开发者排查；"
                                                          f"也可设环境变量 {DEBUG_ENV}=1）")) -> None:
    """职业教育质量年度报告（质量年报）工具：读取、检查、指标提取、汇总评价与编制。"""
    _state["debug"] = debug or bool(os.environ.get(DEBUG_ENV))


def command(name: str, help: str):
    """Register a subcommand with Chinese metavars. An exception no command expected is nianbao's
    own failure: one line saying so and exit code 3, not a traceback (unless asked for)."""

    def register(function):
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except (click.exceptions.Exit, click.exceptions.Abort, click.exceptions.ClickException):
                raise
            except Exception as error:  # noqa: BLE001 — whatever it is, it is ours
                fail(InternalError.of(f"nianbao {name}", error))

        return app.command(name, help=help, options_metavar="[选项]")(guarded)

    return register


console = Console(highlight=False, soft_wrap=True)
error_console = Console(stderr=True, highlight=False, soft_wrap=True)


def report_input_error(error: InputError | InternalError) -> None:
    """One line on stderr: the file and what is wrong; for an internal error, the traceback too
    when --debug or NIANBAO_DEBUG asks for it."""
    if isinstance(error, InternalError):
        error_console.print(f"[bold red]内部错误[/]：{escape(error.path)}：{escape(error.message)}", markup=True)
        if _state["debug"] and error.trace:
            error_console.print(error.trace, markup=False, end="")
        return
    error_console.print(f"[bold red]错误[/]：{escape(error.path)}：{escape(error.message)}", markup=True)


def exit_code(error: InputError | InternalError) -> int:
    return EXIT_INTERNAL if isinstance(error, InternalError) else EXIT_BAD_INPUT


def fail(error: InputError | InternalError) -> None:
    """Print the error and leave with exit code 2 (bad input) or 3 (internal error)."""
    report_input_error(error)
    raise typer.Exit(exit_code(error))


class OcrProgress:
    """A progress bar on stderr while scanned PDF pages are read by OCR (the only slow reading),
    one task per file; nothing is shown for files without scanned pages or when stderr is not a
    terminal (stdout stays clean for JSON either way)."""

    def __init__(self) -> None:
        self._progress = None
        self._tasks: dict[str, object] = {}

    def __enter__(self) -> OcrProgress:
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def for_file(self, path) -> object:
        name = escape(os.path.basename(str(path)))

        def update(done: int, total: int) -> None:
            if not error_console.is_terminal:
                return
            if self._progress is None:
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                self._progress = Progress(TextColumn("OCR 识别扫描页"), BarColumn(), MofNCompleteColumn(),
                                          TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.description}"),
                                          console=error_console, transient=True)
                self._progress.start()
            if name not in self._tasks:
                self._tasks[name] = self._progress.add_task(name, total=total)
            self._progress.update(self._tasks[name], completed=done, total=total)

        return update


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
