"""``nianbao extract``: the indicator values of one report (JSON, CSV or XLSX)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from ..errors import InputError, unwritable
from .app import command, fail, write_output


class ExtractFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@command("extract", help="从一份年报中提取指标数值（数值、单位、统计周期、行号、原文依据、置信度）。")
def extract_command(
    file: Path = typer.Argument(..., help="年报文件路径", show_default=False, metavar="文件"),
    fmt: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f", help="输出格式：json、csv 或 xlsx"),
    output: str = typer.Option(None, "--output", "-o", help="写入文件（xlsx 格式必须指定）", metavar="路径"),
) -> None:
    from ..indicators.extract import extract
    from ..output.indicators import to_csv, to_dict, to_xlsx
    from ..parse import parse_file

    if fmt is ExtractFormat.xlsx and not output:
        fail(InputError(str(file), "xlsx 格式需要用 --output 指定输出文件，例如 -o 指标.xlsx。"))
    try:
        facts = extract(parse_file(file))
    except InputError as error:
        fail(error)
    if fmt is ExtractFormat.json:
        write_output(json.dumps(to_dict(str(file), facts), ensure_ascii=False, indent=2), output)
    elif fmt is ExtractFormat.csv:
        write_output(to_csv(facts), output, bom=True)
    else:
        try:
            to_xlsx(facts, Path(output))
        except OSError as exc:
            fail(unwritable(output, exc))
