"""What a reader could not read as it should, recorded as notes (Findings with codes P01x) in
``Document.notes`` while the reading goes on; the checker reports them through
rules/parser_notes.py like the parser's own notes."""

from __future__ import annotations

from ..model import Finding, Line, Span

LAYOUT_FAILED = "P010"
PAGE_UNREADABLE = "P011"
READ_BY_OCR = "P012"
REPAIRED = "P013"


def pages_text(pages: list[int]) -> str:
    """1, 2, 3, 5 → "第 1–3、5 页"."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "第 " + "、".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else "、".join(map(str, run)) for run in runs) + " 页"


def at_page(lines: list[Line], physical: int | None) -> Span:
    """The first line read from physical page ``physical`` (or the next page that gave text)."""
    for line in lines:
        if physical is None or (line.physical_page or 0) >= physical:
            return Span(line.number, line.page)
    return Span(max(len(lines), 1))


def layout_failed(lines: list[Line], physical: int | None, where: str) -> Finding:
    place = f"第 {physical} 页" if physical else "全文的页眉页脚"
    return Finding(LAYOUT_FAILED, "warning", f"{place}版面分析出现内部错误（{where}），已按纯文本读取："
                   "此处的表格、段落和页眉页脚可能不完整。请把文件反馈给开发者。", at_page(lines, physical), dimension="")


def page_unreadable(lines: list[Line], physicals: list[int]) -> Finding:
    return Finding(PAGE_UNREADABLE, "warning", f"PDF {pages_text(physicals)}已损坏，无法读取，已跳过。"
                   "请从原文件重新导出 PDF。", at_page(lines, min(physicals)), dimension="")


def read_by_ocr(lines: list[Line], physicals: list[int], confidence: float) -> Finding:
    return Finding(READ_BY_OCR, "info", f"PDF {pages_text(physicals)}是扫描图片，文字由 OCR 识别（平均置信度 "
                   f"{confidence:.0%}）", at_page(lines, min(physicals)),
                   dimension="")


def repaired(lines: list[Line]) -> Finding:
    return Finding(REPAIRED, "info", "PDF 文件结构有损（读取时已自动修复），文字未见乱码；若内容有缺失，"
                   "请从原文件重新导出 PDF。", at_page(lines, None), dimension="")
