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

from ..errors import InputError, InternalError, unwritable
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
    own failure: one line saying so and exit code 3, not a traceback (unless asked for). Ctrl-C
    stops the command with a word (typer would leave silently with exit code 130)."""

    def register(function):
        @functools.wraps(function)
        def guarded(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except (click.exceptions.Exit, click.exceptions.Abort, click.exceptions.ClickException):
                raise
            except KeyboardInterrupt:
                error_console.print(styled(("已中断", "bold red"), "：按下了 Ctrl-C，命令没有做完。"))
                raise typer.Exit(EXIT_INTERRUPTED) from None
            except Exception as error:  # noqa: BLE001 — whatever it is, it is ours
                fail(InternalError.of(f"nianbao {name}", error))

        return app.command(name, help=help, options_metavar="[选项]")(guarded)

    return register


class _Console:
    """A rich Console made on first use: a command that prints only JSON does not load rich."""

    def __init__(self, **options) -> None:
        self._options, self._console = options, None

    def rich(self):
        """The Console itself (for rich's own widgets, which draw on it)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str):
        return getattr(self.rich(), name)


def styled(*parts):
    """A rich Text of plain and (text, style) parts: styles as spans, the text printed as written."""
    from rich.text import Text

    return Text.assemble(*parts)


# No markup: what is printed holds file names, headings, evidence and school names as written ("[/]",
# "[bold]" included). Styles come as rich Text spans.
console = _Console(highlight=False, soft_wrap=True, markup=False)
error_console = _Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it


def report_input_error(error: InputError | InternalError) -> None:
    """One line on stderr: the file and what is wrong; for an internal error, the traceback too
    when --debug or NIANBAO_DEBUG asks for it. Styles as Text spans: paths and messages print as
    written, brackets included."""
    if isinstance(error, InternalError):
        error_console.print(styled(("内部错误", "bold red"), f"：{error.path}：{error.message}"))
        if _state["debug"] and error.trace:
            error_console.print(error.trace, end="")
        return
    error_console.print(styled(("错误", "bold red"), f"：{error.path}：{error.message}"))


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
        def update(done: int, total: int) -> None:
            if not error_console.is_terminal:
                return
            from rich.markup import escape

            name = escape(os.path.basename(str(path)))
            if self._progress is None:
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                self._progress = Progress(TextColumn("OCR 识别扫描页"), BarColumn(), MofNCompleteColumn(),
                                          TextColumn("剩余"), TimeRemainingColumn(), TextColumn("{task.description}"),
                                          console=error_console.rich(), transient=True)
                self._progress.start()
            if name not in self._tasks:
                self._tasks[name] = self._progress.add_task(name, total=total)
            self._progress.update(self._tasks[name], completed=done, total=total)

        return update


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
