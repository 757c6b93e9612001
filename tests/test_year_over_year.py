"""Year over year (V110, ``check --prior``, ``evaluate``'s trends): a prior-year variant of the bundled sample
with some figures changed; the indicator changed beyond the ratio is flagged at its line, the others not."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from nianbao.check import check_report, select_rules
from nianbao.cli import app
from nianbao.indicators.changes import headline_values
from nianbao.model import Document, Line
from nianbao.parse import parse

from .conftest import SAMPLE

runner = CliRunner(mix_stderr=False)


def _report(lines: list[str], name: str = "variant.txt"):
    return parse(Document(name, "txt", [Line(k, t) for k, t in enumerate(lines, start=1)]))


def _changeable(lines: list[str]):
    """Headline values written as a whole number standing once on their line (so one edit changes one value)."""
    values = headline_values(_report(lines))
    chosen = []
    for indicator, value in values.items():
        written = f"{value.value:g}"
        if value.value >= 100 and value.value.is_integer() and len(re.findall(rf"(?<![\d.]){written}(?![\d.])",
                                                                              lines[value.line - 1])) == 1:
            chosen.append((indicator, value))
    return chosen


def prior_year(lines: list[str], changes: dict[int, tuple[float, float]]) -> list[str]:
    """The same report a year earlier: every year one back (title, running headers, dates), the figures in
    ``changes`` (line → (as written now, as written a year before)) replaced."""
    year = re.compile(r"(?<![\d.])(20[12]\d)(?=\s*(?:年|届|学年|[-—–~至]\s*20[12]\d))")
    prior = [year.sub(lambda m: str(int(m.group(1)) - 1), t) for t in lines]
    for line, (now, before) in changes.items():
        prior[line - 1] = re.sub(rf"(?<![\d.]){now:g}(?![\d.])", f"{before:g}", prior[line - 1], count=1)
    return prior


@pytest.fixture(scope="module")
def sample():
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    (jumped_id, jumped), (nudged_id, nudged) = _changeable(lines)[:2]
    before = {jumped.line: (jumped.value, round(jumped.value / 2.5)), nudged.line: (nudged.value, round(nudged.value / 1.06))}
    if jumped.line == nudged.line:
        pytest.fail("the two figures changed stand on one line: choose others")
    return lines, prior_year(lines, before), (jumped_id, jumped), (nudged_id, nudged)


def test_prior_variant_is_the_same_school_a_year_earlier(sample):
    lines, prior, _, _ = sample
    now, before = _report(lines).meta, _report(prior).meta
    assert before.institution == now.institution and before.year == now.year - 1


def test_change_beyond_the_ratio_is_flagged_at_its_line(sample):
    lines, prior, (jumped_id, jumped), (nudged_id, nudged) = sample
    report = _report(lines)
    findings = check_report(report, select_rules(["V110"]), prior=headline_values(_report(prior))).findings
    assert [(f.code, f.span.line) for f in findings] == [("V110", jumped.line)]
    message = findings[0].message
    assert f"变为 {jumped.value:g}" in message and "增长 150.0%" in message and "超出 ±50%" in message
    assert f"{report.meta.year - 1}年度" in message and "更正" in message and "说明" in message
    tight = check_report(report, select_rules(["V110"]), prior=headline_values(_report(prior)),
                         settings={"change_ratio": 0.05}).findings
    assert sorted(f.span.line for f in tight) == sorted({jumped.line, nudged.line})


def test_no_prior_no_finding(sample):
    lines, _, _, _ = sample
    assert not check_report(_report(lines), select_rules(["V110"])).findings


def test_check_prior_on_the_command_line(sample, tmp_path):
    lines, prior, (jumped_id, jumped), _ = sample
    current, earlier = tmp_path / "2025.txt", tmp_path / "2024.txt"
    current.write_text("\n".join(lines), encoding="utf-8")
    earlier.write_text("\n".join(prior), encoding="utf-8")
    result = runner.invoke(app, ["check", str(current), "--prior", str(earlier), "--select", "V110", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert f'"line": {jumped.line}' in result.stdout and "V110" in result.stdout
    wrong_way = runner.invoke(app, ["check", str(earlier), "--prior", str(current), "--select", "V110"])
    assert wrong_way.exit_code == 2 and "不早于本报告" in wrong_way.stderr and "Traceback" not in wrong_way.stderr
    two = runner.invoke(app, ["check", str(current), str(current), "--prior", str(earlier)])
    assert two.exit_code == 2 and "只能与一份年报一起使用" in two.stderr
    negative = runner.invoke(app, ["check", str(current), "--prior", str(earlier), "--change-ratio", "-0.5"])
    assert negative.exit_code == 2 and "比例须大于 0" in negative.stderr
    missing = runner.invoke(app, ["check", str(current), "--prior", str(tmp_path / "无.txt")])
    assert missing.exit_code == 2 and "无.txt" in missing.stderr
