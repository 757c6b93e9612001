"""The regular expressions that recognise the conventions of a quality report."""

from __future__ import annotations

import re

CN_DIGITS = "零〇一二两三四五六七八九十百"
CN_NUM = f"[{CN_DIGITS}]+"
DASH = r"[-－—–‐.．·]"
ITEM_NUMBER = rf"(?:\d+\s*{DASH}\s*\d+|附录\s*{DASH}?\s*\d+|\d+)"

# Heading prefixes, by level. Group "num" is the numeral, "title" the rest.
PART = re.compile(rf"^第\s*(?P<num>{CN_NUM})\s*部分\s*[、.．:：]?\s*(?P<title>.*)$")
CHAPTER = re.compile(rf"^(?P<num>{CN_NUM})\s*[、.．]\s*(?P<title>\S.*)$")
SECTION = re.compile(rf"^[（(]\s*(?P<num>{CN_NUM})\s*[)）]\s*[、.．]?\s*(?P<title>\S.*)$")
DOTTED = re.compile(r"^(?P<num>\d{1,2}\.\d{1,2})\s*(?P<title>[^\s\d.．%％].*)$")
SUBSECTION = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<title>[^\s\d.．%％].*)$")
ITEM = re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[)）]\s*(?P<title>\S.*)$")
HEADING_PATTERNS = ((0, PART), (1, CHAPTER), (2, SECTION), (4, DOTTED), (3, SUBSECTION), (4, ITEM))

MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")

# Captions: 图 1-1 title, 表2.3：title, 图 附录-1 title; the title must not start with punctuation
# (so a wrapped "图 1-7)。" is not a caption).
CAPTION = re.compile(
    rf"^(?P<kind>图|表)\s*(?P<num>{ITEM_NUMBER})\s*[:：]?\s*(?P<title>[^\s)）。，,、；;:：].*)?$"
)
CASE = re.compile(
    rf"^(?:【\s*(?:典型)?案例\s*】\s*(?P<title0>\S.*)"
    rf"|(?:典型)?案例\s*(?P<num>\d+\s*{DASH}\s*\d+|\d+|{CN_NUM})\s*[:：、.．]?\s*(?P<title>[^\s)）。，,、；;].*))$"
)
SOURCE = re.compile(r"^(?:数据|资料|图片|信息)?来源\s*[:：]\s*(?P<text>\S.*)$")
INLINE_SOURCE = re.compile(r"\s*(?:数据|资料)来源\s*[:：]\s*(?P<text>\S.*)$")

# An entry of a contents or list page: title, then dot leaders / tab / spaces, then the page number.
TOC_ENTRY = re.compile(r"^(?P<title>\S.*?)(?:\s*[.．…·•⋯。]{2,}\s*|\s*\t\s*|\s{2,}|\s+)(?P<page>\d{1,3})\s*$")

PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*)?(?:第\s*)?(?P<page>\d{1,3})(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,3}\s*页?)?(?:\s*[-—–－])?\s*$")

REFERENCE_GROUP = re.compile(
    rf"(?P<lead>见|详见|参见|如|参看)?\s*(?P<kind>图|表|案例)\s*(?P<num>{ITEM_NUMBER})"
    rf"(?P<more>(?:\s*[、，,和及与]\s*(?:图|表|案例)?\s*{ITEM_NUMBER})*)"
)
REFERENCE_MORE = re.compile(rf"(?P<kind>图|表|案例)?\s*(?P<num>{ITEM_NUMBER})")

SENTENCE_END = "。！？!?；;"
