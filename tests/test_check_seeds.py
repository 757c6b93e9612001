"""The checker on the real seeds: every real defect found at its line, and no error that is not
a real defect (a false error costs a reviewer more than it saves)."""

from __future__ import annotations

import pytest

from nianbao.check import check_path, select_rules

from .conftest import SEED_STEMS, TRUTH, seed_path, truth

# Real defects read by hand in the seeds: (rule code, line). Each is described beside it.
REAL_DEFECTS = {
    "000_b5aaa64abcd64692": [
        ("S105", 17),    # 年报公开 block: method and URL, but no publication date
    ],
    "003_cd509bb85a4891de": [
        ("M501", 645),   # "每年服务中小学校学生余人次": the number of students is missing
        ("M504", 712),   # 表2-5 ends without a 数据来源 line
        ("C206", 832),   # 案例目录 "…就业快车宽道" vs body "…就业快车道"
        ("C206", 1256),  # 案例目录 "…天津发展大局" vs body "…天津发展新局"
        ("M505", 1364),  # "学校学校精准把握"
        ("C206", 1406),  # 图目录 "学校援建建筑工程实训场" vs caption "学校援建汽车工程实训场"
        ("M505", 1593),  # "弘扬劳动精神、劳动精神、工匠精神" (a list item repeated)
        ("K701", 2029),  # 社团 89个 (line 562, 表2-4) vs 88个 in the appendix case
        ("C206", 2149),  # 图目录 "18岁成入门" vs caption "18岁成人门"
    ],
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
    real = set(REAL_DEFECTS[stem])
    false = [(f.code, f.span.line, f.message) for f in results[stem].findings
             if f.severity == "error" and (f.code, f.span.line) not in real]
    assert not false, false


def test_findings_carry_evidence_from_their_line(results):
    result = results["003_cd509bb85a4891de"]
    missing = next(f for f in result.findings if f.code == "M501")
    assert "余人次" in missing.evidence
    assert missing.span.page is not None
    assert result.score < 100 and set(result.dimensions) == {"完整性", "规范性", "准确性"}


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_hand_verified_truth(results, stem):
    """The helper-verified defect lists (tests/truth/<stem>.defects.yaml), where present: each
    defect reported within a line of where it stands, and no error at a trap."""
    if not (TRUTH / f"{stem}.defects.yaml").exists():
        pytest.skip("no defects truth file for this seed yet")
    data = truth(stem, "defects")
    findings = results[stem].findings
    missed = [d for d in data.get("defects", [])
              if not any(abs(f.span.line - d["line"]) <= 1 for f in findings)]
    assert not missed, [(d["line"], d.get("kind"), d.get("description")) for d in missed]
    trapped = [(f.code, f.span.line) for f in findings for trap in data.get("traps", [])
               if f.severity == "error" and abs(f.span.line - trap["line"]) <= 1]
    assert not trapped, trapped
