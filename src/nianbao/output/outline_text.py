"""The outline of a parsed report as a person reads it."""

from __future__ import annotations

from rich.markup import escape

from ..conventions import LIST_NAMES
from ..model import Report

INDENT = "  "


def _where(line: int, page: int | None) -> str:
    return f"第{line}行" + (f"·第{page}页" if page is not None else "")


def outline_text(report: Report, color: bool) -> str:
    def dim(text: str) -> str:
        return f"[dim]{escape(text)}[/]" if color else text

    def bold(text: str) -> str:
        return f"[bold]{escape(text)}[/]" if color else text

    meta = report.meta
    out = [bold(f"{meta.institution or '（未识别学校名称）'} · {meta.level or '层次未知'} · {meta.year or '年度未知'}年度")]
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
        items_at.setdefault(figure.span.line, []).append(f"图{figure.number} {figure.title}")
    for table in report.tables:
        size = f"（{len(table.rows)}行×{max((len(r.cells) for r in table.rows), default=0)}列）"
        items_at.setdefault(table.span.line, []).append(f"表{table.number} {table.title}{size}")
    for case in report.cases:
        items_at.setdefault(case.span.line, []).append(f"案例{case.number} {case.title}")
    item_lines = sorted(items_at)
    k = 0
    for heading in report.headings:
        number = heading.text[: len(heading.text) - len(heading.title)].strip() if heading.number else ""
        label = f"{number}{heading.title}" if number else heading.title
        out.append(f"{INDENT * max(heading.level, 0)}{label}  {dim(_where(heading.span.line, heading.span.page))}")
        while k < len(item_lines) and item_lines[k] <= heading.span.line:
            k += 1
        next_heading = next((h.span.line for h in report.headings if h.span.line > heading.span.line), None)
        while k < len(item_lines) and (next_heading is None or item_lines[k] < next_heading):
            for item in items_at[item_lines[k]]:
                out.append(f"{INDENT * (heading.level + 1)}· {item}  {dim(_where(item_lines[k], report.page_of(item_lines[k])))}")
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
    return "\n".join(out)
