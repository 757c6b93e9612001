"""The conventions of a vocational-education quality report, each written once: school levels,
finding severities, the punctuation that ends a sentence, the heading numbering ladder, the item
kinds (图/表/案例) and their numbers, page-number lines, table rows as text (tab-separated cells,
Markdown pipes), source notes and dates. Readers, parser, rules, compiler and writers take them
from here; nothing here imports the rest of the package."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

# -- school levels ------------------------------------------------------------------------------
Level = Literal["高职", "中职"]
LEVELS: tuple[Level, ...] = ("高职", "中职")
LEVEL_EDUCATION: dict[str, str] = {"高职": "高等职业教育", "中职": "中等职业教育"}  # as a report's title names it
LEVEL_WORDS = {"高等职业": "高职", "高职": "高职", "中等职业": "中职", "中职": "中职"}  # words in a text that tell its level

# -- finding severities -------------------------------------------------------------------------
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")  # the most severe first
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
OCR_CAVEAT = "（此处文字由 OCR 识别，可能有误）"  # after a finding on text read from a page image

# -- punctuation --------------------------------------------------------------------------------
SENTENCE_END = "。！？!?；;"  # what ends a sentence (a semicolon ends a clause that reads as one)
COLONS = "：:"
COMMAS = "，,、"
CLAUSE_END = SENTENCE_END + COLONS  # a line stopping short after one of these ends its paragraph
PARAGRAPH_END = CLAUSE_END + "”」）)…"  # a text block ending otherwise runs on into the next block
SENTENCE_SPLIT = re.compile(f"[{SENTENCE_END}]")

# -- the heading numbering ladder -----------------------------------------------------------------
# Levels: 0 第一部分, 1 一、 (chapter), 2 （一）, 3 1., 4 （1） or 1.1. Levels 1-2 count in Chinese numerals.
CN_DIGITS = "零〇一二两三四五六七八九十百"
CN_NUM = f"[{CN_DIGITS}]+"
HEADING_FORMATS = {0: "第{}部分", 1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}
# Heading prefixes, by level. Group "num" is the numeral, "title" the rest.
PART = re.compile(rf"^第\s*(?P<num>{CN_NUM})\s*部分\s*[、.．:：]?\s*(?P<title>.*)$")
CHAPTER = re.compile(rf"^(?P<num>{CN_NUM})\s*[、.．]\s*(?P<title>\S.*)$")
SECTION = re.compile(rf"^[（(]\s*(?P<num>{CN_NUM})\s*[)）]\s*[、.．]?\s*(?P<title>\S.*)$")
DOTTED = re.compile(r"^(?P<num>\d{1,2}\.\d{1,2})\s*(?P<title>[^\s\d.．%％].*)$")
SUBSECTION = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<title>[^\s\d.．%％].*)$")
ITEM = re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[)）]\s*(?P<title>\S.*)$")
HEADING_PATTERNS = ((0, PART), (1, CHAPTER), (2, SECTION), (4, DOTTED), (3, SUBSECTION), (4, ITEM))


def heading_prefix(level: int, number: str) -> str:
    """The numbering as printed before a heading's title: 一、 （一） 1. （1） 第一部分."""
    return HEADING_FORMATS.get(level, "{}").format(number) if number else ""


def heading_numeral(level: int, n: int) -> str:
    """The ``n``-th number of a level as written: Chinese numerals for levels 0-2, Arabic deeper."""
    if level > 2:
        return str(n)
    import cn2an  # loaded on use: it takes a quarter of a second to import

    return cn2an.an2cn(n)


# -- items: figures, tables, cases ---------------------------------------------------------------
ItemKind = Literal["figure", "table", "case"]
ITEM_WORDS: dict[ItemKind, str] = {"figure": "图", "table": "表", "case": "案例"}
ITEM_KINDS: dict[str, ItemKind] = {word: kind for kind, word in ITEM_WORDS.items()}
LIST_NAMES: dict[ItemKind, str] = {kind: f"{word}目录" for kind, word in ITEM_WORDS.items()}
# Titles of the contents page (None) and of the lists of items, with the synonyms reports use.
LIST_TITLES: dict[str, ItemKind | None] = {
    "目录": None, "目次": None,
    "图目录": "figure", "插图目录": "figure", "图片目录": "figure",
    "表目录": "table", "表格目录": "table",
    "案例目录": "case", "典型案例目录": "case",
}
DASH = r"[-－—–‐.．·]"
ITEM_NUMBER = rf"(?:\d+\s*{DASH}\s*\d+|附录\s*{DASH}?\s*\d+|\d+)"  # 1-2, 1.2, 附录-1, 7
APPENDIX = "附录"


def normalise_number(number: str) -> str:
    """图 1－2 / 图1.2 / 图1—2 → 1-2; Chinese case numbers stay as written."""
    return re.sub(rf"\s*{DASH}\s*", "-", re.sub(r"\s+", "", number))


def caption(kind: ItemKind, number: str, title: str) -> str:
    """A caption as the compiler prints it: 图 1-3 标题."""
    return f"{ITEM_WORDS[kind]} {number} {title}"


# -- page-number lines ---------------------------------------------------------------------------
# "3", "- 3 -", "第3页", "第3页 共120页", "3/120", "第3页/共120页": group "page" is the number.
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*)?(?:第\s*)?(?P<page>\d{1,4})(?:\s*页)?"
    r"(?:\s*(?:[/／,，]\s*)?共\s*\d{1,4}\s*页|\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?"
    r"(?:\s*[-—–－])?\s*$"
)
ROMAN_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*)?(?=[ivxlcIVXLC])(?:[ivxlc]+|[IVXLC]+)(?:\s*[-—–－])?\s*$")

# -- table rows as text --------------------------------------------------------------------------
CELL_SEPARATOR = "\t"  # a table row read as one line of text: its cells joined by tabs
_PIPE_RULE_CELL = re.compile(r":?-{2,}:?")


def split_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip("\n").split(CELL_SEPARATOR)]


def join_cells(cells: list[str]) -> str:
    return CELL_SEPARATOR.join(cells)


def pipe_cells(text: str) -> list[str] | None:
    """The cells of a Markdown pipe-table row ("| a | b |"), None when the line is not one."""
    stripped = text.strip()
    if not (stripped.startswith("|") and stripped.count("|") >= 2):
        return None
    return [cell.strip() for cell in stripped.strip("|").split("|")]


def is_pipe_rule(cells: list[str]) -> bool:
    """The row under a pipe table's header: every cell dashes, maybe with alignment colons."""
    return all(_PIPE_RULE_CELL.fullmatch(cell) for cell in cells)


# -- source notes --------------------------------------------------------------------------------
SOURCE_LABEL = r"(?:数据|资料|图片|信息)?来源\s*[:：]"
SOURCE = re.compile(rf"^{SOURCE_LABEL}\s*(?P<text>\S.*)$")  # a line of its own: 数据来源：教务处
SOURCE_NOTE = re.compile(SOURCE_LABEL)  # a source label anywhere in a line


# -- dates ---------------------------------------------------------------------------------------
def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
