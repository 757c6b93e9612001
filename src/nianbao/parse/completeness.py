"""Does the text stop before its end? A file cut short (a download broken off, half a text copied)
still has its whole contents page: the contents promises chapters the text does not have. Such a
file gets one clear message instead of a finding for every chapter it lost.

The evidence is the tail of the contents: the entries after the last one the body has, each
missing from the body (no body line starts with its title, whatever its numbering) and, where the
pages are known, listed on a page past the last one of the text. It counts only when it holds a
whole numbered chapter and at least two entries, and the body has the contents' beginning: an
entry renamed in the body is the contents rules' business, and appendices the contents lists but
the file leaves out (附录, 附件, 附表: the annex tables often come as separate files) are no
evidence, so everything from the first of them on is left out.
"""

from __future__ import annotations

from ..errors import InputError
from ..model import Report, TocEntry
from .normalize import title_key

MIN_MISSING = 2  # entries in the missing tail
NUMBER_CHARS = 10  # characters a heading's numbering may take before its title
PAGE_SLACK = 2  # pages a contents entry may point past the text's last page (front matter, calibration)
# What a contents may list without the file holding it: 附录, 附件, 附表 …, the indicator tables.
APPENDIX_START = "附"
APPENDIX_WORDS = ("指标表", "数据表")
ADVICE = "可能是下载中断或导出不完整。请重新下载，或从原文件重新导出后再试。"


def _line_keys(report: Report) -> list[str]:
    """The title keys of the body lines."""
    return [key for key in (title_key(line.text) for line in report.body_lines()) if key]


def _found(keys: list[str], entry: TocEntry) -> bool:
    """Whether a body line starts with the entry's title, after a numbering prefix of any form
    (一、 （十二） 第三部分 1.2.3 …, or one the parser does not know)."""
    title = title_key(entry.title)
    if len(title) < 2:
        return True  # too short to tell
    return any(key.find(title, 0, NUMBER_CHARS + len(title)) >= 0 for key in keys)


def missing_tail(report: Report) -> list[TocEntry]:
    """The contents entries at its end that the text does not have (empty when it is whole)."""
    main: list[TocEntry] = []
    for entry in report.toc:
        if entry.title.startswith(APPENDIX_START) or any(word in entry.title for word in APPENDIX_WORDS):
            break
        main.append(entry)
    keys: list[str] | None = None  # made when first needed: a whole file's last entry is on a page the text has
    known = [page for page in report.pages if page is not None]
    last_page = max(known) if known else None
    tail: list[TocEntry] = []
    for entry in reversed(main):
        beyond = last_page is None or entry.page is None or entry.page > last_page + PAGE_SLACK
        if not beyond:
            break
        keys = _line_keys(report) if keys is None else keys
        if _found(keys, entry):
            break
        tail.append(entry)
    tail.reverse()
    chapter = any(entry.number and entry.level <= 1 for entry in tail)
    if len(tail) < MIN_MISSING or not chapter or len(tail) == len(main):
        return []
    return tail


def check(report: Report) -> None:
    """Raise the InputError of a text that stops before the end its contents promises."""
    tail = missing_tail(report)
    if not tail:
        return
    first = tail[0].text or tail[0].title
    known = [page for page in report.pages if page is not None]
    listed = [entry.page for entry in report.toc if entry.page is not None]
    if known and listed:
        where = f"目录列到第 {max(listed)} 页，正文只到第 {max(known)} 页"
    elif report.headings:
        where = f"正文最后一个标题是「{report.headings[-1].text or report.headings[-1].title}」"
    else:
        where = "正文中没有目录所列的标题"
    raise InputError(report.path, f"文件不完整：{where}，目录中「{first}」及以后共 {len(tail)} 项在正文中都找不到。" + ADVICE)
