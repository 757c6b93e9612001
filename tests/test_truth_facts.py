"""The hand-made truth about stated figures checks itself against the seed text: each entry's evidence is on its
line, its value can be read from that evidence, and a table source names the table the line belongs to."""

from __future__ import annotations

import re

import cn2an
import pytest

from tests.conftest import SEED_STEMS, seed_path, truth

KINDS = {"level", "change", "share", "rank", "ratio"}
DIRECTIONS = {"增加", "下降"}
# Units are normalised: the text's 名/位 count as 人, 平米 as 平方米, 台（套） as 台套.
NOT_NORMALISED = {"名", "位", "平米", "㎡", "台（套）", "台(套)", "万人次", "亿元", "个百分点"}
HEDGES = ("余", "近", "约", "超", "逾", "左右", "以上", "突破", "多", "上百", "上千", "上万")
CAPTION = re.compile(r"^表\s*(\d+\s*[-－]\s*\d+)")
ARABIC = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万|亿)?")
CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)")


def seed_lines(stem: str) -> list[str]:
    return seed_path(stem).read_text(encoding="utf-8").split("\n")


def readable_values(evidence: str) -> set[float]:
    """Every value a reader can take from the evidence: the numbers as written, scaled by 万/亿 where the text
    writes them, Chinese numerals, ratios in both directions, and 百分百."""
    values: set[float] = set()
    for m in ARABIC.finditer(evidence):
        n = float(m.group(1).replace(",", ""))
        values.add(n)
        if m.group(2) == "万":
            values.add(n * 1e4)
        elif m.group(2) == "亿":
            values.update({n * 1e8, n * 1e4})  # 亿元 → 万元
    for m in CHINESE.finditer(evidence):
        run = m.group(0)
        try:  # a bare 百/千/万 (近百次, 超万人次) means one of them
            n = float(cn2an.cn2an(("一" if run[0] in "百千万亿" else "") + run, "smart"))
        except ValueError:
            continue
        values.add(n)
        if run.endswith(("万", "亿")) and len(run) > 1:
            values.add(n / 1e4)  # 千万元 → 1000 万元
    for m in RATIO.finditer(evidence):
        a, b = float(m.group(1)), float(m.group(2))
        values.update({round(a / b, 4), round(b / a, 4)})
    if "百分百" in evidence:
        values.add(100.0)
    return values


def value_in_evidence(value: float, evidence: str) -> bool:
    return any(abs(v - value) <= 1e-6 * max(1.0, abs(value)) for v in readable_values(evidence))


def table_block(lines: list[str], line: int) -> tuple[str, list[list[str]]] | None:
    """The caption number of the table a line belongs to, and the cells of the lines from the caption to it."""
    for k in range(line, max(0, line - 80), -1):
        m = CAPTION.match(lines[k - 1].strip())
        if m:
            number = re.sub(r"\s", "", m.group(1)).replace("－", "-")
            return number, [[c.strip() for c in lines[j - 1].split("\t")] for j in range(k, line + 1)]
    return None


def entry_problems(lines: list[str], entry: dict, where: str) -> list[str]:
    """What is wrong with one truth entry (a fact or an indicator value) against its seed line."""
    problems = []
    line, evidence, value = entry["line"], entry["evidence"], float(entry["value"])
    if not 1 <= line <= len(lines) or evidence not in lines[line - 1]:
        return [f"{where}: evidence {evidence!r} is not on line {line}"]
    if not value_in_evidence(value, evidence):
        problems.append(f"{where}: value {entry['value']} cannot be read from {evidence!r}")
    source = entry.get("source") or {"type": "text"}
    if source["type"] == "table":
        block = table_block(lines, line)
        if block is None or block[0] != source["table"]:
            found = block[0] if block else None
            problems.append(f"{where}: line {line} is not in table {source['table']} (nearest caption: {found})")
        else:
            cells = {c for row in block[1] for c in row if c}
            labels = [("row", source["row"]), ("column", source.get("column"))]
            for name, label in labels:
                for part in (label.split("/") if label else []):
                    if part not in cells:
                        problems.append(f"{where}: {name} label {part!r} is no cell of table {source['table']}")
    elif source["type"] != "text":
        problems.append(f"{where}: unknown source type {source['type']!r}")
    return problems


