"""Garbles a reader sees without a dictionary of the field: a word written twice, an item repeated in
a list, a word cut off before punctuation, brackets and quotes that do not pair up over the paragraph,
punctuation of the wrong kind, a broken local construction, a paragraph that starts in mid-word."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..analysis import TextUnit
from ..conventions import BRACKETS
from ..lexicon import lexicon
from ..model import Finding, Report
from .base import CheckContext
from .wording import FUNCTION_CHARS, Corpus, WordingRule, corpus, is_boundary, is_cjk, quote, stray_at, token_at, units

# -- a word written twice -------------------------------------------------------------------------

_DOUBLED_WORD = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_DOUBLED_PARTICLE = re.compile(r"([的了是和与及对在])\1")
_TITLE_AROUND_NAME = re.compile(r"([\u4e00-\u9fff]{2})\s*[A-Za-z][A-Za-z .·'-]{2,40}?\s*\1")


def _reduplicated(word: str) -> bool:
    """Words written twice on purpose: 研究研究 is rare in reports, but 人人人人 or 一一 are patterns."""
    return len(set(word)) == 1 or word in lexicon().reduplications or word + word in lexicon().reduplications


class DoubledWord(WordingRule):
    """叠字叠词：一个词或虚词连写两次（「学校学校」「的的」），或称谓写在人名两侧（「部长 某某 部长」）；
    常常、人人、层层等正常叠用不算。

    反例：「青岚职业技术学院学院扎实推进」「部长 John Smith 部长一行来校访问」。
    正例：「青岚职业技术学院扎实推进」「部长 John Smith 一行来校访问」。
    """

    code = "T911"
    name = "叠字叠词"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for unit in units(report):
            text = unit.text
            for match in _DOUBLED_WORD.finditer(text):
                if not _reduplicated(match.group(1)) and unit.line_at(match.start()) == unit.line_at(match.end() - 1):
                    yield self.at(report, unit, match.start(), match.end(),
                                  f"词语重复：{quote(text, match.start(), match.end())}中「{match.group(1)}」连写了两次。")
            for match in _DOUBLED_PARTICLE.finditer(text):
                if unit.line_at(match.start()) == unit.line_at(match.end() - 1):
                    yield self.at(report, unit, match.start(), match.end(),
                                  f"字重复：{quote(text, match.start(), match.end())}中「{match.group(1)}」连写了两次。")
            for match in _TITLE_AROUND_NAME.finditer(text):
                yield self.at(report, unit, match.start(), match.end(),
                              f"称谓重复：{quote(text, match.start(), match.end())}中「{match.group(1)}」写在人名前后两处。")


# -- an item repeated in a list ---------------------------------------------------------------------

_ITEM_CHAR = re.compile(r"[\u4e00-\u9fff“”]")


def repeated_items(text: str) -> Iterator[tuple[int, int, str]]:
    """「安全教育、安全教育」: the same item on both sides of a 、 (start, end, item); anchored on each 、,
    which is much faster than letting a pattern try every position."""
    start = 0
    while (p := text.find("、", start)) >= 0:
        start = p + 1
        for n in range(2, 13):
            if p - n < 0 or not _ITEM_CHAR.match(text[p - n]):
                break
            item, after = text[p - n : p], p + 1 + n
            if text[p + 1 : after] == item and (after >= len(text) or text[after] in "、，,。；;）)”等和与及"):
                yield p - n, after, item
                break


class RepeatedItem(WordingRule):
    """并列项重复：顿号分隔的并列成分中，同一项写了两次（多为漏改或复制）。

    反例：「开展法治教育、安全教育、安全教育」。
    正例：「开展法治教育、安全教育、心理健康教育」。
    """

    code = "T912"
    name = "并列项重复"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for unit in units(report):
            for start, end, item in repeated_items(unit.text):
                yield self.at(report, unit, start, end, f"并列项重复：{quote(unit.text, start, end)}中「{item}」写了两次。")


# -- a word cut off ---------------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，,。；;：:！？]")  # not 、: items of a list often share their last word (活页式、工作手册式教材)
_POSTPOSITIONS = set("内外")


def _truncated(text: str, end: int, body: Corpus) -> str | None:
    """The word cut off right before ``end`` (a punctuation mark): a word and one stray character that
    begin a longer word (「课程设，」: 课程设置), where the report writes that longer word elsewhere and
    never stops after the same characters."""
    from ..segmenter import is_prefix

    last = token_at(text, end - 1)
    before = token_at(text, end - 2)
    if len(last) != 1 or last in FUNCTION_CHARS or not is_cjk(last) or len(before) < 2 or not is_cjk(before[-1]):
        return None
    stem = before[-2:] + last
    if not is_prefix(stem):
        return None
    continued = _continuations(body, stem)
    if continued.count("") > 1 or not any(continued):
        return None  # the report stops after these characters elsewhere too, or never writes the longer word
    return stem + max((c for c in continued if c), key=continued.count)


def _continuations(where: Corpus, stem: str) -> list[str]:
    """The Chinese character after each occurrence of ``stem`` in the body, "" where none follows."""
    found, after, text = [], 0, where.text
    for i in where.pairs.get(stem[:2], ()):
        if i >= after and text.startswith(stem, i):
            after = i + len(stem)
            found.append(text[after] if is_cjk(text[after : after + 1]) else "")
    return found


class TruncatedWord(WordingRule):
    """词语残缺：标点前的词只写了一半（本报告别处写全了这个词），或表题、图题以「内」「外」等方位字开头。

    反例：「学校优化专业课程设，提升教学质量」（别处有「课程设置」）、「表 3-2 内现有实训基地统计」。
    正例：「学校优化专业课程设置，提升教学质量」「表 3-2 校内现有实训基地统计」。
    """

    code = "T913"
    name = "词语残缺"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        body = corpus(report)
        for unit in units(report, rows=False):
            text = unit.text
            for match in _CLAUSE_END.finditer(text):
                end = match.start()
                if end >= 3 and unit.line_at(end - 1) == unit.line_at(end):
                    word = _truncated(text, end, body)
                    if word:
                        stem = word[:-1]
                        yield self.at(report, unit, end - len(stem), end,
                                      f"词语残缺：{quote(text, end - len(stem), end, after=1)}中的「{stem}」不成词"
                                      f"（本报告其他处写作「{word}」）。")
        for item in [*report.figures, *report.tables]:
            title = item.title.strip()
            if title[:1] in _POSTPOSITIONS and len(token_at(title, 0)) == 1:
                kind = "图" if item in report.figures else "表"
                yield self.finding(f"标题残缺：{kind}{item.number}「{title[:12]}」以「{title[0]}」开头，前面疑缺字（如「校{title[0]}」）。",
                                   item.span, title)


# -- brackets and quotes ------------------------------------------------------------------------------

_CLOSING = {close: open_ for open_, close in BRACKETS.items()}
_MARKS = re.compile("[" + re.escape("".join([*BRACKETS, *_CLOSING])) + "]")
_LIST_NUMBER = re.compile(r"(?:^|[\s，,；;。：:、])[\dA-Za-z一二三四五六七八九十]{1,2}$")


def unbalanced(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, mark, how) of every bracket, quote or 书名号 without its partner in the text; ``how``
    is "open" (never closed), "close" (never opened) or "nested" (a quote opened inside itself, where
    nested quotes use ‘’). A closing bracket after a list number (「1）」「a)」) marks a list item."""
    stack: list[tuple[int, str]] = []
    for found in _MARKS.finditer(text):
        i, char = found.start(), found.group()
        if char in BRACKETS:
            if char in "“‘" and stack and stack[-1][1] == char:
                yield i, char, "nested"
            else:
                stack.append((i, char))
        elif char in _CLOSING:
            opening = _CLOSING[char]
            if any(mark == opening for _, mark in stack):
                while stack[-1][1] != opening:
                    yield (*stack.pop(), "open")
                stack.pop()
            elif not (char in ")）" and _LIST_NUMBER.search(text[max(0, i - 4) : i])):
                yield i, char, "close"
    yield from ((i, mark, "open") for i, mark in stack)


