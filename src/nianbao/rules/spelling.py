"""Spelling against the lexicon of the field (lexicon/phrases.yaml): known misspellings, two words
saying the same thing, fixed phrases and names written with a character missing, added, changed or
moved, fixed enumerations misquoted, an abbreviation run into its own full name."""

from __future__ import annotations

import re
from functools import cache
from typing import Iterable, Iterator, NamedTuple

from ..analysis import TextUnit, per_report
from ..lexicon import Enumeration, Phrase, RedundantPair, lexicon
from ..lexicon import Misspelling as KnownMisspelling
from ..model import Finding, Report
from .base import CheckContext
from .wording import (
    CN_NUMERALS,
    WordingRule,
    all_cjk,
    body_text,
    corpus,
    holding,
    is_cjk,
    pair_starts,
    quote,
    stray_at,
    token_at,
    units,
)

GAP = r"[^，,。；;：:！？!?\t]{0,8}?"  # the few words "…" stands for in a lexicon entry
NUMBER = r"\s*[\d０-９.,，零〇一二两三四五六七八九十百千万亿]+\s*"


@cache
def _misspelling_pattern(entry: KnownMisspelling) -> re.Pattern:
    """The pattern of a known misspelling, compiled when a report holds its words."""
    pattern = GAP.join(re.escape(part) for part in entry.wrong.split("…"))
    if entry.followed_by:
        pattern += f"(?=(?:{entry.followed_by}))"
    if entry.not_followed_by:
        pattern += f"(?!(?:{entry.not_followed_by}))"
    return re.compile(pattern)


def _right_form(entry, matched: str) -> str:
    """The correction for a match: the right form, the words a "…" stood for kept."""
    if "…" not in entry.wrong:
        return entry.right
    first, last = entry.wrong.split("…", 1)
    middle = matched[len(first) : len(matched) - len(last)]
    return entry.right.replace("…", middle, 1)


class Misspelling(WordingRule):
    """常见错别字与误写：本领域和通用的已知错误写法（词库 lexicon/phrases.yaml 中的常见误写）。

    反例：「学校做为全市唯一代表参会」「获评国家科技型中小型企业」。
    正例：「学校作为全市唯一代表参会」「获评国家科技型中小企业」。
    """

    code = "T901"
    name = "常见错别字"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        present = [(_misspelling_pattern(entry), entry, where) for entry in lexicon().misspellings
                   if (where := holding(report, [max(entry.wrong.split("…"), key=len)]))]
        for index, unit in enumerate(units(report)):
            for pattern, entry, where in present:
                if index not in where:
                    continue
                for match in pattern.finditer(unit.text):
                    right = _right_form(entry, match.group(0))
                    yield self.at(report, unit, match.start(), match.end(),
                                  f"疑似错别字：{quote(unit.text, match.start(), match.end())}中的「{match.group(0)}」应为「{right}」。",
                                  "info" if entry.hint else None)


@cache
def _redundant_pattern(pair: RedundantPair) -> re.Pattern:
    """The pattern of two words saying the same thing, compiled when a report holds them."""
    if not pair.after:
        return re.compile(re.escape(pair.text))
    if pair.after == "余":  # 余 stands right after its number
        return re.compile(f"{re.escape(pair.text)}{NUMBER}余")
    # 左右 / 以上 come after the unit
    return re.compile(f"{re.escape(pair.text)}{NUMBER}[\u4e00-\u9fff]{{0,3}}?{re.escape(pair.after)}")


class RedundantWords(WordingRule):
    """语义重复：两个意思相同的词连用（「通过经过」「推进进行」），或同一数字前后都表示约数（「约500余万元」）。

    反例：「学校通过经过个人申报、学院推荐完成认定」「设备总值约300余万元」。
    正例：「学校通过个人申报、学院推荐完成认定」「设备总值约300万元」。
    """

    code = "T902"
    name = "语义重复"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        present = [(_redundant_pattern(pair), pair, where) for pair in lexicon().redundant_pairs
                   if (where := holding(report, [pair.text]))]
        for index, unit in enumerate(units(report)):
            for pattern, pair, where in present:
                if index not in where:
                    continue
                for match in pattern.finditer(unit.text):
                    what = f"「{pair.text}」与「{pair.after}」" if pair.after else f"「{pair.text}」"
                    yield self.at(report, unit, match.start(), match.end(),
                                  f"语义重复：{quote(unit.text, match.start(), match.end())}中{what}意思重复，保留「{pair.keep}」即可。",
                                  "info" if pair.hint else None)


# -- fixed phrases written with one character (or one word) off ------------------------------------

MIN_VARIANT_LENGTH = 5  # shorter phrases have too many innocent neighbours
LEVEL_CHARS = set("国省市县区校院系级高中初大小上下前后新老")  # a change here names another thing of the same kind


