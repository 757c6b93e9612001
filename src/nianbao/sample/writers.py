"""Write synthetic report content as .txt, .md, .docx (python-docx) or .pdf (WeasyPrint).
Kept to what the corpus needs; the school-facing renderer lives in render/."""

from __future__ import annotations

import html
import random
from pathlib import Path

from docx import Document as WordDocument

from .content import Content


def text_lines(content: Content, markdown: bool = False) -> tuple[list[str], dict[int | str, int]]:
    """The report as lines, and the (1-based) line where each block starts (by block index) and
    where each indicator value stands (by indicator id)."""
    lines: list[str] = []
    starts: dict[int | str, int] = {}
    for k, block in enumerate(content.blocks):
        if block.kind == "dropped":
            continue
        lines.append("")
        starts[k] = len(lines) + 1
        if block.kind == "heading":
            lines.append(("#" * (block.level + 1) + " " if markdown else "") + block.text)
        elif block.kind in ("para", "source"):
            lines.append(block.text)
            starts.update({indicator: len(lines) for indicator in block.indicators})
        elif block.kind == "table":
            lines.append(block.text)
            for index, row in enumerate(block.rows):
                if index:
                    starts[block.indicators[index - 1]] = len(lines) + 1
                if markdown:
                    lines.append("| " + " | ".join(row) + " |")
                    if index == 0:
                        lines.append("|" + "---|" * len(row))
                else:
                    lines.append("\t".join(row))
        elif block.kind == "case":
            lines.append(block.text)
            lines.extend(row[0] for row in block.rows)
    return lines, starts


def write_docx(content: Content, path: Path) -> None:
    document = WordDocument()
    for block in content.blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 3))
        elif block.kind in ("para", "source"):
            document.add_paragraph(block.text)
        elif block.kind == "table":
            document.add_paragraph(block.text)
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif block.kind == "case":
            document.add_paragraph(block.text)
            for row in block.rows:
                document.add_paragraph(row[0])
    document.save(str(path))


PDF_STYLE = ("@page{size:A4;margin:2cm;@bottom-center{content:counter(page)}}"
             "body{font-family:'Noto Sans CJK SC','Noto Sans CJK',sans-serif;font-size:11pt}"
             "table{border-collapse:collapse}td{border:1px solid #444;padding:2px 6px}")


def write_pdf(content: Content, path: Path) -> None:
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    parts = []
    for block in content.blocks:
        text = html.escape(block.text)
        if block.kind == "heading":
            parts.append(f"<h{block.level + 1}>{text}</h{block.level + 1}>")
        elif block.kind in ("para", "source"):
            parts.append(f"<p>{text}</p>")
        elif block.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            parts.append(f"<p>{text}</p><table>{rows}</table>")
        elif block.kind == "case":
            parts.append(f"<p>{text}</p>" + "".join(f"<p>{html.escape(row[0])}</p>" for row in block.rows))
    page = f"<html><head><meta charset='utf-8'><style>{PDF_STYLE}</style></head><body>{''.join(parts)}</body></html>"
    HTML(string=page).write_pdf(str(path))


def write_broken(path: Path, rng: random.Random) -> str:
    """A file that cannot be read: what kind depends on the format, as happens in real batches."""
    if path.suffix in (".txt", ".md"):
        path.write_bytes(bytes(rng.randrange(256) for _ in range(2048)) + b"\x00")
        return "二进制乱码"
    if path.suffix == ".docx":
        path.write_bytes(b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(512)))
        return "损坏的压缩包"
    path.write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(512)))
    return "截断的PDF"


def write(content: Content, path: Path) -> dict[int | str, int]:
    """Write ``content`` to ``path`` (format from the suffix); returns the lines of blocks and
    values (see text_lines) for text formats, nothing for the others."""
    fmt = path.suffix.lstrip(".")
    if fmt in ("txt", "md"):
        lines, starts = text_lines(content, markdown=fmt == "md")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return starts
    if fmt == "docx":
        write_docx(content, path)
    else:
        write_pdf(content, path)
    return {}