_QUOTES = "“”‘’"
DISPLACED_QUOTES_MIN = 8  # unbalanced quotes in one report beyond which a conversion moved them
DISPLACED_QUOTES_SHARE = 0.05  # … and beyond this share of all its quote marks


class UnbalancedBrackets(WordingRule):
    """括号、引号、书名号不配对（在整段内配对，跨行、跨页的引文不算）。全文不配对的引号多到像是文件转换所致时只提示一次。

    反例：「按照《澄州市职业教育提质培优实施方案》的通知）要求」「构建“学习“实践-竞赛”体系」。
    正例：「按照《关于印发〈澄州市职业教育提质培优实施方案〉的通知》要求」「构建“学习-实践-竞赛”体系」。
    """

    code = "T914"
    name = "括号引号不配对"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        found = list(self._unbalanced(report))
        quotes = [(u, offset, mark) for u, offset, mark in found if mark in _QUOTES]
        marks = sum(sum(u.text.count(m) for m in _QUOTES) for u in units(report, rows=False))
        if len(quotes) >= DISPLACED_QUOTES_MIN and len(quotes) > marks * DISPLACED_QUOTES_SHARE:
            # so many quotes out of place is how a conversion (text taken from a PDF) moves or drops them,
            # not how a writer errs: one note instead of a warning at every one
            unit, offset, _ = quotes[0]
            yield self.at(report, unit, offset, offset + 1,
                          f"全文有 {len(quotes)} 处引号不配对（共 {marks} 个引号），多为文件转换造成的引号错位或丢失，"
                          "未逐处列出；请对照原文件核查引号。", severity="info")
            found = [f for f in found if f[2] not in _QUOTES]
        yield from (self._report(report, u, offset, mark) for u, offset, mark in found)

    def _unbalanced(self, report: Report) -> Iterator[tuple[TextUnit, int, str]]:
        left_open: list[tuple[TextUnit, int, str]] = []  # marks still open at the end of the last paragraph
        for unit in units(report, rows=False):
            found = list(unbalanced(unit.text))
            if unit.paragraph is not None:
                # the parser may end a paragraph at a line ending in a bracket: a mark left open there and
                # closed early in the next paragraph is one quotation
                for offset, mark, how in [f for f in found if f[2] == "close"]:
                    if left_open and left_open[-1][2] == _CLOSING[mark]:
                        left_open.pop()
                        found.remove((offset, mark, how))
            yield from left_open
            left_open = [(unit, offset, mark) for offset, mark, how in found if how == "open" and unit.paragraph is not None]
            yield from ((unit, offset, mark) for offset, mark, how in found if how != "open" or unit.paragraph is None)
        yield from left_open

    def _report(self, report: Report, unit: TextUnit, offset: int, mark: str) -> Finding:
        side = "前面没有对应的开" if mark in _CLOSING else "后面没有对应的闭"
        return self.at(report, unit, offset, offset + 1,
                       f"符号不配对：{quote(unit.text, offset, offset + 1, before=10, after=6)}中的「{mark}」{side}符号。")


