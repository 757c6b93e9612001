"""Every stated figure as a Fact: each quantity of the prose and of figure captions, each numeric
table cell (totals rows included), with the subject it measures, its qualifiers, normalised unit and
kind, and where it stands. Built once per report from the numbers the parser found (parse/numbers);
the words it goes by are data (lexicon/facts.yaml).

Prose: a figure's subject is the noun after its classifier ("3 个国家级专业教学资源库") or else the
phrase before it in its clause ("合同金额 1250 余万元"), lead words (共计, 达到 …) removed. Tables: a
cell's subject is its row label and column header; the row label is the row's naming cell, and where
merged cells leave label cells empty, the path of the filled-down label cells joined with "/"; a
header over two rows is joined the same way."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from ..analysis import paragraph_quantities, split_sentences
from ..conventions import ANNEX_UNIT_HEADERS, EMPTY_CELLS, RANK_UNIT, FactKind, fact_unit
from ..data import package_yaml
from ..model import AnnexTable, Fact, FactSource, Qualifiers, Report, Span, Table, TableRow
from .annex import annex_cell, normalised
from .numbers import UNITS, Found, find_quantities, find_ratios, parse_number

_ENUMERATOR = re.compile(r"^\s*(?:\d+\s*[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|[①-⑳])\s*")
CLAUSE_BREAKS = "，,；;。：:！？!?、（）()【】"
EVIDENCE_CHARS = 200
MAX_SUBJECT = 20
# Units after which the noun that follows is what the number counts ("3 个专业", "1200 人次职业技能等级认定");
# after the others (money, shares, durations, areas) a following word is no subject.
CLASSIFIERS = {"个", "项", "门", "种", "家", "所", "间", "支", "本", "部", "册", "篇", "件", "套", "台", "台套", "条", "人",
               "批", "场", "次", "期", "届", "枚", "盏", "处", "份", "类", "道", "节", "组", "亩", "人次", "课次", "场次",
               "堂次", "轮次", "位", "名"}
_YEAR = re.compile(r"(?P<span>(?P<a>20\d{2})\s*[-—–~至]\s*(?P<b>20\d{2})\s*学?年度?)|(?P<cohort>20\d{2})\s*届"
                   r"|(?P<year>20\d{2})\s*年(?:度)?(?!\s*\d{1,2}\s*月)")
THIS_YEAR = ("本年度", "本学年", "全年", "今年", "年内", "当年", "本年")
_PERIOD_DATE = re.compile(r"(?:截至|截止)(?:到|至)?[^，,。；;]{0,12}?(?:底|末|月|日|年度|年|前|目前|现在)")
_MULTI_YEAR = re.compile(r"(?:近|过去)[一二三四五六七八九十两\d]+年|[一二三四五六七八九十两\d]+年(?:来|累计|间)")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:新区|自治州|县(?![域级城乡区市委政]))")  # a region the figure is of
_SERIAL_HEADERS = {"序号", "编号", "序", "No", "No.", "NO"}
_TOTAL_ROW = re.compile(r"合计|总计|小计|总量|总数|共计")
_HEADER_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>[^（()）]{1,6}?)\s*[)）]\s*$")
HEADER_UNITS = set(UNITS) | {"%"}
_TABLE_UNIT = re.compile(r"单位\s*[:：]\s*(?P<unit>[\u4e00-\u9fff%％]{1,4})")


@dataclass(frozen=True)
class Words:
    lead: tuple[str, ...]
    openers: tuple[str, ...]
    change_markers: tuple[str, ...]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    share: tuple[str, ...]
    multi_year: tuple[str, ...]
    periods: tuple[str, ...]
    levels: tuple[str, ...]
    level_words: dict[str, str]
    scope_heads: tuple[str, ...]
    school: tuple[str, ...]
    verbs_after: tuple[str, ...]
    header_units: dict[str, str]
    scope_words: tuple[str, ...]


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@cache
def words() -> Words:
    data = package_yaml("nianbao.lexicon", "facts.yaml")
    return Words(
        lead=_longest_first(data["lead_words"]), openers=_longest_first(data["openers"]),
        change_markers=_longest_first(data["change"]["markers"]), increase=_longest_first(data["change"]["increase"]),
        decrease=_longest_first(data["change"]["decrease"]), share=_longest_first(data["share_words"]),
        multi_year=_longest_first(data["periods"]["multi_year"]), periods=_longest_first(data["periods"]["other"]),
        levels=_longest_first(data["levels"]), level_words=dict(data["level_words"]),
        scope_heads=_longest_first(data["scope_heads"]), school=_longest_first(data["school_words"]),
        verbs_after=_longest_first(data["verbs_after"]), header_units=dict(data["header_units"]),
        scope_words=_longest_first(data["scope_words"]),
    )


@cache
def _scope_owner() -> re.Pattern:
    """A sentence that opens with a named part of the school ("机电专业群依托…") speaks of that part; one
    that turns to others ("学校面向社区和企业…", "与企业…") does not name a part."""
    heads = "|".join(re.escape(h) for h in words().scope_heads)
    return re.compile(rf"^(?:此外|同时|另外|其中)?[，,]?(?P<owner>[^\W\d_了的在对将把被使让为是有与向]{{1,12}}?(?:{heads}))"
                      rf"(?=[\u4e00-\u9fff])")


def _part_named(sentence: str, institution: str) -> str:
    """The part of the school a sentence opens with ("机电专业群依托…" → 机电专业群), "" for none or for
    the school itself (its own name may end like a part: "…职业技术教育中心")."""
    owner = _scope_owner().match(sentence)
    name = owner.group("owner") if owner else ""
    if institution and name and (name in institution or institution in name):
        return ""
    return "" if any(name.endswith(word) or name == word for word in words().school) else name


# -- prose ---------------------------------------------------------------------------------------
def _strip_lead(text: str) -> str:
    """A subject phrase without the lead words before its number and the openers before it."""
    w = words()
    changed = True
    while changed and text:
        changed = False
        for word in w.lead:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)].rstrip(), True
                break
    changed = True
    while changed and text:
        changed = False
        for word in w.openers:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):].lstrip("，, "), True
                break
    text = _ENUMERATOR.sub("", text)
    return re.sub(r"^(?:20\d{2}\s*年度?|本年度|本学年|全年|今年|年内)", "", text).strip()


@cache
def _verbs_after_by_first() -> dict[str, tuple[str, ...]]:
    """The verbs a subject stops at, by their first character (longest first, as in ``words``)."""
    verbs: dict[str, tuple[str, ...]] = {}
    for verb in words().verbs_after:
        verbs[verb[0]] = verbs.get(verb[0], ()) + (verb,)
    return verbs


def _noun_after(text: str, end: int) -> str:
    """The noun phrase right after a figure's unit, up to a verb, particle or punctuation."""
    verbs = _verbs_after_by_first()
    i, run = end, ""
    while i < len(text) and len(run) < MAX_SUBJECT:
        char = text[i]
        if not ("\u4e00" <= char <= "\u9fff" or char in "“”《》·"):
            break
        if any(text.startswith(verb, i) for verb in verbs.get(char, ())):
            break
        run += char
        i += 1
    return run if sum("\u4e00" <= char <= "\u9fff" for char in run) >= 2 else ""


