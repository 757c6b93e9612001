"""Every rule's bad and good example run as tests: one fixture per rule code in tests/rule_examples/
<CODE>.yaml writes the example into the project's own sample report (a fictitious school); the bad
one must be reported by the rule, the good one must not.

A fixture is either `docstring: true` — the quoted 「…」 stretches of the docstring's 反例 line are
written into a paragraph of the sample as they stand, and those of its 正例 line for the good example —
or a list of edits for `bad` (and `good`, else the sample itself), each on the last line starting with
`at` (the first with `first: true`): `replace: [old, new]`, `append: text`, `set: text`, `after: [lines]`,
`before: [lines]`, `remove_until: prefix` (the lines between). `bad_text` replaces the whole report; `level` and
`year` (`bad_year` for the bad one only) check against that framework, `framework` changes some of its fields."""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

import pytest
import yaml

from nianbao.check import context_for, select_rules
from nianbao.model import Document, Line
from nianbao.parse import parse
from nianbao.rules.base import all_rules

from .conftest import SAMPLE

EXAMPLES = Path(__file__).parent / "rule_examples"
SAMPLE_LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
DOCSTRING_ANCHOR = "学校完善“校赛"  # a paragraph of the sample the docstring's examples are written into
QUOTED = re.compile(r"「([^「」]+)」")


def _fixture(code: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{code}.yaml").read_text(encoding="utf-8"))


def _line_of(lines: list[str], prefix: str, first: bool = False) -> int:
    found = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert found, f"no line starts with {prefix!r}"
    return found[0] if first else found[-1]


def _edit(lines: list[str], edits: list[dict]) -> list[str]:
    lines = list(lines)
    for edit in edits:
        i = _line_of(lines, edit["at"], edit.get("first", False))
        if "replace" in edit:
            old, new = edit["replace"]
            assert old in lines[i], (edit, lines[i])
            lines[i] = lines[i].replace(old, new, 1)
        if "set" in edit:
            lines[i] = edit["set"]
        if "append" in edit:
            lines[i] += edit["append"]
        if "after" in edit:
            lines[i + 1 : i + 1] = edit["after"]
        if "before" in edit:
            lines[i:i] = edit["before"]
        if "remove_until" in edit:
            del lines[i + 1 : _line_of(lines, edit["remove_until"])]
    return lines


def _quoted(doc: str, label: str) -> list[str]:
    """The quoted stretches of a docstring's 反例 or 正例 line, without the ellipses that stand for the rest."""
    line = next((l for l in doc.splitlines() if l.strip().startswith(label)), "")
    pieces = []
    for quoted in QUOTED.findall(line):
        pieces += [p for p in re.split(r"……|…", quoted) if len(p.strip()) >= 2]
    return pieces


def _docstring_edits(code: str, label: str) -> list[dict]:
    pieces = _quoted(RULES[code].doc(), label)
    if not pieces:
        return []
    text = "".join(p if p.endswith(("。", "”", "；")) else p + "。" for p in pieces)
    return [{"at": DOCSTRING_ANCHOR, "append": text}]


def _document(fixture: dict, which: str, code: str) -> list[str]:
    if which == "bad" and "bad_text" in fixture:
        return fixture["bad_text"].split("\n")
    if fixture.get("docstring"):
        return _edit(SAMPLE_LINES, _docstring_edits(code, "反例" if which == "bad" else "正例"))
    return _edit(SAMPLE_LINES, fixture.get(which) or [])


def _findings(lines: list[str], code: str, fixture: dict, which: str = "bad") -> list:
    """The rule's findings on a variant, checked against the framework of the fixture's level and year
    (with the fixture's `framework` fields changed, for a rule whose requirement no framework makes yet)."""
    report = parse(Document(f"{code}.txt", "txt", [Line(i, text) for i, text in enumerate(lines, start=1)]))
    context = context_for(report, fixture.get("level"), fixture.get(f"{which}_year", fixture.get("year")))
    if fixture.get("framework") and context.framework is not None:
        context = dataclasses.replace(context, framework=dataclasses.replace(context.framework, **fixture["framework"]))
    return [f for rule in select_rules([code]) for f in rule.check(report, context)]


def _codes(lines: list[str], code: str, fixture: dict, which: str) -> list[str]:
    return [f.code for f in _findings(lines, code, fixture, which)]


def _changed_lines(lines: list[str]) -> set[int]:
    """The 1-based lines of a variant that differ from the sample (edited or inserted)."""
    matcher = difflib.SequenceMatcher(a=SAMPLE_LINES, b=lines, autojunk=False)
    return {j + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert") for j in range(j1, j2)}


CODES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
RULES = {rule.code: rule for rule in all_rules()}  # loads every family (REGISTRY alone may not be filled yet)


# Rules whose examples need what a text fixture cannot write: an annex of indicator tables (K740), a prior
# year's report (V110), and the PDF reader's notes on pages it could not lay out, read, or read without
# OCR or repair (P010–P013). Their own tests run them: tests/test_annex.py, tests/test_year_over_year.py,
# tests/test_damaged_files.py, tests/test_ocr_reading.py.
NOT_YET = {"K740", "V110", "P010", "P011", "P012", "P013"}


def test_every_rule_has_an_example_fixture():
    assert sorted(set(RULES) - NOT_YET) == CODES


@pytest.mark.parametrize("code", CODES)
def test_the_bad_example_is_reported(code):
    fixture = _fixture(code)
    assert code in _codes(_document(fixture, "bad", code), code, fixture, "bad")


@pytest.mark.parametrize("code", CODES)
def test_the_good_example_is_not_reported(code):
    fixture = _fixture(code)
    assert code not in _codes(_document(fixture, "good", code), code, fixture, "good")


NEW_FAMILIES = ("T9", "A61", "K71", "D81")  # the rules of issue #14: reported where the defect was written


@pytest.mark.parametrize("code", [c for c in CODES if c.startswith(NEW_FAMILIES)])
def test_the_new_rules_report_the_injected_defect_at_its_line(code):
    fixture = _fixture(code)
    lines = _document(fixture, "bad", code)
    changed = _changed_lines(lines)
    found = [f.span.line for f in _findings(lines, code, fixture) if f.code == code]
    assert changed and any(abs(line - c) <= 2 for line in found for c in changed), (found, sorted(changed))


def test_docstring_fixtures_really_quote_their_docstrings():
    """A fixture that runs the docstring has something quoted to run, on both sides where the good one quotes."""
    for code in CODES:
        if _fixture(code).get("docstring"):
            assert _quoted(RULES[code].doc(), "反例"), code
