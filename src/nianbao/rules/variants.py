"""The report against itself: a phrase or name written once with a character too many, too few or
changed, where the report writes it right elsewhere; a name with a word dropped, two words swapped
or its first character lost; a word cut short where the report always writes it whole."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..analysis import TextUnit, per_report
from ..model import Finding, Report
from .base import CheckContext
from .wording import CN_NUMERALS, FUNCTION_CHARS, WordingRule, is_cjk, quote, sounds_alike, units


@dataclass
class Corpus:
    """The body's text as one string (units joined by line breaks) with an index of where each pair
    of characters stands, to count a phrase or find it with one character open."""

    text: str
    pairs: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, phrase: str) -> int:
        if phrase not in self.counts:
            self.counts[phrase] = sum(self.text.startswith(phrase, i) for i in self.pairs.get(phrase[:2], ()))
        return self.counts[phrase]

    def fill(self, left: str, right: str) -> Counter:
        """The characters X for which ``left`` X ``right`` stands in the text, with how often."""
        found: Counter = Counter()
        text = self.text
        if len(left) >= 2:
            starts = (i + 2 - len(left) for i in self.pairs.get(left[-2:], ()))
        elif len(right) >= 2:
            starts = (i - 1 - len(left) for i in self.pairs.get(right[:2], ()))
        else:
            return found
        for start in starts:
            at = start + len(left)
            if start >= 0 and at < len(text) and is_cjk(text[at]) and text.startswith(left, start) \
                    and text.startswith(right, at + 1):
                found[text[at]] += 1
        return found


@per_report
def corpus(report: Report) -> Corpus:
    text = "\n".join(unit.text for unit in units(report))
    pairs: dict[str, list[int]] = {}
    for i in range(len(text) - 1):
        pairs.setdefault(text[i : i + 2], []).append(i)
    return Corpus(text, pairs)


@per_report
def word_pairs(report: Report) -> Counter:
    """How often each two words stand side by side in the body (as the dictionary segments it)."""
    from ..segmenter import words

    pairs: Counter = Counter()
    for unit in units(report):
        tokens = words(unit.text)
        pairs.update(zip(tokens, tokens[1:]))
    return pairs


@dataclass(frozen=True)
class Repair:
    start: int  # the stretch of the unit that is wrong
    end: int
    right: str  # what the report writes elsewhere instead
    count: int
    what: str  # 多字 / 少字 / 错字


# Characters of the right form a repair needs, by kind: a short phrase matches too much by chance,
# and dropping a modifier (新、总、类) from a phrase always leaves a phrase the report also uses.
MIN_EVIDENCE = {"少字": 5, "错字": 6, "多字": 6}


def _repairs(text: str, p: int, where: Corpus) -> Iterator[Repair]:
    """Ways to mend the stray character at ``p`` into a phrase the report writes elsewhere."""
    stray = text[p]
    for k in (1, 2, 3):
        for m in range(1, 9):
            left, right = text[max(0, p - k) : p], text[p + 1 : p + 1 + m]
            if len(left) < k or len(right) < m or not _plain(left + right):
                continue
            # one character too many: the report writes left + right
            if len(left + right) >= MIN_EVIDENCE["多字"] and where.count(left + right) >= 2:
                yield Repair(p - k, p + 1 + m, left + right, where.count(left + right), "多字")
            # one character missing after the stray one, or before it
            if m <= 4 and len(left + right) + 2 >= MIN_EVIDENCE["少字"]:
                for a, b in ((left + stray, right), (left, stray + right)):
                    for x, n in where.fill(a, b).items():
                        if n >= 2:
                            yield Repair(p - k, p + 1 + m, a + x + b, n, "少字")
            # the stray character in place of another that sounds alike (a pinyin keyboard's slip)
            if m <= 4 and len(left + right) + 1 >= MIN_EVIDENCE["错字"]:
                for x, n in where.fill(left, right).items():
                    if x != stray and n >= 2 and x not in CN_NUMERALS and sounds_alike(x, stray):
                        yield Repair(p - k, p + 1 + m, left + x + right, n, "错字")


def _plain(text: str) -> bool:
    return all(is_cjk(ch) for ch in text)


def _mends(repair: Repair) -> bool:
    """Whether the right form reads as words where the wrong one left a character alone."""
    from ..segmenter import words

    return not any(len(w) == 1 and is_cjk(w) and w not in FUNCTION_CHARS for w in words(repair.right))


PARTIES = set("政行校企研园社家产学用军地院所")  # one-character names of partners, coordinated as in 政行校企


def _lone(word: str) -> bool:
    return len(word) == 1 and is_cjk(word) and word not in FUNCTION_CHARS and word not in CN_NUMERALS


def stray_repairs(unit: TextUnit, where: Corpus, pairs: Counter) -> Iterator[Repair]:
    from ..segmenter import words

    text = unit.text
    tokens = words(text)
    at = 0
    for i, word in enumerate(tokens):
        p = at
        at += len(word)
        if not _lone(word):
            continue
        before, after = tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""
        if _lone(before) or _lone(after) or (word in PARTIES and (set(before) <= PARTIES or set(after) <= PARTIES)):
            continue  # a run of lone characters is a word the dictionary lacks (政校行企、校企研), not a slip
        if pairs[(before, word)] > 1 or pairs[(word, after)] > 1 or where.count(text[max(0, p - 2) : p + 3]) > 1:
            continue  # the report writes it so elsewhere too (东 + 哈萨克斯坦): its own usage, not a slip
        best = max((r for r in _repairs(text, p, where) if _mends(r)), key=lambda r: (r.count, len(r.right)), default=None)
        if best:
            yield best


class PhraseWrittenOtherwise(WordingRule):
    """疑似多字、少字、错字：某处留下一个不成词的单字，而把它删去、补上一个字或换一个字，正是本报告其他处
    （至少两处）的写法。

    反例：「数据来源：学校数招生办公室」（其他处两次写作「学校招生办公室」）、「以培育核心素养为心目标」
    （其他处写作「为核心目标」）。
    正例：「数据来源：学校招生办公室」「以培育核心素养为核心目标」。
    """

    code = "T921"
    name = "与本报告他处写法不一"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        where = corpus(report)
        pairs = word_pairs(report)
        for unit in units(report):
            for repair in stray_repairs(unit, where, pairs):
                wrong = unit.text[repair.start : repair.end]
                yield self.at(report, unit, repair.start, repair.end,
                              f"疑似{repair.what}：{quote(unit.text, repair.start, repair.end, before=2, after=2)}中的「{wrong}」，"
                              f"本报告其他处写作「{repair.right}」（{repair.count}处）。")