def _clause_start(text: str, start: int, floor: int) -> int:
    k = start
    while k > floor and text[k - 1] not in CLAUSE_BREAKS:
        k -= 1
    return k


@cache
def _starts(choices: tuple[str, ...]) -> re.Pattern:
    """Every position where one of ``choices`` starts, with the longest that starts there."""
    alternatives = sorted(set(choices), key=len, reverse=True)
    return re.compile(f"(?=({'|'.join(map(re.escape, alternatives))}))")


def _last(text: str, choices: tuple[str, ...]) -> tuple[int, str]:
    """The last of ``choices`` written in ``text`` (the longest of those starting there): (position,
    word); (-1, "") when none is. One scan of the text rather than a search per word."""
    found = None
    for found in _starts(choices).finditer(text):
        pass
    return (found.start(), found.group(1)) if found else (-1, "")


def _kind(before: str, clause: str, unit: str) -> tuple[FactKind, str]:
    """Level, change (with its direction), share or rank, from the words before the figure."""
    w = words()
    if unit == RANK_UNIT:
        return "rank", ""
    tail = re.sub(r"(?:了|达到|达|约|近|超过|超|逾|\s)+$", "", before)
    verb = next((v for v in (*w.increase, *w.decrease) if tail.endswith(v)), None)
    if unit == "百分点":
        return "change", "下降" if any(v in clause for v in w.decrease) else "增加"
    if verb and (any(m in clause for m in w.change_markers) or unit == "%" and verb not in ("新增", "多")):
        return "change", "下降" if verb in w.decrease else "增加"
    if unit == "%" and any(word in clause for word in w.share):
        return "share", ""
    return "level", ""


