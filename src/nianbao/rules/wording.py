"""What the spelling and garble rules (T9xx, modules spelling, garbles and variants) share: the
body's text, a quotation of the place, character classes. Registers no rule."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterator

from ..analysis import TextUnit, per_report, text_units
from ..conventions import PUNCTUATION
from ..model import Finding, Report
from .base import Rule
from .common import span_at

CJK = re.compile(r"[\u4e00-\u9fff]")
CN_NUMERALS = set("零〇一二两三四五六七八九十百千万亿几半")
# Characters that stand alone in good text: particles, prepositions, conjunctions, adverbs, postpositions.
FUNCTION_CHARS = set("的地得了着过和与及或并而且在于为以对把被从向由将等之其所也都就还又再才很最更是有个各每该此本"
                     "中上下内外里前后间时者们给让使经据如若因虽但即便已均共约近超达至到您你我他她它")


def is_cjk(char: str) -> bool:
    return bool(char) and "\u4e00" <= char <= "\u9fff"


def is_boundary(text: str, index: int) -> bool:
    """Whether ``index`` is outside the text or at punctuation (where a word cannot go on)."""
    return index < 0 or index >= len(text) or text[index] in PUNCTUATION


@lru_cache(maxsize=4096)
def _token_starts(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    from ..segmenter import words

    tokens = words(text)
    starts, at = [], 0
    for word in tokens:
        starts.append(at)
        at += len(word)
    return tuple(starts), tokens


def token_at(text: str, index: int) -> str:
    """The word of ``text`` (as the dictionary segments it) that covers character ``index``."""
    if not 0 <= index < len(text):
        return ""
    starts, tokens = _token_starts(text)
    return tokens[bisect_right(starts, index) - 1]


def ends_word(text: str, index: int) -> bool:
    """Whether a word of ``text`` (as the dictionary segments it) ends right before ``index``."""
    starts, _ = _token_starts(text)
    return index == len(text) or starts[bisect_right(starts, index) - 1] == index


def stray_at(text: str, index: int) -> bool:
    """Whether the character at ``index`` stands alone where the dictionary finds no word for it and
    it is not a word that stands alone in good text (的, 在, 上 …)."""
    word = token_at(text, index)
    return len(word) == 1 and is_cjk(word) and word not in FUNCTION_CHARS


_NEAR_INITIALS = [{"z", "zh"}, {"c", "ch"}, {"s", "sh"}, {"n", "l"}, {"f", "h"}, {"b", "p"}, {"d", "t"}, {"g", "k"}]
_NEAR_FINALS = [{"an", "ang"}, {"en", "eng"}, {"in", "ing"}, {"ian", "iang"}, {"uan", "uang"}]


def sounds_alike(a: str, b: str) -> bool:
    """Whether two characters read the same or nearly so (the slips of a pinyin keyboard: 做/作, 及/级,
    z/zh, n/l, an/ang …)."""
    def near(x: str, y: str, groups: list[set[str]]) -> bool:
        return x == y or any({x, y} <= group for group in groups)

    from ..readings import readings

    return any(near(ia, ib, _NEAR_INITIALS) and near(fa, fb, _NEAR_FINALS)
               for ia, fa in readings(a) for ib, fb in readings(b))


def quote(text: str, start: int, end: int, before: int = 6, after: int = 4) -> str:
    """The place with a little context, as a finding quotes it."""
    left = max(0, start - before)
    right = min(len(text), end + after)
    snippet = text[left:right].replace("\t", " ").strip()
    return f"「{snippet}」"


class WordingRule(Rule):
    """A rule of the spelling and garble family: what it reports counts against the report's wording."""

    severity = "warning"
    dimension = "文字规范"

    def at(self, report: Report, unit: TextUnit, start: int, end: int, message: str, severity=None) -> Finding:
        line = unit.line_at(start)
        evidence = unit.text[max(0, start - 40) : end + 40].replace("\t", " ")
        return self.finding(message, span_at(report, line), evidence, severity)


def units(report: Report, rows: bool = True) -> Iterator[TextUnit]:
    for unit in text_units(report):
        if rows or not unit.is_row:
            yield unit


@per_report
def body_text(report: Report) -> str:
    """The text of every unit, joined by line breaks: what stands in no unit is not in it, so a pattern
    whose words are not in it need not be tried on each unit."""
    return "\n".join(unit.text for unit in units(report))