# -- punctuation of the wrong kind ------------------------------------------------------------------

_DOT_BETWEEN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff]{2})\.(?=[\u4e00-\u9fff]{2})")
_COMMA_LIST = re.compile(r"(?<![\u4e00-\u9fff])(?:从|在|包括|涵盖|围绕)?((?:[\u4e00-\u9fff]{2,6}，){2,}[\u4e00-\u9fff]{2,6})等(?=[\u4e00-\u9fff]|\s*\d)")


class WrongPunctuation(WordingRule):
    """标点误用：词语之间用了西文句点（应为间隔号「·」），或以「等」收尾的并列词语之间用了逗号（应为顿号）。

    反例：「开展“青春志愿.温暖社区”活动」「从赛项规程，场地布置，裁判培训，安全保障等方面进行指导」。
    正例：「开展“青春志愿·温暖社区”活动」「从赛项规程、场地布置、裁判培训、安全保障等方面进行指导」。
    """

    code = "T915"
    name = "标点误用"
    severity = "info"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        for unit in units(report):
            text = unit.text
            for match in _DOT_BETWEEN_WORDS.finditer(text):
                yield self.at(report, unit, match.start(), match.end(),
                              f"标点误用：{quote(text, match.start(), match.end())}中词语之间的「.」应为间隔号「·」。")
            for match in _COMMA_LIST.finditer(text):
                items = match.group(1).split("，")
                if all(_noun_like(item) for item in items):
                    yield self.at(report, unit, match.start(1), match.end(1),
                                  f"标点误用：{quote(text, match.start(1), match.end(1) + 1, before=2)}中并列的词语之间应用顿号「、」。")


def _noun_like(item: str) -> bool:
    """A short item of a list, not a clause: no particle or preposition among its words."""
    from ..segmenter import words

    return not any(word in _CLAUSE_WORDS for word in words(item))


_CLAUSE_WORDS = set("的了着过是在把被将使让对向")


# -- broken local constructions ------------------------------------------------------------------