def _year(sentence_before: str, report_year: int | None) -> str:
    found = list(_YEAR.finditer(sentence_before))
    if found:
        match = found[-1]
        if match.group("span"):
            return f"{match.group('a')}-{match.group('b')}"
        if match.group("cohort"):
            return f"{match.group('cohort')}届"
        return match.group("year")
    if report_year and any(word in sentence_before for word in THIS_YEAR):
        return str(report_year)
    return ""


def _period(sentence_before: str) -> str:
    w = words()
    dated = list(_PERIOD_DATE.finditer(sentence_before))
    multi = list(_MULTI_YEAR.finditer(sentence_before))
    candidates = [(m.end(), len(m.group(0)), m.group(0)) for m in dated + multi]
    at, word = _last(sentence_before, w.multi_year + w.periods)
    if at >= 0:
        candidates.append((at + len(word), len(word), word))
    if not candidates:
        return ""
    period = max(candidates)[2]
    earlier = [c[2] for c in candidates if is_multi_year(c[2])]
    # "自 2023 年揭牌以来，工坊已累计培养…": the 累计 is over those years
    return earlier[-1] + period if period == "累计" and earlier else period


def is_multi_year(period: str) -> bool:
    """Whether a period spans several years (近五年, 历年, 自…以来, 六年累计): never one year's figure."""
    return bool(_MULTI_YEAR.search(period)) or any(word in period for word in words().multi_year)


def _level(clause: str, subject: str) -> str:
    w = words()
    for text in (subject, clause):
        at, word = _last(text, w.levels)
        alias_at, alias = _last(text, tuple(w.level_words))
        if alias_at > at:
            return w.level_words[alias]
        if at >= 0:
            return word
    return ""


_YEARS_SPAN = re.compile(r"(?:近|过去|最近)\s*[\d一二两三四五六七八九十]+\s*年|[\d一二两三四五六七八九十]+\s*年(?:来|以来|间)"
                         r"|[上下前后]一\s*(?:学)?年")


def _not_a_figure(value: float, unit: str, text: str, end: int) -> bool:
    """Years, school-year cohorts and congresses are names and dates, not measured figures; "近五年",
    "三年来", "上一年" name a period (the figure it qualifies carries it)."""
    if unit in ("年", "届") and 1900 <= value <= 2100:
        return True
    if unit == "年" and any(m.start() < end <= m.end() for m in _YEARS_SPAN.finditer(text, max(0, end - 8), end + 3)):
        return True
    return unit == "届" and bool(re.match(r"[一二三四五六七八九]中全会|全会|人大|党代会|全国人民代表大会", text[end:end + 6]))


def _figures(text: str, quantities, ratios: list[Found]) -> list[Found]:
    figures = [Found(q.value, q.unit, q.raw, q.offset, q.offset + len(q.raw), q.approximate) for q in quantities
               if not _not_a_figure(q.value, q.unit, text, q.offset + len(q.raw))]
    for r in ratios:
        if not any(f.start <= r.start < f.end for f in figures):
            figures.append(r)
    return sorted(figures, key=lambda f: f.start)


def _prose_facts(report: Report, text: str, figures: list[Found], line_at, page_of, case: str) -> list[Fact]:
    """The facts of one paragraph (or caption): sentence by sentence, figure by figure."""
    facts: list[Fact] = []
    year = report.meta.year
    k = 0
    for s_start, s_end in split_sentences(text):
        sentence = text[s_start:s_end]
        evidence = sentence.strip()[:EVIDENCE_CHARS]
        owner_name = _part_named(sentence, report.meta.institution)
        total = total_level = previous_level = ""
        subset = False
        previous_end = s_start
        while k < len(figures) and figures[k].start < s_end:
            figure = figures[k]
            k += 1
            start = _clause_start(text, figure.start, max(s_start, previous_end))
            separator = text[start - 1] if start > s_start else ""
            before = text[start:figure.start]
            sentence_before = text[s_start:figure.start]
            clause_start = _clause_start(text, figure.start, s_start)
            clause = text[clause_start:figure.start]
            unit = fact_unit(figure.unit)
            after = _noun_after(text, figure.end) if figure.unit in CLASSIFIERS else ""
            subject = after or _strip_lead(before)
            if "其中" in before or "其中" in clause[:4]:
                subset = True
            elif separator not in "、，,":
                subset = False
            kind, direction = ("ratio", "") if figure.ratio else _kind(before, clause, unit)
            level = _level(clause, subject) or (total_level if subset else previous_level if separator == "、" else "")
            place = _PLACE.search(clause)
            mode = next((word for word in words().scope_words if word in before), "")
            scope = case or owner_name or mode or (place.group(0) if place else "")
            qualifiers = Qualifiers(
                year=_year(sentence_before, year), period=_period(sentence_before), scope=scope, level=level,
                subset_of=total if subset and total else "", new=bool(re.search(r"新增|新建|新开|新引进|新录用|新招", before)),
                direction=direction)
            line = line_at(figure.start)
            facts.append(Fact(subject, round(figure.value, 6), unit, kind, Span(line, page_of(line)), evidence, figure.raw,
                              FactSource(), qualifiers, figure.approximate, figure.start))
            if not subset:
                total, total_level = subject, level
            previous_end, previous_level = figure.end, level
    return facts


