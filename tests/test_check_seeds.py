"""The checker on the real seeds: every real defect found at its line, and no error that is not
a real defect (a false error costs a reviewer more than it saves)."""

from __future__ import annotations

import pytest

from nianbao.check import check_path, select_rules

from .conftest import SEED_STEMS, seed_path, truth

# Real defects read by hand in the seeds: (rule code, line). Each is described beside it.
REAL_DEFECTS = {
    "000_b5aaa64abcd64692": [
        ("S105", 15),    # 年报公开 block: method and URL, but no publication date
        ("K701", 398),   # 捐赠创业基金 5 万元, while case 1-1 and 图1-11 say 25 万元
        ("M507", 877),   # stray fragment "奖一项。" after a closed sentence
        ("K702", 937),   # 2024年度 到账 1630.8275万元 — table 3-1 has 1630.83 in the 2025 row
        ("K711", 937),   # "稳步增长" while table 3-1 falls in 2022-23 (学时) and 2021-22, 2024-25 (到账额)
        ("D811", 996),   # opened December 2023, "已经顺利运行三年" by December 2025
        ("A604", 1436),  # 15501.73/22156 = 69.966%, written 69.96% (info)
    ],
    "003_cd509bb85a4891de": [
        ("C206", 288),   # 图目录 "学校援建建筑工程实训场" vs caption "学校援建汽车工程实训场"
        ("C206", 339),   # 图目录 "18岁成入门" vs caption "18岁成人门"
        ("C206", 387),   # 案例目录 "…就业快车宽道" vs body "…就业快车道"
        ("C206", 393),   # 案例目录 "…天津发展大局" vs body "…天津发展新局"
        ("M501", 645),   # "每年服务中小学校学生余人次": the number of students is missing
        ("M504", 691),   # 表2-5 ends without a 数据来源 line
        ("M506", 1236),  # 表4-3 repeats the row 天津卷烟厂 电工 初级 4 (the sum 5657 vs 5653 in the text)
        ("M501", 1340),  # "较上年度提升近倍": the multiplier is missing
        ("T911", 1364),  # "学校学校精准把握"
        ("T904", 1593),  # "弘扬劳动精神、劳动精神、工匠精神": an item of the three spirits repeated
        ("A611", 606),   # 89 clubs × 16 hours = 1424, the note says 2848
        ("A612", 1621),  # "直接参与超1570人次": table 6-1's counted rows add up to 1170, its total is 约2万
        ("K712", 811),   # the pictures of 图2-20 and 图2-21 stand above each other's captions
        ("K713", 435),   # 近2000 jobs in the highlights, 2000余 in case 2-6
        ("T925", 451),   # 比尔森 / 皮尔森
    ],
}
ERRORS = {"000_b5aaa64abcd64692": {("K701", 398)}, "003_cd509bb85a4891de": {("M501", 645), ("M506", 1236)}}

# Which rules answer which kind of defect in tests/truth/<stem>.defects.yaml.
KIND_CODES = {
    "consistency": ("K", "T922", "T925", "D811"), "list-mismatch": ("C",), "missing-number": ("M501",),
    "garble": ("M505", "M507", "T9"), "source-missing": ("M504",), "structure": ("S",), "share-sum": ("A",),
    "table-sum": ("A", "M506"), "breakdown-sum": ("A",), "statement": ("K", "A"), "other": ("C", "A"),
    "rate": ("V102", "A"), "product": ("A611",), "text-vs-table": ("A612",), "trend-claim": ("K711",),
    "duration-claim": ("D811",), "after-period": ("D812",),
}
# Truth defects the checker does not reach, and why: they need reading for meaning, not rules.
OUT_OF_REACH = {
    "000_b5aaa64abcd64692": {
        435: "which contests the 27 national awards came from (table rows vs prose names)",
        470: "a gold medal in a case missing from the award table's first-prize count",
        1221: "doubled 体 across two words (载体 | 体育) inside a parallel list; every part is a word",
        332: "a doubled 的 (育人的工作的): grammatical locally, wrong only in meaning",
    },
    "003_cd509bb85a4891de": {
        2075: "462 technical staff vs 415 staff (different scopes in prose)",
        1190: "a table header that does not fit its columns",
        974: "获评4项目: 4项 + 目 of a lost 优秀 (needs the sense of the sentence)",
        984: "中等职业学校设计与展示活动: 教学 missing from an event named differently elsewhere",
    },
}


@pytest.fixture(scope="module")
def results():
    rules = select_rules()
    return {stem: check_path(seed_path(stem), rules) for stem in SEED_STEMS}


def test_level_and_year_are_detected(results):
    assert (results["000_b5aaa64abcd64692"].level, results["000_b5aaa64abcd64692"].year) == ("高职", 2025)
    assert (results["003_cd509bb85a4891de"].level, results["003_cd509bb85a4891de"].year) == ("中职", 2025)


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_real_defects_are_reported_at_their_line(results, stem):
    found = {(f.code, f.span.line) for f in results[stem].findings}
    missing = [d for d in REAL_DEFECTS[stem] if d not in found]
    assert not missing, missing


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_no_false_errors(results, stem):
    real = ERRORS[stem]
    false = [(f.code, f.span.line, f.message) for f in results[stem].findings
             if f.severity == "error" and (f.code, f.span.line) not in real]
    assert not false, false


def test_findings_carry_evidence_from_their_line(results):
    result = results["003_cd509bb85a4891de"]
    missing = next(f for f in result.findings if f.code == "M501")
    assert "余人次" in missing.evidence
    assert missing.span.page is not None
    assert result.score < 100 and set(result.dimensions) == {"完整性", "规范性", "准确性", "文字规范"}


def _near(finding, line: int) -> bool:
    end = finding.span.end_line or finding.span.line
    return abs(finding.span.line - line) <= 1 or finding.span.line <= line <= end


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_hand_verified_truth(results, stem):
    """The helper-verified defect lists: every defect reported within a line of where it stands by
    a rule of its kind, unless listed above as out of reach; no error at a trap."""
    data = truth(stem, "defects")
    findings = results[stem].findings
    missed = []
    for defect in data["defects"]:
        codes = KIND_CODES.get(defect["kind"], ("",))
        found = any(f.code.startswith(codes) and _near(f, defect["line"]) for f in findings)
        if not found and defect["line"] not in OUT_OF_REACH[stem]:
            missed.append((defect["line"], defect["kind"], defect["description"][:80]))
    assert not missed, missed
    assert set(OUT_OF_REACH[stem]) <= {d["line"] for d in data["defects"]}
    def about_a_defect(finding) -> bool:
        evidence = _squash(finding.evidence)
        return any(_squash(d["evidence"]) in evidence for d in data["defects"] if abs(d["line"] - finding.span.line) <= 1)

    trapped = [(f.code, f.span.line, trap["line"]) for f in findings for trap in data["traps"]
               if f.severity == "error" and abs(f.span.line - trap["line"]) <= 1 and not about_a_defect(f)]
    assert not trapped, trapped


def _squash(text: str) -> str:
    return "".join(str(text).split())
