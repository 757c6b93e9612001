"""Indicator values from the report's facts (Report.facts: every stated figure with its subject,
qualifiers, unit, kind and source).

Prose: a name of an indicator (name or alias, longest first) is tied to the fact it names — the
nearest figure after it in its sentence, before the next indicator name, whose unit fits the indicator
("专任教师 512 人"), or right before it ("4 个省级资源库"). Tables: a row whose label names an
indicator gives the fact of the report year's column (or the only fitting one); a column headed by an
indicator gives its totals row, or the report year's row of a table by years.

A tie is refused rather than taken when the fact is not the indicator's (``refusal``): a change is no
level ("较上年增加 16 种"), a rank no count, a figure over several years ("近五年", "累计…以来") no
year's flow, another year's figure (a prior year's column or row) not the report year's, another
level's (省部级 for a 国家级 indicator) not this one's, a part of the school's (a 专业群, a county, one
table row under a total) not the school's. A figure stated inside a case counts only when nothing
outside the cases states the indicator. Per indicator the most confident value is the headline; the
others are kept apart as further mentions, so two facts that disagree are both seen (rule K741).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Iterator, NamedTuple

from ..analysis import paragraph_quantities, per_report, quantities_between, split_sentences
from ..conventions import RANK_UNIT, fact_unit, framework_level
from ..model import Fact, Quantity, Report
from ..parse.facts import is_multi_year, words
from ..parse.numbers import RATIO
from . import RATIO_FORM, Indicator, catalog, convert, shares_of
from .annex import annex_values

QUOTES = "“”‘’\"「」"  # marks a report may set a term of a name in ("“双师型”教师")
_QUOTE = f"[{re.escape(QUOTES)}]"
LONE_QUOTE = re.compile(f"{_QUOTE}(?<!{_QUOTE}{_QUOTE})(?!{_QUOTE})")  # the mark first: the scan skips to marks
WITHOUT_QUOTES = str.maketrans(dict.fromkeys(QUOTES))
MAX_GAP = 40  # characters between a name and the number after it beyond which they are not paired
MAX_GAP_BEFORE = 8  # "4 个省级资源库", "12 名教师担任科技特派员": a number right before the name
GAP_BREAKS = set("，,、；;：:（()）")
NOUN_AFTER_COST = 3  # "覆盖8个二级学院23个专业": a number followed by its own noun belongs to that noun
NOT_NOUNS = set("的等左右以余多和与及、其中占")
MAX_VERB_AFTER_COMMA = 3
PUNCTUATION_COST = 6  # an "after" number across a comma is as likely as a "before" number 6 characters off
CHANGE_WORDS = ("增长", "提高", "提升", "下降", "减少", "增幅", "同比", "较上年", "比上年", "降低")
SHARE_WORD = "占"
SHARE_REACH = 20  # how far before the percentage 占 may stand ("占全校专任教师总数的 58%")
TOTAL_LABELS = ("合计", "总计", "总数", "小计", "总量", "共计")
DESIGNATIONS = ("获批", "入选", "获评", "认定为", "评为", "列入")  # "X 获批 Y": the count is of Y
ADVERB_BEFORE_VERB = 2  # "专业群均入选", "专业全部获评": a short adverb may stand before the verb
DESIGNATION_REACH = 16  # "入选省级高水平专业群": the designated name within a few characters of the verb
ANNEX_CONFIDENCE = 0.97  # the appended national table is the report's formal statement of an indicator
CASE_PENALTY = 0.3  # a figure inside a case is the case's unless nothing else states the indicator
OWN_LEVELS = ("校级", "院级")
# Levels of awards and projects, grouped: an indicator qualified by one of a group takes a figure of any.
LEVEL_GROUPS = (("国家级", "国家级以上", "国赛", "全国", "国际级", "世界级", "世界"),
                ("省部级", "省级", "市级", "省部级以上", "市级以上", "省赛", "市赛"))


@dataclass
class IndicatorValue:
    """A value of a catalog indicator, tied to the fact it comes from."""

    id: str
    name: str
    value: float
    unit: str
    line: int
    page: int | None
    evidence: str
    confidence: float
    period: str = ""
    approximate: bool = False
    source: str = "text"  # "text", "table" or "annex"
    headline: bool = True
    table: str = ""  # for a table cell: the table, row label and column header
    row: str = ""
    column: str = ""
    subject: str = ""  # what the fact measures, as the report words it


def trie_pattern(words) -> str:
    """One regex for many words, as a trie: Python's re tries a plain alternation of hundreds of
    names one by one at every position; a trie checks a position in a few steps. At each position
    the longest name wins (groups are greedy)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


