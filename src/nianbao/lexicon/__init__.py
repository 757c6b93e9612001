"""The lexicon of the field (phrases.yaml, described in README.md beside it): fixed phrases and
names, fixed enumerations, known misspellings, redundant pairs and legitimate reduplications."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import package_yaml


@dataclass(frozen=True)
class Phrase:
    text: str
    category: str
    aliases: tuple[str, ...] = ()
    note: str = ""
    ordinal_after: str = ""  # where the edition (第X届) goes inside the name: 中华人民共和国第二届职业技能大赛

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.text, *self.aliases)


@dataclass(frozen=True)
class Enumeration:
    name: str
    items: tuple[str, ...]
    ordered: bool
    complete: bool


@dataclass(frozen=True)
class Misspelling:
    """A wrong form and the right one. ``…`` in both stands for a few words between two parts
    (订制…标准); ``followed_by`` / ``not_followed_by`` (regular expressions) say where the
    correction applies when the wrong form is right elsewhere."""

    wrong: str
    right: str
    hint: bool = False  # common enough in official writing that a finding is a hint (info)
    followed_by: str = ""
    not_followed_by: str = ""


@dataclass(frozen=True)
class RedundantPair:
    """Two words that say the same thing: side by side (``text`` 通过经过), or around a number
    (``text`` 约 before it, ``after`` 余 after it)."""

    text: str
    after: str
    keep: str
    hint: bool = False


@dataclass(frozen=True)
class Lexicon:
    phrases: tuple[Phrase, ...]
    enumerations: tuple[Enumeration, ...]
    misspellings: tuple[Misspelling, ...]
    redundant_pairs: tuple[RedundantPair, ...]
    reduplications: frozenset[str]
    field_words: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """Every fixed phrase and alias, and every enumeration item: units a segmenter should keep whole."""
        found = {form for phrase in self.phrases for form in phrase.forms}
        found |= {item for enumeration in self.enumerations for item in enumeration.items if len(item) >= 2}
        found |= {m.right for m in self.misspellings if "…" not in m.right}
        found |= set(self.field_words)
        return tuple(sorted(w for w in found if 2 <= len(w) and _plain(w)))


def _plain(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


HINT = "提示即可"


@cache
def lexicon() -> Lexicon:
    data = package_yaml(__package__, "phrases.yaml")
    phrases = tuple(Phrase(p["text"], p["category"], tuple(p.get("aliases") or ()), p.get("note") or "",
                           p.get("ordinal_after") or "") for p in data["phrases"])
    enumerations = tuple(Enumeration(e["name"], tuple(e["items"]), bool(e["ordered"]), bool(e["complete"]))
                         for e in data["enumerations"])
    misspellings = tuple(Misspelling(m["wrong"], m["right"], HINT in (m.get("note") or ""), m.get("followed_by") or "",
                                     m.get("not_followed_by") or "") for m in data["misspellings"])
    pairs = []
    for pair in data["redundant_pairs"]:
        before, _, after = pair["text"].partition("…")
        pairs.append(RedundantPair(before, after, pair["keep"], HINT in (pair.get("note") or "")))
    return Lexicon(phrases, enumerations, misspellings, tuple(pairs), frozenset(data["reduplications"]),
                   tuple(data.get("field_words") or ()))
