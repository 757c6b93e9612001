"""``nianbao extract``: the indicator values of one report (JSON, CSV or XLSX)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from ..errors import InputError, InternalError, unwritable
from .app import OcrProgress, command, fail, write_output


class ExtractFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@command("extract", help="从一份年报中提取指标数值（数值、单位、统计周期、行号、原文依据、置信度）；"
                           "加 --facts 则列出报告中的全部数据事实（主题、限定、数值、单位、来源）。")
def extract_command(
    file: Path = typer.Argument(..., help="年报文件路径", show_default=False, metavar="文件"),
    fmt: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f", help="输出格式：json、csv 或 xlsx"),
    output: str = typer.Option(None, "--output", "-o", help="写入文件（xlsx 格式必须指定）", metavar="路径"),
    facts: bool = typer.Option(False, "--facts", help="列出全部数据事实（正文与表格中的每个数值），而不是指标"),
) -> None:
    from ..indicators.extract import extract
    from ..output import facts as fact_output
    from ..output import indicators as indicator_output
    from ..parse import parse_file

    if fmt is ExtractFormat.xlsx and not output:
        fail(InputError(str(file), "xlsx 格式需要用 --output 指定输出文件，例如 -o 指标.xlsx。"))
    try:
        with OcrProgress() as progress:
            report = parse_file(file, progress.for_file(file))
        writer, items = (fact_output, report.facts) if facts else (indicator_output, extract(report))
    except InputError as error:
        fail(error)
    except Exception as error:  # noqa: BLE001 — nianbao's own failure on this file
        fail(InternalError.of(str(file), error))
    if fmt is ExtractFormat.json:
        write_output(json.dumps(writer.to_dict(str(file), items), ensure_ascii=False, indent=2), output)
    elif fmt is ExtractFormat.csv:
        write_output(writer.to_csv(items), output, bom=True)
    else:
        try:
            writer.to_xlsx(items, Path(output))
        except OSError as exc:
            fail(unwritable(output, exc))