class Mention(NamedTuple):
    """Where a name stands in a text with quotation marks (the same methods as a match of the pattern)."""

    at: int
    to: int
    text: str

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.to

    def group(self, _: int = 0) -> str:
        return self.text


class NamePattern:
    """The catalog's names as one trie pattern. A quotation mark may stand between two characters of
    a name ("“双师型”教师" is 双师型教师): a text with marks is matched with each lone mark taken out
    and the offsets mapped back (a mark in the pattern, optional after every character, would make it
    several times slower to compile). Two marks side by side part a name; a name that begins a longer
    one takes the mark right after it into the mention."""

    def __init__(self, names):
        self.pattern = re.compile(trie_pattern(names))
        self.beginnings = {name[:k] for name in names for k in range(1, len(name))}

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match | Mention]:
        if not any(mark in text for mark in QUOTES):
            yield from self.pattern.finditer(text, pos)
            return
        pieces = LONE_QUOTE.split(text)  # the text between lone marks
        shifts = list(accumulate(map(len, pieces[:-1])))  # where each mark was taken out of the text without them
        cuts = [shift + k for k, shift in enumerate(shifts)]  # where each mark stands in the text
        for match in self.pattern.finditer("".join(pieces), pos - bisect_left(cuts, pos)):
            at = match.start() + bisect_right(shifts, match.start())
            to = match.end() - 1 + bisect_right(shifts, match.end() - 1) + 1
            if to < len(text) and text[to] in QUOTES and match.group(0) in self.beginnings:
                to += 1
            yield Mention(at, to, text[at:to])

    def search(self, text: str, pos: int = 0) -> re.Match | Mention | None:
        return next(self.finditer(text, pos), None)


@cache
def _names(level: str | None) -> tuple[NamePattern, dict[str, tuple[Indicator, ...]]]:
    owners: dict[str, list[Indicator]] = {}
    for indicator in catalog().values():
        if level and level not in indicator.levels:
            continue
        for name in indicator.names:
            owners.setdefault(unquoted(name), []).append(indicator)
    return (NamePattern(owners),
            {name: tuple(dict.fromkeys(found)) for name, found in owners.items()})


def unquoted(name: str) -> str:
    """A name as the catalog keys it: quotation marks left out ("“双师型”教师" → 双师型教师)."""
    return name.translate(WITHOUT_QUOTES)


def _period(indicator: Indicator, report: Report) -> str:
    year = report.meta.year
    if indicator.period == "时点":
        end = report.meta.period.end if report.meta.period else None
        return f"截至{end:%Y年%m月%d日}" if end else "时点"
    if indicator.period == "自然年":
        if report.meta.period and report.meta.period.start.year == report.meta.period.end.year:
            return f"{report.meta.period.start.year}年"
        return f"{year}年" if year else "自然年"
    if report.meta.period and report.meta.period.start.year < report.meta.period.end.year:
        return f"{report.meta.period.start.year}-{report.meta.period.end.year}学年"
    return f"{year - 1}-{year}学年" if year else "学年"


# -- refusals ------------------------------------------------------------------------------------
def fact_year(fact: Fact) -> int | None:
    """The last year a fact is for ("2024-2025" → 2025, "2025届" → 2025), None when it names none."""
    years = re.findall(r"20\d{2}", fact.qualifiers.year)
    return int(years[-1]) if years else None


def _level_fits(level: str, indicator: Indicator) -> bool:
    if not level:
        return True
    if not indicator.qualifiers:  # "校级在线课程 46 门" counts the school's own designations, not every course
        return level not in OWN_LEVELS
    if level in indicator.qualifiers:
        return True
    return any(level in group and set(indicator.qualifiers) & set(group) for group in LEVEL_GROUPS)


def scope_fits(scope: str, indicator: Indicator) -> bool:
    """Whether a figure of a part of the school (``scope``) may be the indicator's own."""
    return not scope or any(word in scope for word in indicator.scopes) or any(
        name in scope or scope in name for name in indicator.names if len(name) >= 2)


def case_part(scope: str) -> str:
    """The part of the school a case speaks of ("案例2-3（XX专业群）" → XX专业群), "" for a case of the school."""
    return scope.partition("（")[2].rstrip("）")