_FRAME = re.compile(r"的(?:前提下|基础上)")
_ADVERB_DE = re.compile(r"(?:更好|更加|更快|更优|有效|积极|主动|充分|深入|全面|持续|不断|精准)的(?=[\u4e00-\u9fff]{1,2}于)")
_COHORT = re.compile(r"(?<!\d)(20\d{2})\s*及(?=[\u4e00-\u9fff])(?!以)")
_FROM = re.compile(r"(?:接待|迎来|吸引|汇聚|汇集)自(?=全国|各地|全市|全省|海内外|国内外|[\u4e00-\u9fff]{2}(?:省|市|国|地区)|\d)")


class BrokenConstruction(WordingRule):
    """句式残缺或误用：「……的前提下/的基础上」前缺「在」；状语后的「的」应为「地」（「更好的服务于」）；
    届别年份后的「级」误作「及」（本报告别处写「2025级」）；「接待自……」缺「来」。

    反例：「经过座谈，充分了解学生诉求的前提下修订办法」「更好的服务于区域发展」「接待自全国12个省市的代表队」。
    正例：「经过座谈，在充分了解学生诉求的前提下修订办法」「更好地服务于区域发展」「接待来自全国12个省市的代表队」。
    """

    code = "T916"
    name = "句式残缺"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        whole = "\n".join(unit.text for unit in units(report))
        cohorts = set(re.findall(r"(20\d{2})\s*级", whole))
        for unit in units(report):
            text = unit.text
            for match in _FRAME.finditer(text):
                clause_start = max(text.rfind(p, 0, match.start()) for p in "，,。；;：:！？\n") + 1
                clause = text[clause_start : match.start()]
                if not re.search(r"在|于|基于|立足|以", clause) and len(clause) >= 4:
                    yield self.at(report, unit, clause_start, match.end(),
                                  f"句式残缺：{quote(text, clause_start, match.end(), before=0, after=2)}前缺「在」"
                                  f"（「在……{match.group(0)}」）。")
            for match in _ADVERB_DE.finditer(text):
                end = match.end()
                yield self.at(report, unit, match.start(), end, f"「的」「地」误用：{quote(text, match.start(), end + 3, before=2)}"
                              f"中动词前的「的」应为「地」。")
            for match in _COHORT.finditer(text):
                if match.group(1) in cohorts:
                    yield self.at(report, unit, match.start(), match.end(),
                                  f"疑似错字：{quote(text, match.start(), match.end() + 4)}中的「{match.group(0)}」应为"
                                  f"「{match.group(1)}级」（本报告其他处写作「{match.group(1)}级」）。")
            for match in _FROM.finditer(text):
                yield self.at(report, unit, match.start(), match.end(),
                              f"疑似漏字：{quote(text, match.start(), match.end() + 4)}中的「{match.group(0)}」应为"
                              f"「{match.group(0)[:-1]}来自」。")


# -- a paragraph that starts in mid-word --------------------------------------------------------------

_ENUMERATOR = re.compile(r"([一二三四五六七八九十])是")
_ORDER = "一二三四五六七八九十"


class ParagraphFragment(WordingRule):
    """段落残片：一段以半个词开头，接着上一段未完的列举（上一段写到「三是……」，本段以残词开头、接着「四是」），
    多为编辑时误删或误断。

    反例：上一段以「……三是完善实训基地的管理能力。」结尾，下一段为「力与开放水平；四是开展社会培训。」。
    正例：两段合为「……三是完善实训基地的管理能力与开放水平；四是开展社会培训。」。
    """

    code = "T917"
    name = "段落残片"

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        previous: TextUnit | None = None
        for unit in units(report):
            if unit.paragraph is None:
                previous = None
                continue
            text = unit.text.strip()
            if previous is not None and text and is_cjk(text[0]) and stray_at(text, 0):
                prior = previous.text.rstrip()
                tail = prior.rstrip("。；;！!？?")
                follows = bool(tail) and tail[-1] == text[0]
                if follows or _continues_enumeration(prior, text):
                    cut = next((i for i, ch in enumerate(text) if is_boundary(text, i)), len(text))
                    yield self.at(report, unit, 0, cut, f"段落残片：本段以{quote(text, 0, cut, after=0)}开头，"
                                  f"疑与上一段「…{prior[-12:]}」是同一句被断开或删改。")
            previous = unit


def _continues_enumeration(prior: str, text: str) -> bool:
    """Whether ``text`` carries on the 一是…二是… of ``prior`` before it has started a sentence."""
    last = [m.group(1) for m in _ENUMERATOR.finditer(prior)]
    first = _ENUMERATOR.search(text)
    if not last or not first or first.start() == 0:
        return False
    return _ORDER.find(first.group(1)) == _ORDER.find(last[-1]) + 1 and not re.search(r"[。！？]", text[: first.start()])