class Variant(NamedTuple):
    """A way to write ``phrase`` wrong: ``prefix`` + a gap + ``suffix``. The gap is empty (a part
    dropped), one character other than ``dropped`` (one changed), or one character more (added)."""

    prefix: str
    suffix: str
    dropped: str  # what the canonical form has between prefix and suffix
    gap: int  # how many characters stand between prefix and suffix in the wrong form
    phrase: Phrase
    form: str

    @property
    def key(self) -> str:
        """The first characters of the wrong form that are known (the prefix, or the prefix and the
        suffix run together): three where there are, else two."""
        known = self.prefix if self.gap else self.prefix + self.suffix
        return known[:3] if len(known) >= 3 else known[:2]


def _variants(form: str, phrase: Phrase) -> Iterator[Variant]:
    n = len(form)
    if n == MIN_VARIANT_LENGTH - 1:  # a four-character phrase: only a character missing inside it
        for i in (1, 2):
            yield Variant(form[:i], form[i + 1 :], form[i], 0, phrase, form)
        return
    for i in range(2, n - 1):
        yield Variant(form[:i], form[i + 1 :], form[i], 0, phrase, form)  # a character missing
        yield Variant(form[:i], form[i + 1 :], form[i], 1, phrase, form)  # a character changed
        yield Variant(form[:i], form[i:], "", 1, phrase, form)  # a character added
        if i + 2 <= n - 2:
            yield Variant(form[:i], form[i + 2 :], form[i : i + 2], 0, phrase, form)  # a word missing


VariantIndex = dict[str, tuple[dict[str, list[Variant]], dict[str, list[Variant]]]]


@per_report
def _variant_index(report: Report) -> VariantIndex:
    """Variants of the fixed phrases of four characters or more, by the first two characters of their
    key and then by the next character they are known to have: the key's third (``by_third``), or for a
    two-character key (a two-character prefix and a gap) the first character after the gap
    (``after_gap``). Only of the phrases whose variants' keys can stand in the report: a variant's key
    begins with the phrase's first two characters, or (four-character phrases) its first and third."""
    present = corpus(report).pairs
    index: VariantIndex = {}
    for phrase in lexicon().phrases:
        for form in phrase.forms:
            if len(form) >= MIN_VARIANT_LENGTH - 1 and all_cjk(form) \
                    and (form[:2] in present or len(form) == MIN_VARIANT_LENGTH - 1 and form[0] + form[2] in present):
                for variant in _variants(form, phrase):
                    key = variant.key
                    by_third, after_gap = index.setdefault(key[:2], ({}, {}))
                    if len(key) == 3:
                        by_third.setdefault(key[2], []).append(variant)
                    else:
                        after_gap.setdefault(variant.suffix[0], []).append(variant)
    return index


@cache
def _all_forms() -> tuple[str, ...]:
    """Every form of every fixed phrase, longest first: to tell a variant from another phrase written right."""
    return tuple(sorted({form for phrase in lexicon().phrases for form in phrase.forms}, key=len, reverse=True))


def _covered(text: str, start: int, end: int, forms: tuple[str, ...]) -> bool:
    """Whether [start, end) lies inside a correctly written fixed phrase."""
    for form in forms:
        left = text.find(form, max(0, start - len(form)), end + len(form))
        while left != -1 and left <= start:
            if end <= left + len(form):
                return True
            left = text.find(form, left + len(form), end + len(form))
    return False


def _match(text: str, i: int, variant: Variant) -> tuple[int, str] | None:
    """Where a variant written at ``i`` ends, and the characters in its gap."""
    if not text.startswith(variant.prefix, i):
        return None
    at = i + len(variant.prefix)
    gap = text[at : at + variant.gap]
    if len(gap) < variant.gap or (variant.gap and not is_cjk(gap)):
        return None
    if not text.startswith(variant.suffix, at + variant.gap):
        return None
    if variant.dropped and gap == variant.dropped[: len(gap)] and len(gap) == len(variant.dropped):
        return None  # written right
    if variant.gap and variant.dropped and (gap in CN_NUMERALS or gap in LEVEL_CHARS or variant.dropped in LEVEL_CHARS):
        return None  # another edition, level or year of the same kind of thing
    return at + variant.gap + len(variant.suffix), gap


def phrase_variants(text: str, starts: Iterable[int], index: VariantIndex) -> Iterator[tuple[int, int, Variant]]:
    """Fixed phrases of the lexicon written with one character (or a two-character word) off, where
    the slip leaves a character the dictionary cannot place in a word (「职业能培训」: 能 stands alone),
    or inside the 《》 of a document's title, which must be quoted exactly. ``starts``: the offsets
    where a pair of ``index`` stands, in order (where one can begin)."""
    forms = _all_forms()
    for i in starts:
        if i >= len(text) - 3:
            break
        by_third, after_gap = index[text[i : i + 2]]
        for variant in (*by_third.get(text[i + 2], ()), *after_gap.get(text[i + 3], ())):
            found = _match(text, i, variant)
            if found and not _covered(text, i, found[0], forms) and _odd(text, i, found[0], variant):
                yield i, found[0], variant
                break


