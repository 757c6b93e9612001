"""The report against itself: a phrase or name written once with a character too many, too few or
changed, where the report writes it right elsewhere; a name with a word dropped, two words swapped
or its first character lost; a word cut short where the report always writes it whole."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, Iterator

from ..analysis import TextUnit, per_report
from ..model import Finding, Report
from .base import CheckContext
from .wording import (
    CN_NUMERALS,
    FUNCTION_CHARS,
    Corpus,
    WordingRule,
    all_cjk,
    corpus,
    corpus_of,
    ends_word,
    is_cjk,
    pair_starts,
    quote,
    sounds_alike,
    token_at,
    units,
    word_from,
    word_starts,
)


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
        # a way that finds no phrase written twice with the right side cut shorter finds none with it longer
        exhausted: set[str] = set()
        for m in range(1, 9):
            left, right = text[max(0, p - k) : p], text[p + 1 : p + 1 + m]
            if len(left) < k or len(right) < m or not all_cjk(left + right):
                break  # nor will a longer right side do
            # one character too many: the report writes left + right
            if "多字" not in exhausted and len(left + right) >= MIN_EVIDENCE["多字"]:
                if (n := where.count(left + right)) >= 2:
                    yield Repair(p - k, p + 1 + m, left + right, n, "多字")
                else:
                    exhausted.add("多字")
            # one character missing after the stray one, or before it
            if m <= 4 and len(left + right) + 2 >= MIN_EVIDENCE["少字"]:
                for a, b, way in ((left + stray, right, "少字后"), (left, stray + right, "少字前")):
                    for x, n in _twice(where, a, b, way, exhausted):
                        yield Repair(p - k, p + 1 + m, a + x + b, n, "少字")
            # the stray character in place of another that sounds alike (a pinyin keyboard's slip)
            if m <= 4 and len(left + right) + 1 >= MIN_EVIDENCE["错字"]:
                for x, n in _twice(where, left, right, "错字", exhausted):
                    if x != stray and x not in CN_NUMERALS and sounds_alike(x, stray):
                        yield Repair(p - k, p + 1 + m, left + x + right, n, "错字")


def _twice(where: Corpus, left: str, right: str, way: str, exhausted: set[str]) -> list[tuple[str, int]]:
    """The characters X for which ``left`` X ``right`` stands in the report twice or more, with how often;
    none where ``way`` is exhausted, and ``way`` exhausted where there are none."""
    if way in exhausted:
        return []
    found = [(x, n) for x, n in where.fill(left, right).items() if n >= 2]
    if not found:
        exhausted.add(way)
    return found


def _mends(repair: Repair) -> bool:
    """Whether the right form reads as words where the wrong one left a character alone."""
    from ..segmenter import words

    return not any(len(w) == 1 and is_cjk(w) and w not in FUNCTION_CHARS for w in words(repair.right))


PARTIES = set("政行校企研园社家产学用军地院所")  # one-character names of partners, coordinated as in 政行校企


@cache  # asked of every word of the body
def _lone(word: str) -> bool:
    return len(word) == 1 and is_cjk(word) and word not in FUNCTION_CHARS and word not in CN_NUMERALS


def stray_repairs(unit: TextUnit, where: Corpus, pairs: Counter) -> Iterator[Repair]:
    text = unit.text
    starts, tokens = word_starts(text)
    for i in [i for i, word in enumerate(tokens) if _lone(word)]:
        word, p = tokens[i], starts[i]
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

    反例：「数据来源：学校典教务处数据统计」（其他处多次写作「学校教务处数据统计」）、「以提升就业质量为心目标」
    （其他处写作「为核心目标」）。
    正例：「数据来源：学校教务处数据统计」「以提升就业质量为核心目标」。
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





# -- a name written otherwise: a word dropped, a character changed, two words swapped ----------------

NAME_SUFFIXES = ("学院", "大学", "学校", "集团", "公司", "中心", "基地", "工坊", "协会", "学会", "委员会", "党校", "办公室",
                 "研究院", "研究所", "实验室", "工作室", "联盟", "共同体", "联合体", "大赛", "竞赛", "比赛", "专利", "计划", "工程")
_NAME_END = re.compile("|".join(sorted(NAME_SUFFIXES, key=len, reverse=True)))
LEVEL_CHARS = set("国省市县区校院系级高中初大小上下前后新老一二三四五六七八九十百千万")
CONJUNCTIONS = set("与及和、")
MAX_GAP = 6  # characters between the shared part of two names and their common suffix
NEAR_LINES = 12


@dataclass(frozen=True)
class Occurrence:
    unit: TextUnit
    end: int  # where the name ends in the unit (after its suffix)
    suffix: str


@dataclass(frozen=True)
class NameVariant:
    unit: TextUnit
    start: int
    end: int
    wrong: str
    right: str
    count: int
    how: str  # 少字 / 错字 / 语序颠倒


def _relation(wrong: str, right: str) -> str | None:
    """How ``wrong`` differs from ``right``: a block of 1-4 characters dropped (少字), one or two
    neighbouring characters changed (错字), or two parts swapped (语序颠倒); None otherwise."""
    if len(wrong) < len(right) <= len(wrong) + 4:
        for i in range(len(wrong) + 1):
            if right.startswith(wrong[:i]) and right.endswith(wrong[i:]) and i + len(right) - len(wrong) <= len(right):
                if right[:i] + right[i + len(right) - len(wrong):] == wrong:
                    return "少字"
    if len(wrong) == len(right) and wrong != right:
        diffs = [i for i, (a, b) in enumerate(zip(wrong, right)) if a != b]
        if len(diffs) <= 2 and diffs[-1] - diffs[0] <= 1:
            return "错字"
        if sorted(wrong) == sorted(right) and _swapped(wrong, right):
            return "语序颠倒"
    return None


def _swapped(a: str, b: str) -> tuple[str, str] | None:
    """The two adjacent parts of ``b`` exchanged in ``a`` (国立欧亚 / 欧亚国立), if that is how they differ."""
    for i in range(len(b)):
        for j in range(i + 1, len(b)):
            for k in range(j + 1, len(b) + 1):
                if b[:i] + b[j:k] + b[i:j] + b[k:] == a:
                    return b[i:j], b[j:k]
    return None


def _changed(wrong: str, right: str) -> str:
    """The characters that differ between two forms of a name (both ends trimmed)."""
    i = 0
    while i < min(len(wrong), len(right)) and wrong[i] == right[i]:
        i += 1
    j = 0
    while j < min(len(wrong), len(right)) - i and wrong[-1 - j] == right[-1 - j]:
        j += 1
    return wrong[i : len(wrong) - j] + right[i : len(right) - j]


def _name_occurrences(report: Report) -> list[Occurrence]:
    found = []
    for unit in units(report):
        text = unit.text
        for match in _NAME_END.finditer(text):
            if ends_word(text, match.end()):  # the suffix must end a word: 重大赛事 has no 大赛 in it
                found.append(Occurrence(unit, match.end(), match.group(0)))
    return found


def _left_part(text: str, end: int, limit: int = 12) -> str:
    start = end
    while start > 0 and is_cjk(text[start - 1]) and end - start < limit:
        start -= 1
    return text[start:end]


@dataclass
class Evidence:
    """Where a name is counted: the body, and the lists of contents, figures and tables (a caption's
    name in the list of figures is a second instance of it)."""

    body: Corpus
    lists: Corpus
    verdicts: dict[tuple[str, str], tuple[str, int, bool] | None] = field(default_factory=dict)  # by (wrong, right)

    def count(self, phrase: str) -> int:
        return self.body.count(phrase) + self.lists.count(phrase)


@per_report
def evidence(report: Report) -> Evidence:
    return Evidence(corpus(report), corpus_of("\n".join(report.line_text(n) for n in sorted(report.front_lines))))


def name_variants(report: Report) -> Iterator[NameVariant]:
    """Names (ending in 学院, 大赛, 集团 …) written once otherwise than elsewhere. Two ends of names are
    compared when four characters before their suffix agree and what stands between differs, or when
    the characters before the suffix are the same in another order."""
    where = evidence(report)
    own = report.meta.institution
    buckets: dict[tuple[str, str], list[tuple[Occurrence, int]]] = {}
    for occurrence in _name_occurrences(report):
        text, cut = occurrence.unit.text, occurrence.end - len(occurrence.suffix)
        run = len(_left_part(text, cut, MAX_GAP + 4))  # Chinese characters right before the suffix
        for gap in range(0, min(MAX_GAP, run - 4) + 1):
            start = cut - gap - 4
            buckets.setdefault((text[start : start + 4], occurrence.suffix), []).append((occurrence, start))
        for n in range(4, min(6, run) + 1):
            key = ("".join(sorted(text[cut - n : cut])) + "/" + str(n), occurrence.suffix)
            buckets.setdefault(key, []).append((occurrence, cut - n))
    seen: set[tuple[int, int]] = set()
    for entries in buckets.values():
        tails = [a.unit.text[start : a.end] for a, start in entries]
        if len(set(tails)) < 2:
            continue
        for (a, start_a), tail_a in zip(entries, tails):
            if (id(a.unit), a.end) in seen:
                continue
            for (b, start_b), tail_b in zip(entries, tails):
                found = tail_a != tail_b and _judge(a, start_a, b, start_b, where, own)
                if found:
                    seen.add((id(a.unit), a.end))
                    yield found
                    break


def _judge(a: Occurrence, start_a: int, b: Occurrence, start_b: int, where: Evidence, own: str) -> NameVariant | None:
    """Whether the name ending at ``a`` is a slip for the one ending at ``b``: their tails, extended to
    the left as far as both agree, are counted in the report and compared."""
    text_a, text_b = a.unit.text, b.unit.text
    lead_a, lead_b = _left_part(text_a, start_a, 8), _left_part(text_b, start_b, 8)
    common = 0
    while common < min(len(lead_a), len(lead_b)) and lead_a[-1 - common] == lead_b[-1 - common]:
        common += 1
    wrong = text_a[start_a - common : a.end]
    right = text_b[start_b - common : b.end]
    if (wrong, right) not in where.verdicts:  # the same two forms meet again and again
        where.verdicts[(wrong, right)] = _verdict(wrong, right, where, own)
    verdict = where.verdicts[(wrong, right)]
    if verdict is None or verdict[2] and not _near(a, b):
        return None
    how, n_right, _ = verdict
    return NameVariant(a.unit, a.end - len(wrong), a.end, wrong, right, n_right, how)


def _verdict(wrong: str, right: str, where: Evidence, own: str) -> tuple[str, int, bool] | None:
    """How ``wrong`` is a slip for ``right`` (少字 / 错字 / 语序颠倒), how often the report writes ``right``,
    and whether that holds only where the two stand near each other; None where it is no slip."""
    how = _relation(wrong, right)
    changed = _changed(wrong, right)
    if how is None or any(ch.isdigit() for ch in changed) or (how == "错字" or len(changed) == 1) and set(changed) & LEVEL_CHARS:
        return None  # another year, level or edition of the same kind of thing
    if own and (own in wrong or own in right or _relation(own, right) or _relation(right, own)):
        return None  # the school's own name: S106 compares it with the cover
    n_wrong, n_right = where.count(wrong), where.count(right)
    legal = where.count(right + "有限公司") > 0  # a company's registered name
    if _lexicon_form(wrong, right):
        return None  # written as the lexicon of the field writes it: the other form is the slip
    if how == "语序颠倒" and n_wrong <= 3 and n_right >= 3 * n_wrong and not set.intersection(*map(set, _swapped(wrong, right))):
        # two words that share a character (创新创业 / 创业创新) are a pair written in either order
        return how, n_right, False
    if n_wrong != 1 or n_right < 2 and not (how == "少字" and legal):
        return None
    if how == "少字" and not (n_right >= (3 if len(right) - len(wrong) <= 2 else 5) or legal and len(right) - len(wrong) <= 2):
        return None  # a longer drop from a name stated once or twice is usually its short form
    if how == "错字" and not _slip(changed):
        # a longer change is a slip only in a long name, written near its right form
        return (how, n_right, True) if len(changed) == 4 and len(wrong) >= 10 else None
    return how, n_right, False


def _lexicon_form(wrong: str, right: str) -> bool:
    """Whether ``wrong`` holds a fixed phrase of the lexicon that ``right`` lacks (so it is the right one)."""
    by_pair = _long_names_by_pair()
    return any(wrong.startswith(form, i) and form not in right
               for i in range(len(wrong) - 3) for form in by_pair.get(wrong[i : i + 2], ()))


@cache
def _long_names_by_pair() -> dict[str, tuple[str, ...]]:
    """The fixed phrases of four characters or more, by their first two characters."""
    found: dict[str, list[str]] = {}
    for form in _lexicon_names():
        if len(form) >= 4:
            found.setdefault(form[:2], []).append(form)
    return {pair: tuple(forms) for pair, forms in found.items()}


def _slip(changed: str) -> bool:
    """One character for another that sounds alike (作/做) or one conjunction for another (与/及)."""
    return len(changed) == 2 and (sounds_alike(*changed) or set(changed) <= CONJUNCTIONS)


def _near(a: Occurrence, b: Occurrence) -> bool:
    return abs(a.unit.line_at(a.end) - b.unit.line_at(b.end)) <= NEAR_LINES


class NameWrittenOtherwise(WordingRule):
    """名称前后写法不一：机构、赛事、基地等名称在一处少了一个词、错了一两个字或语序颠倒，而本报告其他处
    （多处，或公司的全称）是另一种写法。学校自身名称不在此列（见 S106）。

    反例：「澄州青岚制造产业学院」（其他处多次写作「澄州青岚智能制造产业学院」）、「国立澄州大学」（其他处写作「澄州国立大学」）。
    正例：全文统一写作「澄州青岚智能制造产业学院」「澄州国立大学」。
    """

    code = "T922"
    name = "名称前后不一"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for variant in name_variants(report):
            yield self.at(report, variant.unit, variant.start, variant.end,
                          f"名称前后不一（{variant.how}）：{quote(variant.unit.text, variant.start, variant.end, before=2, after=2)}"
                          f"中的「{variant.wrong}」，本报告其他处写作「{variant.right}」（{variant.count}处）。")


# -- a word cut short where the report always writes it whole ---------------------------------------

MIN_USES = 5  # the report writes the longer word at least this often
# a mark, two Chinese characters and one more character
_OPENING = re.compile("[，,、；;：:。（(“‘《](?=[\u4e00-\u9fff]{2}.)", re.DOTALL)


def _left_cuts(unit: TextUnit, where: Corpus) -> Iterator[tuple[int, int, str]]:
    """Right after a punctuation mark, characters that the report writes elsewhere only as the end of one
    longer word: 「、津市海河工匠」 where 津市 is always part of 天津市 (five times or more); or three
    characters starting with a lone one, always preceded by the same character (「；学体系，」 where
    the report twice writes 教学体系)."""
    from ..segmenter import is_word

    text = unit.text
    for mark in _OPENING.finditer(text):
        q = mark.end()
        for n in (2, 3):
            head = text[q : q + n]
            if n == 3 and not (is_cjk(text[q + 2]) and _lone(token_at(text, q))):
                continue
            sole = _sole_preceding(where, head)
            if sole is None:
                continue
            char, uses = sole
            if n == 2 and uses >= MIN_USES and is_word(char + head) and token_at(text, q) != char + head:
                yield q, q + 2, char
                break
            if n == 3 and uses >= 2:
                yield q, q + 3, char
                break


def _sole_preceding(where: Corpus, head: str) -> tuple[str, int] | None:
    """The one Chinese character that stands before ``head`` in the report and how often, where ``head``
    stands otherwise (after no Chinese character) at least once and at most once in twenty."""
    key = ("before", head)
    if key not in where.memo:
        where.memo[key] = _one_before(where, head)
    return where.memo[key]


def _one_before(where: Corpus, head: str) -> tuple[str, int] | None:
    text, char, uses, occurrences = where.text, "", 0, 0
    for i in where.pairs.get(head[:2], ()):
        if text.startswith(head, i):
            occurrences += 1
            if i > 0 and is_cjk(text[i - 1]):
                if char and text[i - 1] != char:
                    return None  # two characters stand before it: it is no one word's end
                char, uses = text[i - 1], uses + 1
    return (char, uses) if char and 1 <= occurrences - uses <= max(1, uses // 20) else None


MIN_FOLLOWED = 10  # a word the report follows with the same two characters at least this often


def _right_cuts(unit: TextUnit, where: Corpus, heads: Iterable[int]) -> Iterator[tuple[int, int, str]]:
    """A word that the report nearly always writes as the start of one longer name (a fixed phrase of the
    lexicon), standing once without the rest and running on into other words: 「首所哈萨克斯坦鲁班已经
    完成」 (鲁班工坊 everywhere else). ``heads``: where the unit holds the first two characters of a
    fixed phrase, in order."""
    from ..segmenter import is_word

    text = unit.text
    names = _lexicon_names()
    for start in heads:
        word, at = text[start : start + 2], start + 2
        if at + 1 >= len(text) or not is_cjk(text[at]):
            continue
        habit = _name_habit(where, word)
        if habit is None or word_from(text, start) != word:
            continue
        rest, once = habit
        odd = text[at : at + 2]
        if once == [odd[0]] and odd[0] != rest[0] and not is_word(word + odd[0]) \
                and not any(form.startswith(word + odd[0]) for form in names):
            yield start, at, rest


def _name_habit(where: Corpus, word: str) -> tuple[str, list[str]] | None:
    """What nearly always follows ``word`` in the report (two characters that complete a name of the
    lexicon, at least ten times), and the characters that begin a continuation written only once (a
    productive word has many)."""
    key = ("after", word)
    if key not in where.memo and (word not in _four_character_names() or len(where.pairs.get(word, ())) < MIN_FOLLOWED):
        where.memo[key] = None  # no name of four characters begins with it, or the report writes it too seldom
    if key not in where.memo:
        followers = _following(where, word)
        rest, uses = followers.most_common(1)[0] if followers else ("", 0)
        habit = None
        if uses >= MIN_FOLLOWED and uses >= 0.85 * sum(followers.values()) and word + rest in _lexicon_names():
            firsts: Counter = Counter()
            for follower, n in followers.items():
                firsts[follower[0]] += n
            habit = rest, [char for char, n in firsts.items() if n == 1]
        where.memo[key] = habit
    return where.memo[key]


@cache
def _four_character_names() -> frozenset[str]:
    """The first two characters of every fixed phrase of four characters."""
    return frozenset(form[:2] for form in _lexicon_names() if len(form) == 4)


@cache
def _name_heads() -> frozenset[str]:
    """The first two characters of every fixed phrase of four characters or more."""
    return frozenset(form[:2] for form in _lexicon_names() if len(form) >= 4)


@cache
def _lexicon_names() -> frozenset[str]:
    from ..lexicon import lexicon

    return frozenset(form for phrase in lexicon().phrases for form in phrase.forms)


def _words(text: str) -> tuple[str, ...]:
    from ..segmenter import words

    return words(text)


def _following(where: Corpus, word: str) -> Counter:
    """The two characters that follow ``word`` in the report, where they are Chinese characters."""
    found: Counter = Counter()
    text = where.text
    for i in where.pairs.get(word, ()):
        after = text[i + 2 : i + 4]
        if len(after) == 2 and all_cjk(after):
            found[after] += 1
    return found


class WordCutShort(WordingRule):
    """词语缺头少尾：标点之后的两个字，本报告其他处（至少五处）都是同一个词的后半（「、津市海河工匠」，
    其他处都是「天津市」）；或一个名称的前半，本报告其他处（至少十处）后面总跟着同样的两个字，只此一处
    没有（「哈萨克斯坦鲁班已经完成」，其他处都是「鲁班工坊」）。

    反例：「荣获全国技术能手、津市劳动模范称号」（其他处都是「天津市」）、「首个泰国鲁班已经完成建设」（其他处都是「鲁班工坊」）。
    正例：「荣获全国技术能手、天津市劳动模范称号」「首个泰国鲁班工坊已经完成建设」。
    """

    code = "T923"
    name = "词语缺头少尾"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        where = corpus(report)
        heads = pair_starts(report, _name_heads())
        for index, unit in enumerate(units(report)):
            for start, end, char in _left_cuts(unit, where):
                head = unit.text[start:end]
                yield self.at(report, unit, start, end,
                              f"疑似漏字：{quote(unit.text, start - 1, end + 3, before=0)}中的「{head}」前疑缺「{char}」"
                              f"（本报告其他处均写作「{char}{head}」）。")
            for start, end, rest in _right_cuts(unit, where, heads.get(index, ())):
                word = unit.text[start:end]
                yield self.at(report, unit, start, end,
                              f"疑似漏字：{quote(unit.text, start, end + 2, before=4, after=0)}中的「{word}」后疑缺「{rest}」"
                              f"（本报告其他处均写作「{word}{rest}」）。")


# -- table cells written otherwise than their neighbours ----------------------------------------------

MIN_COLUMN = 4  # cells a column needs before its habit counts


def _header_slips(report: Report) -> Iterator[tuple[object, int, str, str]]:
    """(row, column, cell, expected): a header cell that is another header of the report with its first or
    last character lost (「号」 where the other tables head the column 「序号」)."""
    headers = Counter(cell.strip() for table in report.tables if table.rows for cell in table.rows[0].cells)
    for table in report.tables:
        if not table.rows:
            continue
        for column, cell in enumerate(table.rows[0].cells):
            cell = cell.strip()
            if not cell or headers[cell] > 1 or not all_cjk(cell):
                continue
            whole = [h for h, n in headers.items() if n >= 2 and len(h) == len(cell) + 1 and (h.endswith(cell) or h.startswith(cell))]
            if len(whole) == 1:
                yield table.rows[0], column, cell, whole[0]


def _column_slips(report: Report) -> Iterator[tuple[object, int, str, str]]:
    """(row, column, cell, expected): a cell that is another cell of its column without the last
    character all the others end in (「自动化」 in a column of 道路运输类、计算机类、自动化类 …)."""
    for table in report.tables:
        rows = table.rows[1:]
        width = max((len(row.cells) for row in rows), default=0)
        for column in range(width):
            cells = [(row, row.cells[column].strip()) for row in rows if column < len(row.cells) and row.cells[column].strip()]
            if len(cells) < MIN_COLUMN:
                continue
            ends = Counter(cell[-1] for _, cell in cells)
            last, uses = ends.most_common(1)[0]
            if not is_cjk(last) or uses != len(cells) - 1:
                continue
            texts = {cell for _, cell in cells}
            for row, cell in cells:
                if not cell.endswith(last) and cell + last in texts:
                    yield row, column, cell, cell + last


class TableCellOtherwise(WordingRule):
    """表格单元格少字：表头是其他表格表头少了首字或末字（「号」，其他表格都是「序号」），或一列中唯一
    不以同一个字结尾的单元格，补上这个字正是同列另一格（「自动化」，同列有「自动化类」）。

    反例：表头「号 | 专业编码 | 专业名称」；「专业类」列为「道路运输类、计算机类、自动化类、自动化」。
    正例：表头「序号 | 专业编码 | 专业名称」；「专业类」列各格都以「类」结尾。
    """

    code = "T924"
    name = "表格单元格少字"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for row, column, cell, expected in [*_header_slips(report), *_column_slips(report)]:
            yield self.finding(f"单元格疑似少字：第{column + 1}列「{cell}」，本报告其他表格（或同列）写作「{expected}」。",
                               row.span, row.text)


# -- a foreign name transliterated two ways -----------------------------------------------------------


# Characters that transliterations of foreign names are made of (比尔森, 阿斯塔纳, 乌斯季卡缅诺戈尔斯克).
TRANSLITERATION = set("阿埃艾安奥澳巴拜班邦贝本比彼宾波伯博布查达戴丹道德迪蒂丁东杜顿多厄恩尔法菲费芬丰弗福盖甘冈戈格"
                      "古圭哈海汉豪赫亨胡华霍基吉季加贾杰捷金卡凯坎康考柯科克肯库夸奎拉莱赖兰朗劳勒雷里利莉林琳柳卢鲁伦"
                      "罗洛马玛迈麦曼梅门蒙孟米密明缅莫姆穆纳娜奈南内尼妮宁纽努诺欧帕潘佩彭皮普奇齐乔切琼萨塞桑瑟森沙莎"
                      "尚什舍施斯松苏索塔泰坦汤唐特提图托瓦万威维温沃乌西希锡夏谢辛休雅亚扬耶伊因英尤约扎詹泽")


_FOREIGN = re.compile(f"[{''.join(sorted(TRANSLITERATION))}]{{3,8}}")


def _foreign_names(report: Report) -> dict[str, list[tuple[TextUnit, int]]]:
    """Transliterated names with where they stand: words of three to six transliteration characters
    (比尔森), and runs of three to eight of them (比勒费尔德, which the dictionary splits)."""
    names: dict[str, list[tuple[TextUnit, int]]] = {}
    for unit in units(report):
        found = {(m.start(), m.group(0)) for m in _FOREIGN.finditer(unit.text)}
        if not found:
            continue  # no run of three such characters: no such word either
        at = 0
        for word in _words(unit.text):
            if 3 <= len(word) <= 6 and set(word) <= TRANSLITERATION:
                found.add((at, word))
            at += len(word)
        for start, name in sorted(found):
            names.setdefault(name, []).append((unit, start))
    return names


class ForeignNameTwoWays(WordingRule):
    """外文译名前后不一：同一个音译名有两种写法，只差一个读音相近的字（「比尔森」与「皮尔森」），
    在该名称首次出现处提示。

    反例：前文「德国比勒费尔德应用科技大学」，后文「德国皮勒费尔德应用科技大学」。
    正例：全文统一写作「比勒费尔德」。
    """

    code = "T925"
    name = "译名前后不一"
    severity = "info"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        runs = _foreign_names(report)
        names = sorted(runs)
        done: set[str] = set()
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                diffs = [k for k in range(len(a)) if len(a) == len(b) and a[k] != b[k]]
                if len(diffs) != 1 or a in done or b in done or not sounds_alike(a[diffs[0]], b[diffs[0]]):
                    continue
                done |= {a, b}
                first = min(runs[a] + runs[b], key=lambda place: place[0].line_at(place[1]))
                unit, start = first
                yield self.at(report, unit, start, start + len(a),
                              f"译名前后不一：「{a}」（{len(runs[a])}处）与「{b}」（{len(runs[b])}处）只差一个读音相近的字，"
                              f"应统一为一种写法。")