# -- tables --------------------------------------------------------------------------------------
def _is_serial_column(table: Table, column: int, body: list[TableRow]) -> bool:
    header = table.rows[0].cells[column].strip() if column < len(table.rows[0].cells) else ""
    if header in _SERIAL_HEADERS:
        return True
    values = [row.cells[column].strip() for row in body if column < len(row.cells) and row.cells[column].strip()]
    numbers = [v for v in values if v.isdigit()]
    return bool(numbers) and len(numbers) >= 2 and [int(v) for v in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def _stated(cell: str) -> bool:
    return cell.strip() not in EMPTY_CELLS


_YEAR_CELL = re.compile(r"\s*20\d{2}\s*(?:年度?|届|学年)\s*")
_YEARS_CELL = re.compile(r"\s*20\d{2}\s*[-—–~]\s*20\d{2}\s*学?年度?\s*")


def _year_label(cell: str) -> bool:
    """A cell naming a year ("2024年", "2025届", "2023-2024学年"), not a figure."""
    return bool(_YEAR_CELL.fullmatch(cell)) or bool(_YEARS_CELL.fullmatch(cell))


@lru_cache(maxsize=4096)
def _cell_quantities(cell: str) -> tuple[Found, ...]:
    """A table cell's quantities: asked for by the label, unit and figure passes over each cell."""
    return tuple(find_quantities(cell))


def _cell_figures(cell: str) -> list[Found]:
    """What a cell states: its quantities with units, else the plain number it is."""
    if _year_label(cell):
        return []
    found = _cell_quantities(cell)
    if found:
        return list(found)
    number = parse_number(cell)
    if number is None:
        return []
    unit = "%" if cell.strip().endswith(("%", "％")) else ""
    return [Found(number, unit, cell.strip(), 0, len(cell), False)]


def _header(table: Table) -> tuple[list[str], int]:
    """The column headers (a second header row joined under the first with "/") and the number of
    header rows."""
    first = table.rows[0].cells
    second = table.rows[1].cells if len(table.rows) > 2 else None
    two_rows = (second is not None and any(not c.strip() for c in first) and any(c.strip() for c in second)
                and not any(_cell_figures(c) for c in second) and not second[0].strip())
    if not two_rows:
        return [c.strip() for c in first], 1
    headers, parent = [], ""
    for k in range(max(len(first), len(second))):
        top = first[k].strip() if k < len(first) else ""
        below = second[k].strip() if k < len(second) else ""
        parent = top or (parent if below else "")
        headers.append("/".join(part for part in (parent if not top else top, below) if part))
    return headers, 2


def _label_columns(body: list[TableRow], serial: set[int], width: int) -> list[int]:
    """Columns whose stated cells are mostly words: they name the rows."""
    labels = []
    for column in range(width):
        if column in serial:
            continue
        cells = [row.cells[column] for row in body if column < len(row.cells) and _stated(row.cells[column])]
        numeric = sum(1 for cell in cells if not _year_label(cell) and (parse_number(cell) is not None or (
            _cell_quantities(cell) and len(_cell_quantities(cell)[0].raw) >= len(cell.strip()) - 1)))
        if cells and numeric * 2 < len(cells):
            labels.append(column)
    return labels


def _header_unit(header: str) -> str:
    """The unit a header states: in brackets ("金额（万元）"), or by the word it ends with ("招生人数")."""
    match = _HEADER_UNIT.search(header)
    if match and match.group("unit").replace("％", "%") in HEADER_UNITS:
        return fact_unit(match.group("unit").replace("％", "%"))
    for word, unit in sorted(words().header_units.items(), key=lambda item: -len(item[0])):
        if word in header:
            return unit
    return ""


def _table_year(texts: list[str]) -> str:
    for text in texts:
        if re.fullmatch(r"\s*20\d{2}\s*", text or ""):
            return text.strip()
        match = _YEAR.search(text or "")
        if match:
            if match.group("span"):
                return f"{match.group('a')}-{match.group('b')}"
            return f"{match.group('cohort')}届" if match.group("cohort") else match.group("year")
    return ""


def _table_facts(report: Report, table: Table, case: str) -> list[Fact]:
    if len(table.rows) < 2:
        return []
    headers, header_rows = _header(table)
    body = table.rows[header_rows:]
    width = max(len(row.cells) for row in table.rows)
    serial = {c for c in range(width) if _is_serial_column(table, c, body)}
    years = {c for c, header in enumerate(headers) if re.fullmatch(r"(?:年份|年度|年|学年|届别|时间|统计年度)", header)}
    labels = sorted(set(_label_columns(body, serial | years, width)) | years)
    # A label column is merged when a row of items leaves its cell empty: the cell above spans it.
    items = [row for row in body if not _TOTAL_ROW.search(row.text) and sum(map(_stated, row.cells)) > 1]
    merged = [c for c in labels if any(c >= len(row.cells) or not row.cells[c].strip() for row in items)]
    naming = next((c for c in labels if c not in merged), None)
    path_columns = [c for c in merged if naming is None or c < naming] + ([naming] if naming is not None else [])
    table_unit = _TABLE_UNIT.search(table.title)
    title_unit = fact_unit(table_unit.group("unit")) if table_unit else _header_unit(table.title)
    column_units = _column_units(body, width)
    unit_column = next((c for c, header in enumerate(headers) if header.replace(" ", "") in ANNEX_UNIT_HEADERS), None)
    facts: list[Fact] = []
    filled: dict[int, str] = {}
    for row in body:
        cells = row.cells
        stated = [c for c in range(len(cells)) if _stated(cells[c])]
        if len(stated) == 1 and not cells[stated[0]].strip().isdigit() and len(cells[stated[0]]) > 8:
            # A note spanning the table ("备注：…", "累计约 5.6 万人次"): its figures, column None.
            note = cells[stated[0]].strip()
            for found in find_quantities(note):
                facts.append(_cell_fact(report, table, row, note, None, note, found, "", case))
            continue
        for c in labels:
            if c < len(cells) and cells[c].strip():
                filled[c] = cells[c].strip()
                for deeper in labels:
                    if deeper > c:
                        filled.pop(deeper, None)
        serial_text = next((cells[c].strip() for c in serial if c < len(cells) and _stated(cells[c])
                            and not cells[c].strip().isdigit()), "")
        row_label = serial_text or "/".join(filled[c] for c in path_columns if c in filled and _stated(filled[c]))
        row_year = next((cells[c] for c in labels if c < len(cells) and (_year_label(cells[c]) or c in years)), "")
        row_unit = cells[unit_column].strip() if unit_column is not None and unit_column < len(cells) else ""
        for column, cell in enumerate(cells):
            if column in serial or column in years or column == unit_column or not _stated(cell):
                continue
            header = headers[column] if column < len(headers) else ""
            if column in path_columns:
                own = [c for c in path_columns if c < column] + [column]
                label = "/".join(filled[c] for c in own if c in filled and _stated(filled[c]))
                figures = _cell_quantities(cell)
            else:
                label, figures = row_label, _cell_quantities(cell) if column in labels else _cell_figures(cell)
            for found in figures:
                if row_unit and not found.unit:  # a 单位 column: "万人次" scales the bare number
                    value, unit = normalised(found.value, row_unit)
                    found = Found(value, unit, found.raw, found.start, found.end, found.approximate)
                unit = found.unit or _header_unit(header) or _row_unit(cells, labels) or column_units.get(column) or title_unit
                year = _table_year([header, row_year, label, table.title])
                facts.append(_cell_fact(report, table, row, label, header or None, cell, found, unit, case, year))
    return facts


def _column_units(body: list[TableRow], width: int) -> dict[int, str]:
    """The unit most cells of a column write ("6人", "2人"): a bare "0" under them is in it too."""
    units: dict[int, str] = {}
    for column in range(width):
        written = Counter(found.unit for row in body if column < len(row.cells)
                          for found in _cell_quantities(row.cells[column])[:1])
        if written:
            units[column] = written.most_common(1)[0][0]
    return units


def _row_unit(cells: list[str], labels: list[int]) -> str:
    for c in labels:
        if c < len(cells):
            unit = _header_unit(cells[c])
            if unit:
                return unit
    return ""


def _cell_fact(report: Report, table: Table, row: TableRow, label: str, header: str | None, cell: str, found: Found,
               unit: str, case: str, year: str = "") -> Fact:
    unit = fact_unit(unit or found.unit)
    text = " ".join(filter(None, (header or "", cell)))
    kind: FactKind = "rank" if unit == RANK_UNIT else "share" if unit == "%" and re.search(r"比例|占比|比重|构成", text) else "level"
    if re.search(r"增长|增幅|增减|变化|同比", header or ""):
        kind = "change"
    total = bool(_TOTAL_ROW.search(label))
    subject = "".join(part for part in (label.split("/")[-1] if label else "", header or "") if part)
    qualifiers = Qualifiers(year=year, period=_period(table.title), level=_level(label + (header or ""), ""), scope=case,
                            subset_of="" if total else f"表{table.number}")
    evidence = " | ".join(c for c in row.cells if c.strip())[:EVIDENCE_CHARS]
    return Fact(subject, round(found.value, 6), unit, kind, Span(row.span.line, report.page_of(row.span.line)), evidence,
                found.raw if found.unit else cell.strip(), FactSource(table.number, label, header), qualifiers,
                found.approximate, found.start)


def _annex_facts(report: Report, table: AnnexTable) -> list[Fact]:
    """The figures of an annex table that is no captioned table: one per value cell of each row."""
    facts = []
    for row in table.rows:
        for header, cell in row.values.items():
            number = annex_cell(cell) if _stated(cell) else None
            if number is None:
                continue
            value, unit = normalised(number, row.unit or ("%" if cell.strip().endswith(("%", "％")) else ""))
            kind: FactKind = "share" if unit == "%" and re.search(r"比例|占比|比重", row.name) else "level"
            qualifiers = Qualifiers(year=_table_year([header, table.title]), level=_level(row.name, ""))
            evidence = " | ".join(filter(None, (row.name, row.unit, cell)))
            facts.append(Fact(row.name, round(value, 6), unit, kind, row.span, evidence, cell.strip(),
                              FactSource(table.label, row.name, header), qualifiers))
    return facts


# -- the report ----------------------------------------------------------------------------------
def _case_at(report: Report):
    """The case a line stands in, as "案例2-3"; "案例2-3（XX专业群）" when the case's first paragraph opens
    with a named part of the school: then the whole case speaks of that part."""
    spans = []
    for case in report.cases:
        last = case.span.end_line or case.span.line
        first = next((p for p in report.paragraphs if case.span.line < p.offsets[0][1] <= last), None)
        owner = _part_named(first.text, report.meta.institution) if first else ""
        spans.append((case.span.line, last, f"案例{case.number}" + (f"（{owner}）" if owner else "")))

    def case_of(line: int) -> str:
        return next((name for first, last, name in spans if first <= line <= last), "")

    return case_of


def find_facts(report: Report) -> list[Fact]:
    """Every stated figure of the report, in the order of the text."""
    case_of = _case_at(report)
    facts: list[Fact] = []
    buckets = paragraph_quantities(report)
    for paragraph in report.paragraphs:
        figures = _figures(paragraph.text, buckets[id(paragraph)], find_ratios(paragraph.text))
        if figures:
            facts += _prose_facts(report, paragraph.text, figures, paragraph.line_at, report.page_of,
                                  case_of(paragraph.offsets[0][1]))
    for figure in report.figures:
        figures = _figures(figure.title, figure.quantities, find_ratios(figure.title))
        if figures:
            line = figure.span.line
            facts += _prose_facts(report, figure.title, figures, lambda _offset, line=line: line, report.page_of, case_of(line))
    for table in report.tables:
        facts += _table_facts(report, table, case_of(table.span.line))
    captions = {table.span.line for table in report.tables}
    for annex in report.annex:
        if annex.span.line not in captions:
            facts += _annex_facts(report, annex)
    return sorted(facts, key=lambda f: (f.span.line, f.source.kind, f.offset))
