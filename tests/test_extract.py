"""Indicator extraction: units and numerals normalised, tables read, ambiguous mentions kept apart;
recall against the synthetic corpus's manifest and against the hand-made truth of the seeds."""

from __future__ import annotations

import json

import pytest
import yaml

from nianbao.indicators import catalog
from nianbao.indicators.extract import extract
from nianbao.model import Document, Line
from nianbao.output.indicators import to_dict
from nianbao.parse import parse, parse_file
from nianbao.sample.corpus import generate
from tests.conftest import SEED_STEMS, TRUTH, seed_path

HEAD = ["某某职业技术学院高等职业教育质量年度报告（2025年度）", "", "一、人才培养", ""]


def report_of(*lines: str):
    text = [*HEAD, *lines]
    return parse(Document("test.txt", "txt", [Line(k + 1, t) for k, t in enumerate(text)]))


def first(unit: str, level: str = "高职"):
    return next(i for i in catalog().values() if i.unit == unit and level in i.levels and not i.ratio)


def headline(report, indicator_id):
    return next(f for f in extract(report) if f.id == indicator_id and f.headline)


def test_money_in_yi_and_yuan_is_normalised_to_wanyuan():
    money = first("万元")
    assert headline(report_of(f"本年度{money.name}达1.5亿元。"), money.id).value == 15000
    assert headline(report_of(f"本年度{money.name}为2,500,000元。"), money.id).value == 250


def test_chinese_numerals_and_approximate_values():
    count = first("项")
    fact = headline(report_of(f"学校{count.name}共十二项，成效显著。"), count.id)
    assert (fact.value, fact.unit, fact.line) == (12, "项", 5)
    people = first("人次")
    fact = headline(report_of(f"全年{people.name}2万余人次。"), people.id)
    assert fact.value == 20000 and fact.approximate


def test_unit_must_fit_the_indicator():
    share = first("%")
    facts = [f for f in extract(report_of(f"{share.name}较上年增加了3个百分点，达到96.5%。")) if f.id == share.id]
    assert [f.value for f in facts if f.headline] == [96.5]


def test_value_from_the_report_year_column_of_a_table():
    count = first("人")
    rows = ["表1-1 主要指标", "指标\t2024年度\t2025年度\t2023年度", f"{count.name}\t1200\t1350\t1100", "数据来源：教务处"]
    fact = headline(report_of(*rows), count.id)
    assert (fact.value, fact.line, fact.source) == (1350, 7, "table")


def test_further_mentions_are_kept_apart_from_the_headline():
    count = first("人")
    report = report_of(f"截至年底，{count.name}为820人。", "", f"其中新引进{count.name}15人，均为硕士。")
    facts = [f for f in extract(report) if f.id == count.id]
    assert [f.value for f in facts if f.headline] == [820]
    assert [f.value for f in facts if not f.headline] == [15]
    data = to_dict("test.txt", extract(report))
    assert {"id", "name", "value", "unit", "line", "page", "evidence"} <= set(data["indicators"][0])
    assert any(m["value"] == 15 for m in data["other_mentions"])


def test_recall_on_the_synthetic_corpus(tmp_path):
    manifest = generate(tmp_path, 9, seed=5, defect_rate=0.0, formats=("txt", "md", "docx"))
    expected = found = 0
    for entry in manifest["reports"]:
        facts = {f.id: f.value for f in extract(parse_file(tmp_path / entry["file"])) if f.headline}
        for indicator_id, value in entry["values"].items():
            expected += 1
            found += abs(facts.get(indicator_id, -1) - value) < 0.006
    assert expected > 1000
    assert found / expected >= 0.95, f"synthetic recall {found}/{expected}"


