"""Recognising a heading line: its numbering prefix, level and title."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..conventions import HEADING_PATTERNS
from ..model import Line


@dataclass(frozen=True)
class HeadingShape:
    level: int
    number: str
    title: str


@lru_cache(maxsize=8192)  # the reading, the outline and the items ask for the same lines
def numbered_shape(text: str) -> HeadingShape | None:
    """The numbering prefix of a line (一、 （一） 1. （1） 第一部分) and the title after it."""
    text = text.strip()
    for level, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            return HeadingShape(level, match.group("num").replace(" ", ""), match.group("title").strip())
    return None


def nearest_text(lines: list[Line], start: int, step: int, skip: set[int]) -> int | None:
    """Index of the first line from ``start`` (inclusive) in direction ``step`` (1 or -1) that has
    text and is not in ``skip`` (furniture, contents); None when there is none."""
    i = start
    while 0 <= i < len(lines):
        if lines[i].text.strip() and lines[i].number not in skip:
            return i
        i += step
    return None