def refusal(fact: Fact, indicator: Indicator, report_year: int | None) -> str | None:
    """Why ``fact`` cannot be a value of ``indicator`` (a Chinese reason), or None when it can."""
    qualifiers = fact.qualifiers
    if fact.kind == "change":
        return "是较上年的变化量，不是指标本身"
    if fact.kind == "rank" or fact.unit == RANK_UNIT:
        return "是名次，不是数量"
    if indicator.period != "时点" and is_multi_year(qualifiers.period):
        return f"是多年累计的数值（{qualifiers.period}）"
    year = fact_year(fact)
    if report_year and year:
        oldest = report_year - 1 if indicator.period == "自然年" or "-" not in qualifiers.year else report_year
        if year < oldest or year > report_year:
            return f"是{qualifiers.year}的数值，不是报告年度的"
    if not _level_fits(qualifiers.level, indicator):
        return f"是{qualifiers.level}的数值"
    scope = case_part(qualifiers.scope) if qualifiers.scope.startswith("案例") else qualifiers.scope
    if scope and not scope_fits(scope, indicator):
        return f"是{scope}的数值，不是全校的"
    return None


def _confidence(base: float, fact: Fact) -> float:
    """How sure the tie is: a hedged figure ranks just below an exact one, a figure inside a case well
    below one outside."""
    score = base - (0.02 if fact.approximate else 0) - (CASE_PENALTY if fact.qualifiers.scope.startswith("案例") else 0)
    return round(max(score, 0.05), 2)


def _value(report: Report, indicator: Indicator, fact: Fact, confidence: float) -> IndicatorValue | None:
    if refusal(fact, indicator, report.meta.year):
        return None
    # A ratio is X of X:1; a bare number in a table row or column named by the indicator is in its unit.
    plain = fact.kind == "ratio" and indicator.form == RATIO_FORM or not fact.unit and fact.source.kind == "table"
    value = fact.value if plain else convert(fact.value, fact.unit, indicator)
    if value is None or value < 0:
        return None
    source = fact.source
    return IndicatorValue(indicator.id, indicator.name, round(value, 6), indicator.unit, fact.span.line, fact.span.page,
                          fact.evidence[:160], _confidence(confidence, fact), _period(indicator, report), fact.approximate,
                          source.kind, table=source.table, row=source.row, column=source.column or "", subject=fact.subject)


# -- prose ---------------------------------------------------------------------------------------
def _owners(mention: re.Match, owners, sentence_before: str) -> tuple[Indicator, ...]:
    """The indicators a name stands for here: a context alias ("一等奖") counts only for the
    indicator whose qualifier ("国家级") was the last one written before it in the sentence. An indicator
    with context words counts only in a sentence about what it counts ("技能大赛", not "评优评先")."""
    name = unquoted(mention.group(0))
    said = sentence_before + name
    found = tuple(i for i in owners[name] if not i.context_words or any(w in said for w in i.context_words))
    if all(name not in i.context_aliases for i in found):
        return found
    best, at = None, -1
    for indicator in found:
        for word in indicator.qualifiers:
            position = sentence_before.rfind(word)
            if position > at:
                best, at = indicator, position
    return (best,) if best else ()


def _gap_confidence(gap: str) -> float:
    score = 0.95 - max(0, len(gap) - 4) * 0.012
    if "，" in gap or "," in gap:
        score -= 0.1
    if any(word in gap for word in CHANGE_WORDS):
        score -= 0.4
    return score


def _from_prose(report: Report, pattern: NamePattern, owners, facts_at: dict[tuple[int, int], Fact]) -> list[IndicatorValue]:
    values: list[IndicatorValue] = []
    buckets = paragraph_quantities(report)
    for paragraph in report.paragraphs:
        text = paragraph.text
        mentions = list(pattern.finditer(text))
        if not mentions:
            continue
        k = 0
        for s_start, s_end in split_sentences(text):
            inside = []
            while k < len(mentions) and mentions[k].start() < s_end:
                inside.append(mentions[k])
                k += 1
            if not inside:
                continue
            quantities = quantities_between(buckets[id(paragraph)], s_start, s_end)
            ties: list[tuple[int, re.Match, Indicator, tuple, tuple]] = []  # position, mention, indicator, window, found
            for n, mention in enumerate(inside):
                window = (max(s_start, inside[n - 1].end() if n else s_start), mention.start(), mention.end(),
                          min(s_end, mention.end() + MAX_GAP, inside[n + 1].start() if n + 1 < len(inside) else s_end))
                for indicator in _owners(mention, owners, text[s_start:mention.start()]):
                    found = min(_candidates(text, indicator, window, quantities), default=None)
                    if found is not None:
                        ties.append((found[1], mention, indicator, window, found))
            ties = [tie for tie in ties if not _counts_another_noun(text, pattern, tie[1], tie[0],
                                                                    facts_at.get((paragraph.line_at(tie[0]), tie[0])))]
            for position, mention, indicator, window, (_, _, gap) in _one_name_per_figure(text, ties):
                fact = facts_at.get((paragraph.line_at(position), position))
                value = fact and _value(report, indicator, fact, _gap_confidence(gap))
                if value:
                    values.append(value)
                    values.extend(_share_after(report, paragraph, indicator, window, position, quantities, facts_at))
    return values


