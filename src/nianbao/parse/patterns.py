"""The regular expressions the parser recognises a report's parts by (captions, cases, contents
entries, cross-references), built on the conventions in ``conventions``."""

from __future__ import annotations

import re

from ..conventions import CAPTION_LINE, CN_NUM, DASH, ITEM_NUMBER

MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")

CAPTION = re.compile(CAPTION_LINE)
CASE = re.compile(
    rf"^(?:【\s*(?:典型)?案例\s*】\s*(?P<title0>\S.*)"
    rf"|(?:典型)?案例\s*(?P<num>\d+\s*{DASH}\s*\d+|\d+|{CN_NUM})\s*[:：、.．]?\s*(?P<title>[^\s)）。，,、；;].*))$"
)
INLINE_SOURCE = re.compile(r"\s*(?:数据|资料)来源\s*[:：]\s*(?P<text>\S.*)$")

# An entry of a contents or list page: title, then dot leaders / tab / spaces, then the page number.
# Leaders of dots (a title's own 。 before them stays in the title) or of 。; a title that fills the
# line leaves room for one dot.
TOC_ENTRY = re.compile(r"^(?P<title>\S.*?)(?:\s*(?:[.．…·•⋯]{2,}|。{2,})\s*|(?<=[^\x00-\x7f])[.．…·⋯]"
                       r"|\s*\t\s*|\s{2,}|\s+)(?P<page>\d{1,3})\s*$")

REFERENCE_GROUP = re.compile(
    rf"(?P<lead>见|详见|参见|如|参看)?\s*(?P<kind>图|表|案例)\s*(?P<num>{ITEM_NUMBER})"
    rf"(?P<more>(?:\s*[、，,和及与]\s*(?:图|表|案例)?\s*{ITEM_NUMBER})*)"
)
REFERENCE_MORE = re.compile(rf"(?P<kind>图|表|案例)?\s*(?P<num>{ITEM_NUMBER})")
