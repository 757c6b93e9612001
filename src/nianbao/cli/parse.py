"""``nianbao parse``: read one report and show its outline (text) or its model (JSON)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from ..errors import InputError, InternalError
from .app import OcrProgress, command, console, fail, write_output


class ParseFormat(str, Enum):
    text = "text"
    json = "json"


@command("parse", help="读取一份年报（.txt/.md/.pdf/.docx），输出目录结构、图表、案例等（文本或 JSON）。")
def parse_command(
    file: Path = typer.Argument(..., help="年报文件路径", show_default=False, metavar="文件"),
    fmt: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="输出格式：text（便于阅读）或 json"),
    output: str = typer.Option(None, "--output", "-o", help="写入文件而不是打印到屏幕", metavar="路径"),
) -> None:
    from ..output.outline_text import outline_text
    from ..output.report_json import report_to_dict
    from ..parse import parse_file

    try:
        with OcrProgress() as progress:
            report = parse_file(file, progress.for_file(file))
    except InputError as error:
        fail(error)
    except Exception as error:  # noqa: BLE001 — nianbao's own failure on this file
        fail(InternalError.of(str(file), error))
    if fmt is ParseFormat.json:
        write_output(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2), output)
    elif output:
        write_output(outline_text(report).plain, output)
    else:
        console.print(outline_text(report))
