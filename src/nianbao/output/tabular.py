"""One table of rows under Chinese headers as CSV text or an XLSX sheet (the exports of ``extract``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path


def csv_text(headers: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def xlsx_file(title: str, headers: list[str], rows: Iterable[list], path: Path) -> None:
    from openpyxl import Workbook  # loaded on use: the JSON and CSV exports do not need it

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    book.save(str(path))
