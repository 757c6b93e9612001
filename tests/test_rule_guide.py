"""Severity as the reader meets it: every rule says in rules/guide.yaml each severity it can report and
when, and how to fix what it finds; no rule reports a severity its entry does not name."""

from __future__ import annotations

import pytest

from nianbao.check import check_report, select_rules
from nianbao.parse import parse_file
from nianbao.rules.base import REGISTRY, _guide, all_rules

from .conftest import SAMPLE, SEED_STEMS, seed_path
from .variety import VARIETY


def test_every_rule_has_a_guide_entry_naming_its_own_severity_and_a_fix():
    rules = list(all_rules())
    for rule in rules:
        assert rule.severities(), rule.code
        assert rule.severity in rule.severities(), rule.code
        assert all(when.strip() for when in rule.severities().values()), rule.code
        assert len(rule.fix()) >= 4, rule.code
    assert set(_guide()) == {rule.code for rule in rules}  # no entry for a rule that does not exist


def _reports():
    paths = [seed_path(stem) for stem in SEED_STEMS] + [SAMPLE]
    paths += sorted(p for p in VARIETY.iterdir() if p.suffix in (".txt", ".md") and p.stem != "README")
    return paths


@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.name)
def test_findings_come_at_a_severity_their_rule_names(path):
    findings = check_report(parse_file(path), select_rules()).findings
    wrong = [(f.code, f.severity, f.span.line) for f in findings if f.severity not in REGISTRY[f.code].severities()]
    assert not wrong, wrong