def _odd(text: str, start: int, end: int, variant: Variant) -> bool:
    at = start + len(variant.prefix)
    if variant.phrase.category == "document" and "《" in text[max(0, start - 30) : start + 1] \
            and text.rfind("《", 0, start + 1) > text.rfind("》", 0, start + 1):
        return True
    if variant.gap:  # the character changed or added
        return stray_at(text, at) and (variant.dropped == "" or len(variant.form) >= 7)
    if len(variant.form) < MIN_VARIANT_LENGTH and (start and is_cjk(text[start - 1]) and len(token_at(text, start - 1)) == 1):
        return False  # a short phrase right after a lone character (政校合作, 校校合作) is another phrase
    return len(variant.dropped) == 1 and (stray_at(text, at - 1) or stray_at(text, at))


def _truncations(text: str, starts: Iterable[int]) -> Iterator[tuple[int, int, Phrase, str]]:
    """A long name cut short and run on into other words (「世界职业院校技能优秀组织奖」); ``starts``: the
    offsets where a pair of ``_truncation_index`` stands, in order."""
    index, forms = _truncation_index()
    for i in starts:
        if i >= len(text) - 5:
            break
        for head, phrase, form in index[text[i : i + 2]]:
            end = i + len(head)
            if text.startswith(head, i) and end < len(text) and is_cjk(text[end]) and not text.startswith(form, i) \
                    and not _covered(text, i, end + 1, forms) and text[end] != form[len(head)]:
                yield i, end, phrase, form
                break


@cache
def _truncation_index() -> tuple[dict[str, list[tuple[str, Phrase, str]]], tuple[str, ...]]:
    index: dict[str, list[tuple[str, Phrase, str]]] = {}
    for phrase in lexicon().phrases:
        if phrase.category not in ("competition", "programme", "document", "honour"):
            continue
        for form in phrase.forms:
            if len(form) >= 10 and all_cjk(form):
                head = form[:-2]  # the name without its last word (大赛, 计划, 工程 …)
                index.setdefault(head[:2], []).append((head, phrase, form))
    return index, _all_forms()


_ORDINAL = re.compile(r"第[\d一二三四五六七八九十]+届")


class PhraseVariant(WordingRule):
    """固定提法、国家项目与赛事名称写错：少字、多字、错字、少一个词、名称被截断，或届次放错位置
    （以词库 lexicon/phrases.yaml 的标准名称为准）。

    反例：「荣获澄州市职业能培训示范基地」「获评世界职业院校技能先进单位」「第二届中华人民共和国职业技能大赛」。
    正例：「荣获澄州市职业技能培训示范基地」「获评世界职业院校技能大赛先进单位」「中华人民共和国第二届职业技能大赛」。
    """

    code = "T903"
    name = "固定提法写错"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        body = body_text(report)
        ordinal = [(p, p.text[len(p.ordinal_after):]) for p in lexicon().phrases if p.ordinal_after and p.text in body]
        index = _variant_index(report)
        variant_starts, truncation_starts = pair_starts(report, index), pair_starts(report, _truncation_index()[0])
        for number, unit in enumerate(units(report)):
            text = unit.text
            for start, end, variant in phrase_variants(text, variant_starts.get(number, ()), index):
                what = "少字" if not variant.gap else ("错字" if variant.dropped else "多字")
                yield self.at(report, unit, start, end, f"疑似{what}：{quote(text, start, end)}中的「{text[start:end]}」"
                              f"应为「{variant.form}」。")
            for start, end, phrase, form in _truncations(text, truncation_starts.get(number, ())):
                yield self.at(report, unit, start, end, f"名称不完整：{quote(text, start, end + 2)}中的「{text[start:end]}」"
                              f"后缺「{form[end - start:]}」（全称「{form}」）。")
            for phrase, rest in ordinal:
                for match in re.finditer(f"({_ORDINAL.pattern}){re.escape(phrase.text)}", text):
                    right = f"{phrase.ordinal_after}{match.group(1)}{rest}"
                    yield self.at(report, unit, match.start(), match.end(),
                                  f"名称语序不当：「{match.group(0)}」应为「{right}」（届次写在「{phrase.ordinal_after}」之后）。")


# -- fixed enumerations --------------------------------------------------------------------------

SEPARATORS = re.compile(r"^[、，,和与及以]{1,2}$|^以及$|^[”’]?[、，,]?[“‘]?$")


