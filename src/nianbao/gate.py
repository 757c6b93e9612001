"""The pre-publish gate of ``nianbao build``: the checker on the built PDF, each finding traced back
to where the clerk wrote the text — the chapter file and line, the workbook row of a table, or
nianbao.yaml for the front pages — with the sentence as printed.

Tracing aligns the PDF's lines, in order, with the draft's printed texts (headings, paragraphs,
list items, captions, table rows, case paragraphs): a PDF line continues the text it is in, or
starts one of the next texts. The draft knows the origin of every text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import lanes
from .check import CheckResult, check_path, select_rules
from .compile.draft import Draft, DraftCase, DraftFigure, DraftHeading, DraftList, DraftParagraph, DraftTable
from .conventions import LIST_NAMES, cn_date
from .errors import InputError
from .model import Finding, Report

WINDOW = 40  # how many texts ahead a line may start one (the PDF drops none, but front pages are partly ours)
SLACK = 3  # characters the reader may drop or add inside a text (bullets, spaces)
_SPACE = re.compile(r"\s+")


@dataclass
class Located:
    """A finding with the place the clerk edits to fix it."""

    finding: Finding
    origin: str  # "qinglan/chapters/10-人才培养.md:42", "qinglan/data/教务处.xlsx（工作表“在线开放课程” 第3行）"
    quote: str  # the line or sentence as printed
    page: int | None  # the page of the built (or draft) PDF


@dataclass
class Gate:
    """The checker's result on the built PDF, its findings located in the project."""

    result: CheckResult | None = None
    located: list[Located] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result else []

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def printed_texts(report: Draft) -> list[tuple[str, str]]:
    """Every text the PDF prints, in its order, with where it was written."""
    meta, config = report.meta, report.config
    texts = [(t, config) for t in (meta.school, meta.school_en, meta.title, meta.school,
                                   f"{meta.publisher_date.year}年{meta.publisher_date.month}月", "年报公开",
                                   f"报告名称：《{meta.title}》", f"发布时间：{cn_date(meta.publication.date)}",
                                   f"公开方式：{meta.publication.method}", f"公开网址：{meta.publication.url}",
                                   "内容真实性责任声明", f"学校对《{meta.title}》的真实性、完整性和准确性负责。", "特此声明。",
                                   f"单位名称（盖章）：{meta.school}", f"法定代表人（签名）：{meta.publication.legal_representative}",
                                   cn_date(meta.publication.statement_date), "目录") if t]
    texts += [(h.text, str(h.origin)) for h in report.headings if h.level <= 3]
    for kind, items in (("figure", report.figures), ("table", report.tables), ("case", report.cases)):
        if items:
            texts += [(LIST_NAMES[kind], config)] + [(item.caption, str(item.origin)) for item in items]
    for block in report.blocks():
        if isinstance(block, (DraftHeading, DraftParagraph)):
            texts.append((block.text, str(block.origin)))
        elif isinstance(block, DraftList):
            texts += [(f"{n}. {item}" if block.ordered else f"• {item}", str(origin))
                      for n, (item, origin) in enumerate(zip(block.items, block.origins), 1)]
        elif isinstance(block, DraftFigure):
            texts.append((block.caption, str(block.origin)))
        elif isinstance(block, DraftTable):
            texts.append((block.caption, str(block.origin)))
            texts += [("".join(row), str(origin)) for row, origin in zip(block.rows, block.row_origins)]
        elif isinstance(block, DraftCase):
            texts.append((block.caption, str(block.origin)))
            texts += [(p, str(origin)) for p, origin in zip(block.paragraphs, block.paragraph_origins)]
        if isinstance(block, (DraftFigure, DraftTable)) and block.source:
            texts.append((f"数据来源：{block.source}", str(block.origin)))
    return [(_norm(text), origin) for text, origin in texts]


def trace(report: Report, texts: list[tuple[str, str]]) -> dict[int, str]:
    """Line number of the checked report → where its text was written."""
    found: dict[int, str] = {}
    current, offset = -1, 0
    for line in report.document.lines:
        text = _norm(line.text)
        if not text or line.number in report.furniture_lines:
            continue
        hit = None
        if 0 <= current < len(texts):
            pos = texts[current][0].find(text, offset)
            if 0 <= pos - offset <= SLACK:
                hit = current, pos + len(text)
        for k in range(current + 1, min(current + 1 + WINDOW, len(texts))) if hit is None else ():
            candidate = texts[k][0]
            if candidate and (candidate.startswith(text) or text.startswith(candidate)):
                hit = k, min(len(text), len(candidate))
                break
        if hit is not None:
            current, offset = hit
            found[line.number] = texts[current][1]
    return found


def run_gate(pdf: Path, report: Draft) -> Gate:
    """The checker on the built PDF; a PDF the checker cannot read is itself a failure."""
    with lanes.enabled():
        result = check_path(pdf, select_rules())
    if result.error is not None:
        raise InputError(str(pdf), f"发布前检查无法读取生成的文件：{result.error.message}")
    origins = trace(result.report, printed_texts(report))
    located = []
    for finding in result.findings:
        line = finding.span.line
        text = result.report.line_text(line) if 0 < line <= len(result.report.document.lines) else ""
        origin = origins.get(line, "")
        located.append(Located(finding, origin, finding.evidence or text.strip(), finding.span.page))
    return Gate(result, located)
