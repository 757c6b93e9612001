"""Recognising a heading line: its numbering prefix, level and title."""

from __future__ import annotations

from dataclasses import dataclass

from .patterns import HEADING_PATTERNS


@dataclass(frozen=True)
class HeadingShape:
    level: int
    number: str
    title: str


def numbered_shape(text: str) -> HeadingShape | None:
    """The numbering prefix of a line (一、 （一） 1. （1） 第一部分) and the title after it."""
    text = text.strip()
    for level, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            return HeadingShape(level, match.group("num").replace(" ", ""), match.group("title").strip())
    return None