@cache
def _items_pattern(enumeration: Enumeration) -> re.Pattern:
    items = sorted(enumeration.items, key=len, reverse=True)  # items of one character (岗课赛证) are skipped
    return re.compile("|".join(re.escape(item) for item in items))


def _runs(text: str, enumeration: Enumeration) -> Iterator[list[tuple[int, str]]]:
    """Runs of an enumeration's items written one after another (joined by 、 和 与 及)."""
    found = [(m.start(), m.group(0)) for m in _items_pattern(enumeration).finditer(text)]
    run: list[tuple[int, str]] = []
    for start, item in found:
        if run:
            end = run[-1][0] + len(run[-1][1])
            if not SEPARATORS.match(text[end:start]):
                if len(run) >= 2:
                    yield run
                run = []
        run.append((start, item))
    if len(run) >= 2:
        yield run


class EnumerationMisquote(WordingRule):
    """固定并列提法写错：一项重复、次序颠倒（如「三种精神」「创造性转化、创新性发展」，见词库 lexicon/phrases.yaml 中的固定提法）。

    反例：「传承劳动精神、劳动精神、工匠精神」「推动中华优秀传统文化创新性发展与创造性转化」。
    正例：「传承劳模精神、劳动精神、工匠精神」「推动中华优秀传统文化创造性转化、创新性发展」。
    """

    code = "T904"
    name = "固定并列提法写错"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        present = [(enumeration, where) for enumeration in lexicon().enumerations
                   if min(map(len, enumeration.items)) >= 2 and (where := holding(report, enumeration.items))]
        for index, unit in enumerate(units(report)):
            for enumeration, where in present:
                if unit.is_row or index not in where:
                    continue
                for run in _runs(unit.text, enumeration):
                    yield from self._check_run(report, unit, enumeration, run)

    def _check_run(self, report, unit: TextUnit, enumeration: Enumeration, run) -> Iterator[Finding]:
        start, end = run[0][0], run[-1][0] + len(run[-1][1])
        written = [item for _, item in run]
        canonical = "、".join(enumeration.items)
        if len(set(written)) < len(written):
            missing = [item for item in enumeration.items if item not in written]
            hint = f"，应为「{canonical}」" if enumeration.complete and len(missing) == 1 else ""
            yield self.at(report, unit, start, end, f"并列项重复：{quote(unit.text, start, end)}中「{_repeated(written)}」"
                          f"写了两次{hint}。")
        elif enumeration.ordered and set(written) == set(enumeration.items) and written != list(enumeration.items):
            yield self.at(report, unit, start, end, f"固定提法次序颠倒：{quote(unit.text, start, end)}应为「{canonical}」。")


def _repeated(items: list[str]) -> str:
    return next(item for i, item in enumerate(items) if item in items[:i])


# -- an abbreviation run into its own full name ----------------------------------------------------


@cache
def _overlaps() -> list[tuple[Phrase, str, tuple[str, ...]]]:
    """Each abbreviation with the tails of its full name it could be followed by (国资委 + 监督管理委员会)."""
    found = []
    for phrase in lexicon().phrases:
        for alias in phrase.aliases:
            if alias in phrase.text or len(alias) >= len(phrase.text) or not all_cjk(alias + phrase.text):
                continue  # a part of the name (1+X, 双师型), not an abbreviation of it
            tails = tuple(phrase.text[i:] for i in range(1, len(phrase.text) - 2) if not alias.endswith(phrase.text[i:]))
            if tails:
                found.append((phrase, alias, tails))
    return found


@cache
def _overlap_pattern(alias: str, tails: tuple[str, ...]) -> re.Pattern:
    """An abbreviation followed by a tail of its full name, compiled when a report holds the abbreviation."""
    return re.compile(re.escape(alias) + "(" + "|".join(map(re.escape, tails)) + ")")


class AbbreviationOverlap(WordingRule):
    """简称与全称叠用：简称后又接了全称的后半（「国资委监督管理委员会」），应只用其中一种。

    反例：「澄州市国资委监督管理委员会党校」。
    正例：「澄州市国资委党校」或「澄州市国有资产监督管理委员会党校」。
    """

    code = "T905"
    name = "简称与全称叠用"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        present = [(_overlap_pattern(alias, tails), phrase, alias, where) for phrase, alias, tails in _overlaps()
                   if (where := holding(report, [alias]))]
        for index, unit in enumerate(units(report)):
            for pattern, phrase, alias, where in present:
                if index not in where:
                    continue
                for match in pattern.finditer(unit.text):
                    yield self.at(report, unit, match.start(), match.end(),
                                  f"简称与全称叠用：{quote(unit.text, match.start(), match.end())}中「{alias}」是"
                                  f"「{phrase.text}」的简称，后面又写了「{match.group(1)}」，应只用其中一种。")
