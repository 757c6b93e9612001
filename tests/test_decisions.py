"""Fingerprints of findings: stable when lines shift and when the document changes elsewhere, new
when the evidence changes; the decisions file and ``nianbao check --decisions`` (a linter baseline)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nianbao.check import check_path, fingerprint, normalise, select_rules
from nianbao.cli import app
from nianbao.model import Decision
from nianbao.output.decisions import dumps
from tests.web_helpers import LOST_NUMBER, WRONG_TOTAL, flawed_text, sample_text

runner = CliRunner()


def _findings(tmp_path, text: str, name: str = "r.txt") -> dict[str, object]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check_path(path, select_rules())
    assert result.error is None
    return {f.code: f for f in result.findings}


def test_fingerprint_survives_shifted_lines_and_edits_elsewhere(tmp_path):
    before = _findings(tmp_path, flawed_text(), "before.txt")
    assert {"A601", "M501"} <= set(before)
    shifted = _findings(tmp_path, flawed_text(prepend_to="前言", lines=7), "shifted.txt")
    elsewhere = _findings(tmp_path, sample_text(WRONG_TOTAL, LOST_NUMBER, ("开设 38 个专业", "开设 39 个专业")), "edited.txt")
    for code in ("A601", "M501"):
        assert shifted[code].span.line == before[code].span.line + 7  # the line moved …
        assert shifted[code].fingerprint == before[code].fingerprint  # … the identity did not
        assert elsewhere[code].fingerprint == before[code].fingerprint
        assert before[code].heading.startswith("一、人才培养") or "人才培养" in before[code].heading


def test_fingerprint_changes_when_the_evidence_changes(tmp_path):
    before = _findings(tmp_path, flawed_text(), "before.txt")
    other_total = _findings(tmp_path, sample_text(("合计\t7\t10\t14\t31", "合计\t7\t10\t14\t35"), LOST_NUMBER), "after.txt")
    assert other_total["A601"].fingerprint != before["A601"].fingerprint
    assert other_total["M501"].fingerprint == before["M501"].fingerprint


def test_normalised_evidence_ignores_width_whitespace_and_line_numbers():
    assert normalise("合计 32（见第 235 行）") == normalise("合计32(见第12行)")
    assert normalise("合计 32") != normalise("合计 33")
    base = fingerprint("A601", "合计 32", "一、人才培养")
    assert fingerprint("A601", " 合计\t32 ", "一、人才培养") == base
    assert fingerprint("A601", "合计 32", "二、产教融合") != base
    assert fingerprint("A602", "合计 32", "一、人才培养") != base
    assert fingerprint("A601", "合计 32", "一、人才培养", occurrence=1) != base


def _decisions_file(tmp_path, **answers) -> str:
    found = _findings(tmp_path, flawed_text(), "base.txt")
    entries = [Decision(found[code].fingerprint, code, answer=a, review=r, explanation="表注已说明口径")
               for code, (a, r) in answers.items()]
    path = tmp_path / "decisions.json"
    path.write_text(dumps(entries, "青岚职业技术学院"), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("answers, exit_code, handled", [
    ({}, 1, 0),
    ({"A601": ("explained", None), "M501": ("explained", None)}, 0, 2),
    ({"A601": ("explained", "accepted"), "M501": ("fixed", "accepted")}, 0, 2),
    ({"A601": ("explained", "rejected"), "M501": ("explained", None)}, 1, 1),
    ({"A601": ("fixed", None), "M501": ("explained", None)}, 1, 1),  # 已整改 yet still there: not settled
])
def test_check_honours_the_decisions_file(tmp_path, answers, exit_code, handled):
    report = tmp_path / "report.txt"
    report.write_text(flawed_text(prepend_to="前言", lines=3), encoding="utf-8")
    result = runner.invoke(app, ["check", str(report), "--decisions", _decisions_file(tmp_path, **answers)])
    assert result.exit_code == exit_code, result.output
    assert f"（其中 {handled} 个已处理）" in result.output
    assert result.output.count("已处理：") == handled


def test_check_json_output_is_a_baseline(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(flawed_text(), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    runner.invoke(app, ["check", str(report), "--format", "json", "--output", str(baseline)])
    entries = json.loads(baseline.read_text(encoding="utf-8"))["files"][0]["findings"]
    assert all(len(f["fingerprint"]) == 20 and "heading" in f for f in entries)
    shifted = tmp_path / "shifted.txt"
    shifted.write_text(flawed_text(prepend_to="前言", lines=5), encoding="utf-8")
    result = runner.invoke(app, ["check", str(shifted), "--decisions", str(baseline), "--format", "json"])
    assert result.exit_code == 0
    marked = json.loads(result.stdout)["files"][0]["findings"]
    assert marked and all(f["decision"].startswith("已处理") for f in marked)


@pytest.mark.parametrize("content, message", [
    ("not json", "不是有效的 JSON"),
    ('{"format": "nianbao-decisions", "version": 9, "decisions": []}', "版本 9 不受支持"),
    ('{"format": "nianbao-decisions", "version": 1, "decisions": [{"code": "A601"}]}', "缺少 fingerprint"),
    ('{"format": "nianbao-decisions", "version": 1, "decisions": [{"fingerprint": "x", "answer": "maybe"}]}', "无法识别"),
    ('[1, 2]', "不是 nianbao 的决定文件"),
])
def test_a_bad_decisions_file_is_one_chinese_message_and_exit_2(tmp_path, content, message):
    path = tmp_path / "d.json"
    path.write_text(content, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(flawed_text(), encoding="utf-8")
    result = runner.invoke(app, ["check", str(report), "--decisions", str(path)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