def _counts_another_noun(text: str, pattern: NamePattern, mention: re.Match, position: int, fact: Fact | None) -> bool:
    """Whether a figure before a name counts something else: the designated ones ("3 个专业群入选省级
    高水平专业群", "3 个专业群均获评…": a designation verb follows a name that is no designation itself,
    unlike "4 个省级资源库获批立项"), or a body the name only qualifies ("4 个专业群教学团队获评…")."""
    if position >= mention.start():
        return False
    name, after = unquoted(mention.group(0)), text[mention.end():mention.end() + DESIGNATION_REACH]
    verb_at = min((at for v in DESIGNATIONS if 0 <= (at := after.find(v)) <= ADVERB_BEFORE_VERB), default=None)
    leveled = any(word in name for group in LEVEL_GROUPS for word in group)
    if verb_at is not None and (not leveled or pattern.search(after, verb_at + 2)):
        return True
    subject = fact.subject if fact else ""
    rest = subject[subject.index(name) + len(name):] if name in subject else ""
    return any(rest.endswith(head) for head in words().scope_heads)


def _one_name_per_figure(text: str, ties: list) -> list:
    """A figure tied to two names of the sentence belongs to one of them: the closer one, or, when a
    designation stands between them ("3 个专业获评省级骨干专业"), the designation's."""
    chosen: dict[int, list] = {}
    for tie in ties:
        position, mention = tie[0], tie[1]
        held = chosen.get(position)
        if held is None or held[0][1] is mention:
            chosen.setdefault(position, []).append(tie)
            continue
        other = held[0]
        first, second = sorted((other, tie), key=lambda t: t[1].start())
        between = text[first[1].end():second[1].start()]
        if any(verb in between for verb in DESIGNATIONS):
            winner = second
        else:
            winner = min((other, tie), key=lambda t: t[4][0])
        if winner is tie:
            chosen[position] = [tie]
    return [tie for held in chosen.values() for tie in held]


def _share_after(report, paragraph, indicator, window, position, quantities, facts_at) -> list[IndicatorValue]:
    """"双师型教师 236 人，占专任教师的 58%": a percentage after a count, introduced by 占, is the
    count's share (the percentage indicator whose numerator it is), though the whole's name stands
    between them; not once another count has come between ("…236 人，高级职称 120 人，占…")."""
    shares = shares_of(indicator.id)
    if not shares:
        return []
    text = paragraph.text
    counts = 0 if position >= window[1] else 1  # the count tied before the name is not among those after it
    for quantity in quantities:
        if quantity.offset < window[1] or quantity.offset >= window[2] + MAX_GAP + SHARE_REACH:
            continue
        if quantity.unit != "%":
            counts += 1
            if counts > 1:
                return []
            continue
        if SHARE_WORD not in text[window[2]:quantity.offset][-SHARE_REACH:]:
            return []
        fact = facts_at.get((quantity.span.line, quantity.offset))
        return [v for share in shares if fact and (v := _value(report, share, fact, 0.8))]
    return []


