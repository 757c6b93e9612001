"""Plausibility rules (V1xx) on generated variants: the defect injected is found at its line, and a
clean report gives no finding."""

from __future__ import annotations

import random

import pytest

from nianbao.evaluate.analyse import check
from nianbao.indicators import catalog, parts_of
from nianbao.parse import parse_file
from nianbao.rules.base import CheckContext
from nianbao.rules.plausibility import PartsDoNotAddUp, RatioDisagrees, ValueOutOfRange
from nianbao.sample import content, writers
from tests.test_extract import report_of


def _variant(tmp_path, kind: str, seed: int):
    """A generated report with one defect of ``kind``: (path, defect, line of the defect)."""
    built = content.build(random.Random(seed), "高职", 2025, 0.0, defect=kind)
    (defect,) = built.defects
    path = tmp_path / f"{kind}-{seed}.txt"
    starts = writers.write(built, path)
    return path, defect, starts[defect.indicator]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_value_out_of_range_is_found_at_its_line(tmp_path, seed):
    path, defect, line = _variant(tmp_path, "range", seed)
    report = parse_file(path)
    findings = list(ValueOutOfRange().check(report, CheckContext()))
    assert [(f.code, f.span.line) for f in findings] == [("V101", line)]
    assert catalog()[defect.indicator].name in findings[0].message


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_ratio_that_disagrees_with_its_parts_is_found(tmp_path, seed):
    path, defect, line = _variant(tmp_path, "ratio", seed)
    if defect.kind != "ratio":
        pytest.fail("the catalog must hold a ratio indicator whose parts the generator writes")
    findings = list(RatioDisagrees().check(parse_file(path), CheckContext()))
    assert [(f.code, f.span.line) for f in findings] == [("V102", line)]


def test_clean_generated_reports_raise_no_plausibility_finding(tmp_path):
    from nianbao.sample.corpus import generate

    manifest = generate(tmp_path, 6, seed=9, defect_rate=0.0, formats=("txt",))
    for entry in manifest["reports"]:
        findings, score = check(parse_file(tmp_path / entry["file"]))
        assert [f for f in findings if f.code.startswith("V")] == []


def _total_with_parts():
    for indicator in catalog().values():
        parts = parts_of(indicator.id)
        if len(parts) >= 2 and all(p.unit == indicator.unit and set(p.levels) & set(indicator.levels) for p in parts):
            return indicator, parts
    pytest.fail("the catalog must mark a set of exclusive shares")


def test_exclusive_parts_that_do_not_add_up_to_their_total():
    total, parts = _total_with_parts()
    stated = [f"其中{part.name}为{100 + k}{part.unit}。" for k, part in enumerate(parts)]
    report = report_of(f"学校{total.name}为1000{total.unit}。", "", *stated)
    findings = list(PartsDoNotAddUp().check(report, CheckContext()))
    assert [(f.code, f.span.line) for f in findings] == [("V103", 5)]
    assert total.name in findings[0].message
    fixed = report_of(f"学校{total.name}为{sum(100 + k for k in range(len(parts)))}{total.unit}。", "", *stated)
    assert list(PartsDoNotAddUp().check(fixed, CheckContext())) == []


def test_a_share_larger_than_its_total():
    share = next(i for i in catalog().values() if i.share_of and not i.exclusive
                 and catalog()[i.share_of].unit == i.unit)
    total = catalog()[share.share_of]
    report = report_of(f"学校{total.name}为50{total.unit}。", "", f"其中{share.name}为80{share.unit}。")
    findings = list(PartsDoNotAddUp().check(report, CheckContext()))
    assert [(f.code, f.span.line) for f in findings] == [("V103", 7)]
