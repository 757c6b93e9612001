"""The pre-publish gate's findings as the clerk reads them: where she wrote the text (chapter file
and line, workbook row), the rule and message, and the sentence as printed."""

from __future__ import annotations

from rich.text import Text

from ..conventions import SEVERITIES, SEVERITY_NAMES
from ..gate import Gate
from .findings_text import COLORS, framework_said

QUOTE_CHARS = 60


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def gate_text(gate: Gate, pdf_label: str) -> Text:
    """One line per finding and its quote, then the summary. ``pdf_label`` names the PDF the page
    numbers refer to ("PDF", or "草稿 PDF" when only the draft was written). A rich Text (styles as
    spans, never markup: a chapter line holding "[/]" prints as written); ``.plain`` for a file."""
    out: list[Text] = []
    for item in sorted(gate.located, key=lambda x: (SEVERITIES.index(x.finding.severity), x.origin == "", x.finding.span.line)):
        f = item.finding
        page = f"（{pdf_label} 第{item.page}页）" if item.page else ""
        where = f"{item.origin}{page}" if item.origin else f"{pdf_label}" + (f" 第{item.page}页" if item.page else "")
        severity = SEVERITY_NAMES[f.severity]
        out.append(Text.assemble(f"{where}: ", (f"{f.code} {severity}", COLORS[f.severity]), f" {f.message}"))
        if item.quote and item.quote not in f.message:
            out.append(Text(f"    「{_clip(item.quote)}」"))
    result = gate.result
    counts = {s: result.count(s) for s in SEVERITIES}
    dims = "，".join(f"{name} {value:g}" for name, value in result.dimensions.items())
    out.append(Text(f"共 {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示；得分 {result.score:g}（{dims}）；"
               f"{framework_said(result)}"))
    return Text("\n").join(out) + "\n"