def _candidates(text: str, indicator: Indicator, window, quantities):
    """(cost, position, gap) of the figures that may belong to the name."""
    floor, name_start, name_end, limit = window
    if indicator.form == RATIO_FORM:
        match = RATIO.search(text, name_end, limit)
        if match:
            gap = text[name_end:match.start()]
            yield len(gap), match.start(), gap
        return
    after = before = None
    for quantity in quantities:
        if convert(quantity.value, fact_unit(quantity.unit), indicator) is None:
            continue
        # A quantity may start inside the name when its prefix is the name's last word ("收入合计5200万元").
        start, end = quantity.offset, _end(quantity)
        starts_after = name_end <= start or name_start <= start < name_end < end
        if after is None and starts_after and start < limit:
            after = quantity
        if floor <= start and end <= name_start:
            before = quantity
    if after:
        gap = text[name_end:max(after.offset, name_end)]
        cost = len(gap) + (PUNCTUATION_COST if GAP_BREAKS & set(gap) else 0)
        if not _new_subject(gap):
            if _noun_follows(text, _end(after)):
                cost += NOUN_AFTER_COST
            yield cost, after.offset, gap
    if before:
        gap = text[_end(before):name_start]
        if len(gap) <= MAX_GAP_BEFORE and not GAP_BREAKS & set(gap):
            yield len(gap) + 1, before.offset, gap


def _end(quantity: Quantity) -> int:
    return quantity.offset + len(quantity.raw)


def _new_subject(gap: str) -> bool:
    """"联合体，成员单位 40 家": past a comma, more than a short verb ("，共" "，达到") starts
    another subject, and the number is its."""
    last = max(gap.rfind(mark) for mark in GAP_BREAKS)
    return last >= 0 and len(gap[last + 1:].strip()) > MAX_VERB_AFTER_COMMA


def _noun_follows(text: str, end: int) -> bool:
    """Whether a quantity is followed by a noun it counts ("8个二级学院23个专业": 23 counts 专业)."""
    return end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in NOT_NOUNS


# -- tables --------------------------------------------------------------------------------------
def _is_total(label: str) -> bool:
    last = label.split("/")[-1].replace(" ", "")
    return any(word in last for word in TOTAL_LABELS)


def _table_owners(text: str, pattern: NamePattern, owners, level: str) -> tuple[Indicator, ...]:
    """The indicators a row label or column header names (a context alias by the fact's level)."""
    found: list[Indicator] = []
    for mention in pattern.finditer(text):
        name = unquoted(mention.group(0))
        for indicator in owners[name]:
            if name in indicator.context_aliases and not (level and _level_fits(level, indicator)):
                continue
            found.append(indicator)
    return tuple(dict.fromkeys(found))


def _preferred(cells: list[Fact], indicator: Indicator, year: int | None) -> list[Fact]:
    """Of one row's (or column's) cells for an indicator, the report year's; the year before for a
    calendar-year indicator stated without the report year; all cells when none names a year."""
    dated = [f for f in cells if fact_year(f)]
    if not dated or not year:
        return cells
    for wanted in (year, year - 1) if indicator.period == "自然年" else (year,):
        chosen = [f for f in dated if fact_year(f) == wanted]
        if chosen:
            return chosen
    return []


def _from_tables(report: Report, pattern: NamePattern, owners) -> list[IndicatorValue]:
    year = report.meta.year
    values: list[IndicatorValue] = []
    annexed = {row.span.line for table in report.annex for row in table.rows}  # read by _from_annex
    by_table: dict[str, list[Fact]] = {}
    for fact in report.facts:
        if fact.source.kind == "table" and fact.span.line not in annexed:
            by_table.setdefault(fact.source.table, []).append(fact)
    for cells in by_table.values():
        rows: dict[str, list[Fact]] = {}
        for fact in cells:
            rows.setdefault(fact.source.row, []).append(fact)
        year_rows = sum(1 for label in rows if re.fullmatch(r"\s*20\d{2}\s*(?:年度?|届)?\s*", label.split("/")[-1]))
        for label, row in rows.items():
            last = label.split("/")[-1]
            named = _table_owners(last, pattern, owners, row[0].qualifiers.level) if last else ()
            for indicator in named:
                usable = [f for f in _preferred(row, indicator, year) if f.unit != "%" or indicator.unit == "%"]
                usable = [f for f in usable if not f.unit or convert(f.value, f.unit, indicator) is not None]
                if usable:
                    chosen = next((f for f in usable if _is_total(f.source.column or "")), usable[0])
                    confident = 0.85 if len(usable) == 1 or fact_year(chosen) else 0.7
                    if (value := _value(report, indicator, chosen, confident)):
                        values.append(value)
                for fact in row:  # a percentage beside the value holds the indicator's share of the total
                    if fact.unit == "%":
                        values += [v for share in shares_of(indicator.id) if (v := _value(report, share, fact, 0.85))]
            if named:
                continue
            # A column headed by an indicator: its totals row; a table by years: the report year's row;
            # a one-row table: its row. A row under a total is a part, never the school's figure.
            for fact in row:
                header = fact.source.column or ""
                whole = _is_total(label) or len(rows) == 1 or (year_rows >= 2 and label == last and fact_year(fact) == year)
                if not header or not whole:
                    continue
                for indicator in _table_owners(header, pattern, owners, fact.qualifiers.level):
                    if (value := _value(report, indicator, fact, 0.8)):
                        values.append(value)
    return values