def fact_problems(stem: str) -> list[str]:
    data = truth(stem, "facts")
    lines = seed_lines(stem)
    assert data["seed"] == f"{stem}.txt"
    ranges = [tuple(r) for r in data["coverage"]]
    problems = []
    for k, fact in enumerate(data["facts"]):
        where = f"{stem} fact {k} (line {fact['line']})"
        problems += entry_problems(lines, fact, where)
        if not any(a <= fact["line"] <= b for a, b in ranges):
            problems.append(f"{where}: outside the coverage ranges")
        if not fact["subject"].strip():
            problems.append(f"{where}: no subject")
        if fact["kind"] not in KINDS:
            problems.append(f"{where}: unknown kind {fact['kind']!r}")
        if fact["unit"] in NOT_NORMALISED or (not fact["unit"] and fact["kind"] != "ratio"):
            problems.append(f"{where}: unit {fact['unit']!r} is not normalised")
        if fact["kind"] == "change" and fact["qualifiers"].get("direction") not in DIRECTIONS:
            problems.append(f"{where}: a change needs qualifiers.direction 增加 or 下降")
        hedged = any(h in fact["evidence"] for h in HEDGES)
        if fact["approximate"] and not hedged:
            problems.append(f"{where}: approximate, but the evidence has no hedge word")
    return problems


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_facts_truth_matches_the_seed(stem):
    problems = fact_problems(stem)
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_facts_truth_is_substantial_and_unique(stem):
    facts = truth(stem, "facts")["facts"]
    noted = [f for f in facts if f.get("note_worthy", True)]
    tables = [f for f in facts if f["source"]["type"] == "table"]
    assert len(noted) >= 300 and len(tables) >= 40
    keys = [(f["line"], f["evidence"], f["subject"], f["value"]) for f in facts]
    duplicates = {k for k in keys if keys.count(k) > 1}
    assert not duplicates, duplicates


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_indicator_truth_matches_the_seed(stem):
    data = truth(stem, "indicators")
    lines = seed_lines(stem)
    problems = []
    for name in ("values", "table_values", "wrong_picks_to_avoid"):
        for k, entry in enumerate(data.get(name, [])):
            problems += entry_problems(lines, entry, f"{stem} {name} {k} ({entry['id']}, line {entry['line']})")
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_no_wrong_pick_is_a_true_value(stem):
    """A value listed as a tempting wrong pick for an indicator must differ from that indicator's true value."""
    data = truth(stem, "indicators")
    true = {(v["id"], float(v["value"])) for v in data["values"] + data.get("table_values", [])}
    clashes = [(w["id"], w["value"], w["line"]) for w in data["wrong_picks_to_avoid"] if (w["id"], float(w["value"])) in true]
    assert data["wrong_picks_to_avoid"] and not clashes, clashes


def test_the_checks_catch_a_wrong_entry():
    stem = SEED_STEMS[0]
    lines = seed_lines(stem)
    fact = next(f for f in truth(stem, "facts")["facts"] if f["source"]["type"] == "table")
    assert not entry_problems(lines, fact, "ok")
    assert entry_problems(lines, {**fact, "value": fact["value"] + 1}, "value")
    assert entry_problems(lines, {**fact, "line": fact["line"] + 1}, "line")
    assert entry_problems(lines, {**fact, "source": {**fact["source"], "table": "9-9"}}, "table")
    assert entry_problems(lines, {**fact, "source": {**fact["source"], "row": "不存在的行"}}, "row")


def test_readable_values_cover_the_ways_figures_are_written():
    assert value_in_evidence(20000, "完成心理测评 2 万余人次")
    assert value_in_evidence(1000, "访谈近千人次")
    assert value_in_evidence(12000, "新增经济效益超 1.2 亿元")
    assert value_in_evidence(1000, "创收千万元")
    assert value_in_evidence(17.3, "师生比1:17.3")
    assert value_in_evidence(2, "选派两名优秀干部")
    assert not value_in_evidence(3, "选派两名优秀干部")
    assert not value_in_evidence(20000, "完成心理测评 2 项")
