"""Word list numbering (numbering.xml) turned back into the text it shows: "一、", "（一）", "1.".

Counters follow Word: lists that share an abstract definition share counters; a list instance
with a start override restarts its level when it is first used; a level restarts when a higher
level advances.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from docx.oxml import ns

# A tag qualified once: the readers ask for the same few tags for every element they walk.
qn = cache(ns.qn)

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "ideographTraditional", "taiwaneseCounting", "taiwaneseCountingThousand"):
        import cn2an  # on use: a third of a second to import

        if fmt == "chineseLegalSimplified":
            return cn2an.an2cn(n, "up")
        text = cn2an.an2cn(n)
        return text[1:] if text.startswith("一十") else text
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: every level's number shown in Arabic digits ("1.1", not "一.1")


def val(element, tag: str, default=None):
    """The w:val of ``element``'s child ``tag`` (None-safe)."""
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


def number(value: str | None, default: int, low: int = 0, high: int = 10**6) -> int:
    """A whole number written in the file (a level, a start, a span), or ``default`` when it is
    missing or not one; kept within [low, high], as Word keeps what it reads."""
    try:
        return min(max(int(value), low), high) if value is not None else default
    except ValueError:
        return default


@dataclass
class Numbering:
    abstract_levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    num_abstract: dict[str, str] = field(default_factory=dict)
    num_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return numbering
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[number(lvl.get(qn("w:ilvl")), 0, 0, 8)] = Level(
                    val(lvl, "w:numFmt", "decimal"), val(lvl, "w:lvlText", "") or "",
                    number(val(lvl, "w:start"), 1), val(lvl, "w:suff", "tab"),
                    lvl.find(qn("w:isLgl")) is not None)
            numbering.abstract_levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            numbering.num_abstract[num_id] = val(num, "w:abstractNumId")
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = val(override, "w:startOverride")
                if start is not None:
                    overrides[number(override.get(qn("w:ilvl")), 0, 0, 8)] = number(start, 1)
            numbering.num_overrides[num_id] = overrides
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list and return the label Word shows, with its separator ("" for bullets)."""
        abstract = self.num_abstract.get(num_id)
        levels = self.abstract_levels.get(abstract or "", {})
        if num_id == "0" or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [levels[i].start - 1 if i in levels else 0 for i in range(9)])
        if num_id not in self.used:
            self.used.add(num_id)
            for level, start in self.num_overrides.get(num_id, {}).items():
                counters[level] = start - 1
        counters[ilvl] += 1
        for lower in range(ilvl + 1, 9):
            counters[lower] = levels[lower].start - 1 if lower in levels else 0
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for i in range(9):
            if f"%{i + 1}" in text:
                fmt = levels[i].fmt if i in levels and not level.legal else "decimal"
                text = text.replace(f"%{i + 1}", format_number(max(counters[i], 1), fmt))
        if not text:
            return ""
        # Word's tab after the number is layout, not text: a space where the label ends in a Latin mark.
        ends_wide = text[-1] in "、）．。：】"
        return text + ("" if level.suffix == "nothing" or ends_wide else " ")