SUBJECT_CONFIDENCE = 0.6  # below any figure the catalog's names tie


@cache
def _subject_patterns(level: str | None) -> tuple[tuple[re.Pattern, Indicator], ...]:
    return tuple((re.compile(pattern), indicator) for indicator in catalog().values()
                 if not level or level in indicator.levels for pattern in indicator.subjects)


def _from_subjects(report: Report) -> list[IndicatorValue]:
    """A figure no name ties, known by its subject ("开展职业技能培训 16850 人次"): the whole school's level
    figures of prose only, never a part of a total."""
    values = []
    patterns = _subject_patterns(framework_level(report.meta.level))
    for fact in report.facts:
        if fact.source.kind != "text" or fact.kind != "level" or fact.qualifiers.subset_of:
            continue
        for pattern, indicator in patterns:
            if pattern.search(fact.subject) and (value := _value(report, indicator, fact, SUBJECT_CONFIDENCE)):
                values.append(value)
    return values


PHRASE_CONFIDENCE = 0.9  # a set phrase ("开设…12个专业") says which indicator more plainly than a nearby name
FIGURE = r"(?P<figure>[\d０-９][\d０-９.,]*|[〇零一二两三四五六七八九十百千]+)"


@cache
def _phrase_patterns(level: str | None) -> tuple[tuple[re.Pattern, Indicator], ...]:
    return tuple((re.compile(pattern.replace("{n}", FIGURE)), indicator) for indicator in catalog().values()
                 if not level or level in indicator.levels for pattern in indicator.phrases)


def _from_phrases(report: Report, facts_at: dict[tuple[int, int], Fact]) -> list[IndicatorValue]:
    """A figure stated by a set phrase of its indicator rather than by its name ("开设数控技术应用、会计等
    12个专业", "与 38 家企业开展合作"): the fact where the phrase's {n} stands, refusals as for any tie."""
    values = []
    patterns = _phrase_patterns(framework_level(report.meta.level))
    for paragraph in report.paragraphs:
        for pattern, indicator in patterns:
            for match in pattern.finditer(paragraph.text):
                at = match.start("figure")
                fact = facts_at.get((paragraph.line_at(at), at))
                if fact and (value := _value(report, indicator, fact, PHRASE_CONFIDENCE)):
                    values.append(value)
    return values


def _from_annex(report: Report) -> list[IndicatorValue]:
    """The annex's rows the catalog knows, as the report's formal statement of the indicator."""
    values = []
    for found in annex_values(report):
        if found.indicator is None or found.value is None:
            continue
        indicator, row = found.indicator, found.row
        values.append(IndicatorValue(indicator.id, indicator.name, round(found.value, 6), indicator.unit, row.span.line,
                                     row.span.page, f"{row.name} | {row.unit} | {row.values[found.column]}", ANNEX_CONFIDENCE,
                                     _period(indicator, report), False, "annex", table=found.table.label, row=row.name,
                                     column=found.column, subject=row.name))
    return values


@per_report
def extract(report: Report) -> list[IndicatorValue]:
    """Every indicator value found; per indicator one is marked as the headline value (the annex's
    when the report appends one). Computed once per report, so the checker's rules and the batch share it.
    The catalog's indicators are a school's: a region's or an enterprise's report states none of them."""
    if report.meta.kind != "school":
        return []
    pattern, owners = _names(framework_level(report.meta.level))
    facts_at = {(f.span.line, f.offset): f for f in report.facts if f.source.kind == "text"}
    values = (_from_prose(report, pattern, owners, facts_at) + _from_tables(report, pattern, owners)
              + _from_subjects(report) + _from_phrases(report, facts_at) + _from_annex(report))
    best: dict[str, IndicatorValue] = {}
    for value in values:
        current = best.get(value.id)
        if current is None or value.confidence > current.confidence:
            best[value.id] = value
    for value in values:
        value.headline = best[value.id] is value
    order = {indicator_id: k for k, indicator_id in enumerate(catalog())}
    return sorted(values, key=lambda v: (order.get(v.id, 0), not v.headline, v.line))
