"""Defects injected one at a time into a real report, each with the line it was injected at
and the rule codes expected to report it. Sites are chosen from the parsed report, so the same
generator works on any report (no site is hard-coded).

Every mutation keeps the number of lines, so line numbers of the original stay valid."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from nianbao.analysis import paragraph_quantities
from nianbao.check import context_for
from nianbao.model import Report
from nianbao.rules.arithmetic import SHARE_HEADER, _column_sum, _groups, _header, _total_kind
from nianbao.rules.common import cell_number
from nianbao.rules.consistency import SKIP_UNITS, head_noun
from nianbao.rules.structure import chapter_headings

PER_KIND = 6  # sites per kind and report


@dataclass
class Mutation:
    kind: str
    line: int  # 1-based line where the defect was injected
    lines: list[str]  # the whole mutated text, line by line
    expect: tuple[str, ...]  # rule codes any of which should report it
    note: str


def _replace_line(lines: list[str], number: int, text: str) -> list[str]:
    out = list(lines)
    out[number - 1] = text
    return out


def _sample(rng: random.Random, items: list, k: int = PER_KIND) -> list:
    return items if len(items) <= k else rng.sample(items, k)


def table_total(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = []
    for table in report.tables:
        for total_row, parts in _groups(table):
            parts = [row for row in parts if len(row.cells) == len(total_row.cells)]
            for column, cell in enumerate(total_row.cells):
                value = cell_number(cell)
                summed = _column_sum(parts, column) if column else None
                # only totals the checker can verify now: those that add up in the report as it is
                if value is not None and summed and abs(summed[0] - value) < 0.5 and not re.search(r"约|余|%", cell):
                    sites.append((total_row, cell, value))
    for row, cell, value in _sample(rng, sites):
        text = lines[row.span.line - 1]
        new = cell.replace(re.search(r"\d+(?:\.\d+)?", cell).group(0), f"{int(value) + 7}", 1)
        cells = text.split("\t")
        index = cells.index(cell) if cell in cells else None
        if index is None:
            continue
        cells[index] = new
        yield Mutation("table_total", row.span.line, _replace_line(lines, row.span.line, "\t".join(cells)), ("A601",),
                       f"{cell} → {new}")


def table_share(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = []
    for table in report.tables:
        if not table.rows:
            continue
        for column in range(len(table.rows[0].cells)):
            if SHARE_HEADER.search(_header(table, column)):
                for row in table.rows[1:]:
                    if len(row.cells) > column and not _total_kind(row) and cell_number(row.cells[column]) is not None:
                        sites.append((row, column))
    # shares stated right after a part of a "其中" breakdown, the ones a sentence lets one verify
    sentences = [(p, m) for p in report.paragraphs
                 for m in re.finditer(r"其中[^。；]{0,40}?\d\s*(?:万元|人|项|个)\s*[，,（(]\s*占比\s*(\d+(?:\.\d+)?)\s*%", p.text)]
    for row, column in _sample(rng, sites, 2):
        cells = lines[row.span.line - 1].split("\t")
        old = cells[column]
        value = cell_number(old)
        cells[column] = old.replace(re.search(r"\d+(?:\.\d+)?", old).group(0), f"{value + 2:.2f}", 1)
        yield Mutation("table_share", row.span.line, _replace_line(lines, row.span.line, "\t".join(cells)), ("A603", "A601"),
                       f"{old} → {cells[column]}")
    for paragraph, match in _sample(rng, sentences, 2):
        line = paragraph.line_at(match.start(1))
        old = match.group(1)
        text = lines[line - 1]
        if text.count(old) != 1:
            continue
        new = f"{float(old) + 3:.2f}"
        yield Mutation("table_share", line, _replace_line(lines, line, text.replace(old, new)), ("A604",), f"占比{old} → {new}")


def sentence_part(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = []
    for paragraph in report.paragraphs:
        for match in re.finditer(r"其中[^，。；]{0,12}?(\d+)\s*(?:项|人|个|名)、", paragraph.text):
            sites.append((paragraph, match))
    for paragraph, match in _sample(rng, sites):
        line = paragraph.line_at(match.start(1))
        text = lines[line - 1]
        old = match.group(0)
        if text.count(old) != 1:
            continue
        new = old.replace(match.group(1), str(int(match.group(1)) + 5), 1)
        yield Mutation("sentence_part", line, _replace_line(lines, line, text.replace(old, new)), ("A604",), f"{old} → {new}")


def caption_renumber(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    items = [(items[i - 1], items[i]) for items in (report.figures, report.tables) for i in range(1, len(items))
             if items[i].number.count("-") == 1 and items[i - 1].number.split("-")[0] == items[i].number.split("-")[0]]
    for before, item in _sample(rng, items):
        text = lines[item.span.line - 1]
        number = re.search(r"\d+\s*[-－—–.．]\s*\d+", text).group(0)
        prefix, _, _ = item.number.partition("-")
        new = f"{prefix}-{int(before.number.split('-')[1])}"
        yield Mutation("caption_renumber", item.span.line, _replace_line(lines, item.span.line, text.replace(number, new, 1)),
                       ("N302",), f"{item.number} → {new}")


def caption_delete(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    referenced = {r.target for r in report.references if r.kind == "figure"}
    listed = {e.number for e in report.lists.get("figure", [])}
    figures = [f for f in report.figures if f.number in referenced and f.number in listed]
    for figure in _sample(rng, figures):
        yield Mutation("caption_delete", figure.span.line, _replace_line(lines, figure.span.line, ""), ("R401", "N302"),
                       f"图{figure.number} 图题删除")


def reference_break(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    for reference in _sample(rng, [r for r in report.references if "-" in r.target]):
        text = lines[reference.span.line - 1]
        match = re.search(r"(?:图|表|案例)\s*" + r"\s*[-－—–.．]\s*".join(map(re.escape, reference.target.split("-"))), text)
        if not match:
            continue
        new = match.group(0)[: match.group(0).rfind(reference.target.split("-")[1])] + "99"
        yield Mutation("reference_break", reference.span.line,
                       _replace_line(lines, reference.span.line, text[: match.start()] + new + text[match.end():]),
                       ("R401",), f"{match.group(0)} → {new}")


def chapter_rename(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    for heading in _sample(rng, list(chapter_headings(report, context_for(report)).values())):
        text = lines[heading.span.line - 1]
        yield Mutation("chapter_rename", heading.span.line, _replace_line(lines, heading.span.line, text.rstrip() + "工作"),
                       ("C202", "C201", "S101"), f"{heading.title} → {heading.title}工作")


def chapter_delete(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    chapters = [h for h in chapter_headings(report, context_for(report)).values() if h.number]
    for heading in _sample(rng, chapters):
        yield Mutation("chapter_delete", heading.span.line, _replace_line(lines, heading.span.line, ""),
                       ("C201", "S101", "N301"), f"删除「{heading.text.strip()}」")


def placeholder(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = [q for q in report.quantities if re.fullmatch(r"\d+(?:\.\d+)?\s*(?:人次|人|项|个|名|万元)", q.raw.strip())
             and q.span.line not in report.front_lines]
    for quantity in _sample(rng, sites):
        text = lines[quantity.span.line - 1]
        number = re.match(r"\d+(?:\.\d+)?", quantity.raw.strip()).group(0)
        if text.count(quantity.raw) != 1 or "\t" in text:
            continue
        yield Mutation("placeholder", quantity.span.line,
                       _replace_line(lines, quantity.span.line, text.replace(quantity.raw, quantity.raw.replace(number, "XX"))),
                       ("M502",), f"{quantity.raw} → XX")


def blank_number(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = [q for q in report.quantities if re.fullmatch(r"\d+\s*余\s*\S+", q.raw.strip()) and "\t" not in lines[q.span.line - 1]]
    for quantity in _sample(rng, sites):
        text = lines[quantity.span.line - 1]
        if text.count(quantity.raw) != 1:
            continue
        new = re.sub(r"^\d+\s*", "", quantity.raw)
        yield Mutation("blank_number", quantity.span.line, _replace_line(lines, quantity.span.line, text.replace(quantity.raw, new)),
                       ("M501",), f"{quantity.raw} → {new}")


def drop_source(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    tables = [t for t in report.tables if t.source and len(t.rows) >= 2]
    for table in _sample(rng, tables):
        line = table.source.span.line
        yield Mutation("drop_source", line, _replace_line(lines, line, ""), ("M504",), f"删除表{table.number}的数据来源")


def statement_date(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    meta = report.meta
    if meta.statement_span is None or meta.statement_date is None:
        return
    line = meta.statement_span.line
    year = (meta.year or meta.statement_date.year) - 1
    text = re.sub(r"20\d{2}\s*年", f"{year}年", lines[line - 1], count=1)
    yield Mutation("statement_date", line, _replace_line(lines, line, text), ("D803",), f"声明日期改为{year}年")


def swap_metric(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    buckets = paragraph_quantities(report)
    seen: dict[tuple[str, str], list] = {}
    for paragraph in report.paragraphs:
        for quantity in buckets[id(paragraph)]:
            noun = head_noun(paragraph.text, quantity.offset)
            if (noun and not quantity.approximate and quantity.value >= 10 and quantity.value == int(quantity.value)
                    and quantity.unit not in SKIP_UNITS and re.match(r"\d", quantity.raw.strip())):
                seen.setdefault((noun, quantity.unit), []).append((quantity, id(paragraph)))
    sites = [items[-1][0] for items in seen.values()
             if 2 <= len(items) <= 6 and len({q.value for q, _ in items}) == 1 and len({p for _, p in items}) > 1]
    for quantity in _sample(rng, sites):
        digits = str(int(quantity.value))
        swapped = digits[::-1] if digits[::-1] != digits and not digits.endswith("0") else str(int(quantity.value) + 1)
        text = lines[quantity.span.line - 1]
        if text.count(quantity.raw) != 1:
            continue
        yield Mutation("swap_metric", quantity.span.line,
                       _replace_line(lines, quantity.span.line, text.replace(quantity.raw, quantity.raw.replace(digits, swapped, 1))),
                       ("K701",), f"{quantity.raw}: {digits} → {swapped}")


# -- typos and garbles (the T9xx rules) -------------------------------------------------------------

def _in_line(paragraph, start: int, end: int, lines: list[str]) -> tuple[int, int] | None:
    """(line, index in that line) of a stretch of a paragraph that stands on one line of the text."""
    line = paragraph.line_at(start)
    if line != paragraph.line_at(end - 1):
        return None
    at = next(offset for offset, number in paragraph.offsets if number == line)
    raw = lines[line - 1]
    index = start - at + len(raw) - len(raw.lstrip())
    return (line, index) if raw[index : index + end - start] == paragraph.text[start:end] else None


def _body(report: Report) -> list:
    first = min((h.span.line for h in report.headings), default=0)
    return [p for p in report.paragraphs if p.span.line > first]


def _edit_at(lines: list[str], line: int, index: int, old: str, new: str) -> list[str]:
    text = lines[line - 1]
    return _replace_line(lines, line, text[:index] + new + text[index + len(old) :])


def doubled_word(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    from nianbao.segmenter import is_word, words

    sites = []
    for paragraph in _body(report):
        at = 0
        for word in words(paragraph.text):
            if len(word) == 2 and len(set(word)) == 2 and is_word(word) and re.fullmatch(r"[\u4e00-\u9fff]{2}", word):
                sites.append((paragraph, at, word))
            at += len(word)
    for paragraph, at, word in _sample(rng, sites):
        place = _in_line(paragraph, at, at + 2, lines)
        if place:
            yield Mutation("doubled_word", place[0], _edit_at(lines, *place, word, word + word), ("T911",), f"{word} → {word * 2}")


_ITEMS = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,6})、([\u4e00-\u9fff]{2,6})(?=[、，。；])")


def repeated_item(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = [(p, m) for p in _body(report) for m in _ITEMS.finditer(p.text) if m.group(1) != m.group(2)]
    for paragraph, match in _sample(rng, sites):
        place = _in_line(paragraph, match.start(2), match.end(2), lines)
        if place:
            yield Mutation("repeated_item", place[0], _edit_at(lines, *place, match.group(2), match.group(1)), ("T912",),
                           f"{match.group(2)} → {match.group(1)}")


def unbalanced_quote(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = [(p, m) for p in _body(report) for m in re.finditer(r"“[^“”‘’]{2,20}”", p.text)]
    for paragraph, match in _sample(rng, sites):
        place = _in_line(paragraph, match.start(), match.end(), lines)
        if place:
            yield Mutation("unbalanced_quote", place[0], _edit_at(lines, *place, "“", ""), ("T914",), f"{match.group(0)} 删去“")


def stray_character(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    """A character slipped into a phrase of six characters that the report writes at least three times."""
    from nianbao.segmenter import words

    text = "\n".join(p.text for p in _body(report))
    counts: dict[str, int] = {}
    for i in range(len(text) - 6):
        phrase = text[i : i + 6]
        if re.fullmatch(r"[\u4e00-\u9fff]{6}", phrase):
            counts[phrase] = counts.get(phrase, 0) + 1
    phrases = [p for p, n in counts.items() if n >= 3 and all(len(w) > 1 for w in words(p))]
    sites = []
    for phrase in phrases:
        cut = len(words(phrase)[0])  # between two words of the phrase
        slipped = phrase[:cut] + "典" + phrase[cut:]
        at = next((found for paragraph in _body(report) if (found := (paragraph, paragraph.text.find(phrase)))[1] >= 0), None)
        if at and "典" in words(slipped):
            sites.append((*at, phrase, slipped))
    for paragraph, at, phrase, slipped in _sample(rng, sites):
        place = _in_line(paragraph, at, at + len(phrase), lines)
        if place:
            yield Mutation("stray_character", place[0], _edit_at(lines, *place, phrase, slipped), ("T921",), f"{phrase} → {slipped}")


def first_character(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    """The first character of a three-character word lost after a punctuation mark, where the report never
    writes its last two characters without it (天津市 → 津市)."""
    from nianbao.segmenter import is_word, words

    text = "\n".join(p.text for p in _body(report))
    counted = {w: text.count(w) for p in _body(report) for w in words(p.text) if len(w) == 3 and is_word(w)
               and re.fullmatch(r"[\u4e00-\u9fff]{3}", w)}
    fit = {w for w, n in counted.items() if n >= 6 and text.count(w[1:]) == n}
    sites = [(p, m.start() + 1, m.group(1)) for p in _body(report) for m in re.finditer(r"[、，；：（“]([\u4e00-\u9fff]{3})", p.text)
             if m.group(1) in fit]
    for paragraph, at, word in _sample(rng, sites):
        place = _in_line(paragraph, at, at + 3, lines)
        if place:
            yield Mutation("first_character", place[0], _edit_at(lines, *place, word, word[1:]), ("T923",), f"{word} → {word[1:]}")


def misspelling(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    from nianbao.lexicon import lexicon

    entries = [m for m in lexicon().misspellings if "…" not in m.wrong and not m.followed_by and not m.not_followed_by
               and m.right not in m.wrong and m.wrong not in m.right]
    sites = [(p, a.start(), m) for p in _body(report) for m in entries for a in re.finditer(re.escape(m.right), p.text)]
    for paragraph, at, entry in _sample(rng, sites):
        place = _in_line(paragraph, at, at + len(entry.right), lines)
        if place:
            yield Mutation("misspelling", place[0], _edit_at(lines, *place, entry.right, entry.wrong), ("T901",),
                           f"{entry.right} → {entry.wrong}")


def comma_list(report: Report, lines: list[str], rng: random.Random) -> Iterator[Mutation]:
    sites = [(p, m) for p in _body(report)
             for m in re.finditer(r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff]{2,4}、){2,}[\u4e00-\u9fff]{2,4})等", p.text)]
    for paragraph, match in _sample(rng, sites):
        place = _in_line(paragraph, match.start(1), match.end(1), lines)
        if place:
            old = match.group(1)
            yield Mutation("comma_list", place[0], _edit_at(lines, *place, old, old.replace("、", "，")), ("T915",),
                           f"{old} 顿号改逗号")


KINDS: dict[str, Callable] = {
    "table_total": table_total, "table_share": table_share, "sentence_part": sentence_part,
    "caption_renumber": caption_renumber, "caption_delete": caption_delete, "reference_break": reference_break,
    "chapter_rename": chapter_rename, "chapter_delete": chapter_delete, "placeholder": placeholder,
    "blank_number": blank_number, "drop_source": drop_source, "statement_date": statement_date, "swap_metric": swap_metric,
    "doubled_word": doubled_word, "repeated_item": repeated_item, "unbalanced_quote": unbalanced_quote,
    "stray_character": stray_character, "first_character": first_character, "misspelling": misspelling, "comma_list": comma_list,
}


def mutations(report: Report, seed: int = 7) -> Iterator[Mutation]:
    lines = [line.text for line in report.document.lines]
    for name, generate in KINDS.items():
        yield from generate(report, lines, random.Random(f"{seed}-{name}"))