def _truth(stem: str) -> dict | None:
    path = TRUTH / f"{stem}.indicators.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_recall_on_the_seeds(stem):
    truth = _truth(stem)
    assert truth is not None, f"truth file missing: {stem}.indicators.yaml"
    facts = extract(parse_file(seed_path(stem)))
    exact = {(f.id, round(f.value, 4), f.line) for f in facts}
    values = truth["values"]
    hits = [v for v in values if (v["id"], round(float(v["value"]), 4), v["line"]) in exact]
    recall = len(hits) / len(values)
    missed = [(v["id"], v["value"], v["line"]) for v in values if v not in hits]
    print(f"{stem}: indicator recall {len(hits)}/{len(values)} = {recall:.0%}; missed {missed}")
    assert len(values) >= 25
    assert recall >= 0.8, f"recall {recall:.0%}; missed {json.dumps(missed, ensure_ascii=False)}"


def test_trie_pattern_finds_the_longest_name_like_an_alternation():
    import re

    from nianbao.indicators.extract import trie_pattern

    names = ["专利", "专利授权", "发明专利授权", "授权", "在校生", "全日制在校生", "在校生总数"]
    text = "学校全日制在校生总数大增，专利授权与发明专利授权，授权专利，在校生。"
    plain = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    assert [m.group(0) for m in re.finditer(trie_pattern(names), text)] == [m.group(0) for m in plain.finditer(text)]


def _quoted_trie(words) -> str:
    """The name pattern as it was before NamePattern took lone marks out of the text: a trie with an
    optional mark (every mark read as ") after each character that does not end a name for good."""
    import re

    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(char) + ('"?' if len(child) > 1 or "" not in child else "") + walk(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


def test_names_are_found_across_quotation_marks_as_by_a_pattern_with_optional_marks():
    import random
    import re

    from nianbao.indicators.extract import QUOTES, NamePattern, unquoted

    rng = random.Random(7)
    catalog_names = sorted({unquoted(n) for i in catalog().values() for n in i.names})
    names = rng.sample(catalog_names, 150) + ["专利", "专利授权", "发明专利授权", "双师", "双师型教师"]
    ours = NamePattern(names)
    old = re.compile(_quoted_trie(names))
    one_quote = str.maketrans(dict.fromkeys(QUOTES, '"'))
    pieces = names + [n[: rng.randrange(1, len(n))] for n in names if len(n) > 1] + list("的和与及在年人项，。")
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
        for _ in range(rng.randrange(0, 4)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + "".join(rng.choice(QUOTES) for _ in range(rng.choice((1, 1, 1, 2)))) + text[at:]
        pos = rng.randrange(len(text) + 1)
        expected = [(m.start(), m.end(), unquoted(m.group(0))) for m in old.finditer(text.translate(one_quote), pos)]
        assert [(m.start(), m.end(), unquoted(m.group(0))) for m in ours.finditer(text, pos)] == expected, text
        assert bool(ours.search(text, pos)) == bool(expected)


def test_a_percentage_introduced_by_zhan_after_a_count_is_its_share():
    share = next(i for i in catalog().values() if i.ratio and i.unit == "%" and catalog()[i.ratio[0]].unit == "人")
    count = catalog()[share.ratio[0]]
    report = report_of(f"全校{count.name}共计236人，占教师总数的58.5%，其中高级职称12人。")
    facts = {f.id: f for f in extract(report) if f.headline}
    assert facts[count.id].value == 236
    assert (facts[share.id].value, facts[share.id].line) == (58.5, 5)


def test_a_figure_known_by_its_subject_where_no_name_ties_it():
    report = report_of("学校面向社区和企业开展电商、财会等培训3260人次。", "",
                       "组织教师参加专业培训210人次。", "", "学校与38家企业签订合作协议。")
    values = {f.id: f for f in extract(report) if f.headline}
    assert (values["social_training_person_times"].value, values["social_training_person_times"].line) == (3260, 5)
    assert values["social_training_person_times"].confidence < 0.8, "below a figure the catalog's names tie"
    assert values["cooperative_enterprise_count"].value == 38
    named = report_of("学校开展社会培训1.2万人次，其中面向企业开展电商等培训3260人次。")
    assert [f.value for f in extract(named) if f.id == "social_training_person_times" and f.headline] == [12000]
