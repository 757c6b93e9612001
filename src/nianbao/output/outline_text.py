"""The outline of a parsed report as a person reads it: a rich Text (styles as spans, never markup,
so brackets in a heading or a file name print as written); ``.plain`` for a file."""

from __future__ import annotations

from rich.text import Text

from ..conventions import LIST_NAMES, REPORT_KINDS
from ..model import Metadata, Report
from ..parse.script import as_written

INDENT = "  "


def _where(line: int, page: int | None) -> str:
    return f"第{line}行" + (f"·第{page}页" if page is not None else "")


def describe(meta: Metadata, author: str = "") -> list[str]:
    """Who wrote the report (``author`` as written, else from ``meta``), its kind, level and year, as a
    person reads them; what is unknown is said once ("年度未识别"), never inside a sentence ("年度未知年度")."""
    author = author or meta.region or meta.enterprise or meta.institution
    parts = [author or "（未识别作者）", f"{REPORT_KINDS[meta.kind]}年报"]
    if meta.enterprise and meta.institution:
        parts[0] += f"（合作学校：{meta.institution}）"
    parts.append(meta.level or "层次未识别")
    parts.append(f"{meta.year}年度" if meta.year else "年度未识别")
    if meta.traditional:
        parts.append("繁体字")
    return parts


def outline_text(report: Report) -> Text:
    def dim(text: str) -> Text:
        return Text(text, style="dim")

    def bold(text: str) -> Text:
        return Text(text, style="bold")

    def written(text: str, line: int) -> str:
        return as_written(report, text, line)

    meta = report.meta
    title_line = meta.statement_span.line if meta.statement_span else 1
    out: list[str | Text] = [bold(" · ".join(describe(meta, written(meta.region or meta.enterprise or meta.institution, title_line))))]
    out.append(f"文件：{report.path}（{report.document.format}，{len(report.document.lines)} 行）")
    if meta.period:
        out.append(f"统计周期：{meta.period.start:%Y-%m-%d} 至 {meta.period.end:%Y-%m-%d}")
    if meta.publication_date:
        out.append(f"发布日期：{meta.publication_date:%Y-%m-%d}")
    if meta.statement_date:
        out.append(f"真实性声明日期：{meta.statement_date:%Y-%m-%d}")
    out.append("")
    out.append(bold("章节结构"))
    items_at: dict[int, list[str]] = {}
    for figure in report.figures:
        items_at.setdefault(figure.span.line, []).append(f"图{figure.number} {written(figure.title, figure.span.line)}")
    for table in report.tables:
        size = f"（{len(table.rows)}行×{max((len(r.cells) for r in table.rows), default=0)}列）"
        items_at.setdefault(table.span.line, []).append(f"表{table.number} {written(table.title, table.span.line)}{size}")
    for case in report.cases:
        items_at.setdefault(case.span.line, []).append(f"案例{case.number} {written(case.title, case.span.line)}")
    item_lines = sorted(items_at)
    k = 0
    for heading in report.headings:
        number = heading.text[: max(heading.text.find(heading.title), 0)].strip() if heading.number else ""
        title = written(heading.title, heading.span.line)
        label = f"{number}{title}" if number else title
        out.append(Text.assemble(f"{INDENT * max(heading.level, 0)}{label}  ", dim(_where(heading.span.line, heading.span.page))))
        while k < len(item_lines) and item_lines[k] <= heading.span.line:
            k += 1
        next_heading = next((h.span.line for h in report.headings if h.span.line > heading.span.line), None)
        while k < len(item_lines) and (next_heading is None or item_lines[k] < next_heading):
            for item in items_at[item_lines[k]]:
                out.append(Text.assemble(f"{INDENT * (heading.level + 1)}· {item}  ",
                                         dim(_where(item_lines[k], report.page_of(item_lines[k])))))
            k += 1
    out.append("")
    counts = [f"目录 {len(report.toc)} 条", f"标题 {len(report.headings)} 个", f"图 {len(report.figures)} 个",
              f"表 {len(report.tables)} 个", f"案例 {len(report.cases)} 个", f"交叉引用 {len(report.references)} 处",
              f"数值 {len(report.quantities)} 个"]
    out.append("合计：" + "，".join(counts))
    lists = [f"{LIST_NAMES[kind]} {len(entries)} 条" for kind, entries in report.lists.items() if entries]
    if lists:
        out.append("前置列表：" + "，".join(lists))
    if report.page_furniture:
        out.append("已去除的页眉页脚：" + "；".join(report.page_furniture))
    for note in report.notes:
        out.append(f"提示 {note.code}：{note.message}（{_where(note.span.line, note.span.page)}）")
    return Text("\n").join(Text(part) if isinstance(part, str) else part for part in out)
