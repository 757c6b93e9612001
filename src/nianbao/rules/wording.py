"""What the spelling and garble rules (T9xx, modules spelling, garbles and variants) share: the
body's text, a quotation of the place, character classes. Registers no rule."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Iterable, Iterator

from ..analysis import TextUnit, per_report, text_units
from ..conventions import PUNCTUATION
from ..model import Finding, Report
from .base import Rule
from .common import is_cjk, span_at

CJK = re.compile(r"[\u4e00-\u9fff]")
CN_NUMERALS = set("零〇一二两三四五六七八九十百千万亿几半")
# Characters that stand alone in good text: particles, prepositions, conjunctions, adverbs, postpositions.
FUNCTION_CHARS = set("的地得了着过和与及或并而且在于为以对把被从向由将等之其所也都就还又再才很最更是有个各每该此本"
                     "中上下内外里前后间时者们给让使经据如若因虽但即便已均共约近超达至到您你我他她它")


def all_cjk(text: str) -> bool:
    """Whether every character of ``text`` is a Chinese character (of a text without any, too)."""
    return not text or ("\u4e00" <= min(text) and max(text) <= "\u9fff")


def is_boundary(text: str, index: int) -> bool:
    """Whether ``index`` is outside the text or at punctuation (where a word cannot go on)."""
    return index < 0 or index >= len(text) or text[index] in PUNCTUATION


@lru_cache(maxsize=4096)
def word_starts(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Where each word of ``text`` begins, and the words (as the dictionary segments it)."""
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
    starts, tokens = word_starts(text)
    return tokens[bisect_right(starts, index) - 1]


def word_from(text: str, index: int) -> str:
    """The word of ``text`` (as the dictionary segments it) that begins at ``index``, "" where none does."""
    starts, tokens = word_starts(text)
    k = bisect_right(starts, index) - 1
    return tokens[k] if 0 <= index < len(text) and starts[k] == index else ""


def ends_word(text: str, index: int) -> bool:
    """Whether a word of ``text`` (as the dictionary segments it) ends right before ``index``."""
    starts, _ = word_starts(text)
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
    shares, cost = "words", 3  # the family reads every word: the cut and the pair index are made once

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
    """The text of every unit, joined by line breaks."""
    return "\n".join(unit.text for unit in units(report))


@dataclass
class Corpus:
    """A text (the body's: its units joined by line breaks) with an index of where each pair of
    characters stands, to find or count a phrase, or find it with one character open."""

    text: str
    pairs: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    memo: dict[tuple[str, str], object] = field(default_factory=dict)  # what follows / precedes a word

    def positions(self, phrase: str) -> list[int]:
        """Where ``phrase`` (two characters or more) stands, in order."""
        anchor, offset = self._anchor(phrase, 0)
        return [i - offset for i in anchor if i >= offset and self.text.startswith(phrase, i - offset)]

    def count(self, phrase: str) -> int:
        if phrase not in self.counts:
            self.counts[phrase] = len(self.positions(phrase))
        return self.counts[phrase]

    def fill(self, left: str, right: str) -> dict[str, int]:
        """The characters X for which ``left`` X ``right`` stands in the text, with how often."""
        found: dict[str, int] = {}
        text = self.text
        anchor, offset = self._anchor(left, 0, right, len(left) + 1)
        for i in anchor:
            start = i - offset
            at = start + len(left)
            if start >= 0 and at < len(text) and is_cjk(text[at]) and text.startswith(left, start) \
                    and text.startswith(right, at + 1):
                found[text[at]] = found.get(text[at], 0) + 1
        return found

    def _anchor(self, *parts) -> tuple[list[int], int]:
        """Where the rarest pair of characters of a pattern's known parts (each given with its offset in
        the pattern) stands, and its offset: scanning them finds every match of the pattern, in order
        (any pair would; a rare one is quick to scan, and one that stands twice at most is rare enough)."""
        best, offset = None, 0
        for part, at in zip(parts[::2], parts[1::2]):
            for j in range(len(part) - 1):
                positions = self.pairs.get(part[j : j + 2], ())
                if best is None or len(positions) < len(best):
                    best, offset = positions, at + j
                    if len(best) <= 2:
                        return best, offset
        return best or (), offset


def corpus_of(text: str) -> Corpus:
    pairs: dict[str, list[int]] = {}
    for i in range(len(text) - 1):
        pairs.setdefault(text[i : i + 2], []).append(i)
    return Corpus(text, pairs)


@per_report
def corpus(report: Report) -> Corpus:
    return corpus_of(body_text(report))


@per_report
def _unit_starts(report: Report) -> list[int]:
    """Where each unit begins in the body's text."""
    starts, at = [], 0
    for unit in units(report):
        starts.append(at)
        at += len(unit.text) + 1
    return starts


def holding(report: Report, phrases: Iterable[str]) -> set[int]:
    """The units (by their place in ``units(report)``) in which any of ``phrases`` stands, found in the
    body's text at once: a pattern need be tried only on those."""
    body, starts = corpus(report), _unit_starts(report)
    found: set[int] = set()
    for phrase in phrases:
        if len(phrase) >= 2 and "\n" not in phrase:  # (a line break joins two units)
            found.update(bisect_right(starts, at) - 1 for at in body.positions(phrase))
        else:
            found.update(k for k, unit in enumerate(units(report)) if phrase in unit.text)
    return found


def pair_starts(report: Report, pairs: Iterable[str]) -> dict[int, list[int]]:
    """Where any of ``pairs`` (of characters) stands in each unit (by its place in ``units(report)``), in
    order: the places a pattern that begins with one of them need be tried at."""
    body, starts = corpus(report), _unit_starts(report)
    found: dict[int, list[int]] = {}
    for at in sorted(chain.from_iterable(body.pairs.get(pair, ()) for pair in pairs)):
        k = bisect_right(starts, at) - 1
        if k + 1 == len(starts) or at + 2 < starts[k + 1]:  # not a pair of a unit's end and the line break after it
            found.setdefault(k, []).append(at - starts[k])
    return found
