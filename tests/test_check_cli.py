"""``nianbao check / rules / explain`` end to end: formats, exit codes, rule selection."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.rules.base import all_rules

from .conftest import SAMPLE, seed_path

runner = CliRunner(mix_stderr=False)


@pytest.fixture
def higher() -> str:
    return str(seed_path("000_b5aaa64abcd64692"))


@pytest.fixture
def secondary() -> str:
    return str(seed_path("003_cd509bb85a4891de"))


def _json(*args: str):
    result = runner.invoke(app, ["check", "--format", "json", *args])
    return result, json.loads(result.stdout)


def test_json_shape_and_exit_code_for_errors(secondary):
    result, data = _json(secondary)
    assert result.exit_code == 1
    (entry,) = data["files"]
    assert entry["path"] == secondary and 0 <= entry["score"] <= 100
    finding = next(f for f in entry["findings"] if f["code"] == "M501")
    assert {"code", "severity", "message", "line", "page", "evidence"} <= set(finding)
    assert finding["line"] == 645 and finding["severity"] == "error"


def test_exit_code_zero_without_errors(higher):
    result, data = _json(str(SAMPLE))
    assert result.exit_code == 0
    assert data["files"][0]["findings"] == [] and data["files"][0]["score"] == 100
    result, data = _json("--ignore", "K701", higher)
    assert result.exit_code == 0 and all(f["severity"] != "error" for f in data["files"][0]["findings"])


def test_unreadable_file_gives_2_and_others_are_still_checked(tmp_path, secondary):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result, data = _json(str(empty), secondary)
    assert result.exit_code == 2
    assert data["files"][0]["error"] and data["files"][0]["findings"] == []
    assert data["files"][1]["findings"]
    assert "empty.txt" in result.stderr


def test_select_and_ignore(secondary):
    _, data = _json("--select", "C2,M501", secondary)
    codes = {f["code"] for f in data["files"][0]["findings"]}
    assert codes and all(c.startswith("C2") or c == "M501" for c in codes)
    result, data = _json("--ignore", "M501", "--ignore", "M506", secondary)
    assert not {"M501", "M506"} & {f["code"] for f in data["files"][0]["findings"]}
    assert result.exit_code == 0
    bad = runner.invoke(app, ["check", "--select", "Z999", secondary])
    assert bad.exit_code == 2 and "Z999" in bad.stderr


def test_level_override_changes_framework(higher):
    _, data = _json("--level", "中职", "--year", "2025", higher)
    assert data["files"][0]["level"] == "中职" and data["files"][0]["framework"] == "2025年中职学校年报框架"
    assert runner.invoke(app, ["check", "--level", "小学", higher]).exit_code == 2
    assert runner.invoke(app, ["check", "--kind", "县级", higher]).exit_code == 2


def test_year_and_kind_overrides_choose_the_framework_named(higher):
    """--year and --kind choose the framework; a year without one gets one info finding and no chapter rules."""
    _, data = _json("--year", "2017", higher)
    entry = data["files"][0]
    assert entry["framework"] == "2017年高职学校年报框架"
    assert all("2025年" not in f["message"] for f in entry["findings"] if f["code"].startswith("S"))
    _, data = _json("--year", "2026", higher)
    entry = data["files"][0]
    assert entry["framework"] is None
    s110 = [f for f in entry["findings"] if f["code"] == "S110"]
    assert [f["message"] for f in s110] == ["没有2026年的高职学校年报框架，只做与年份无关的检查。"]
    assert not [f for f in entry["findings"] if f["code"] in ("S101", "S104", "S105", "S111")]
    _, data = _json("--year", "2024", "--kind", "省级", higher)
    assert data["files"][0]["framework"] == "2024年高职省级年报框架" and data["files"][0]["kind"] == "province"


def test_text_output_has_one_line_per_finding_and_a_summary(tmp_path, secondary):
    out = tmp_path / "report.txt"
    result = runner.invoke(app, ["check", secondary, "--output", str(out)])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 1
    assert any(line.startswith(f"{secondary}:645") and "M501" in line for line in lines)
    assert "2 个错误" in lines[-1] and "得分" in lines[-1]


def test_sarif_is_2_1_0_with_rules_and_locations(secondary):
    result = runner.invoke(app, ["check", "--format", "sarif", secondary])
    data = json.loads(result.stdout)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == [rule.code for rule in all_rules()]
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    located = run["results"][0]["locations"][0]["physicalLocation"]
    assert located["artifactLocation"]["uri"].endswith(".txt") and located["region"]["startLine"] >= 1
    assert {r["level"] for r in run["results"]} <= {"error", "warning", "note"}


def test_html_is_one_page_with_findings_at_their_lines(tmp_path, secondary):
    out = tmp_path / "check.html"
    runner.invoke(app, ["check", "--format", "html", "--output", str(out), secondary])
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script src" not in page and "<link" not in page
    assert 'id="f0-L645"' in page and 'class="line error"' in page
    assert 'href="#f0-n0"' in page and "准确性" in page


def test_html_of_many_files_is_an_overview_and_a_page_per_report(tmp_path, higher, secondary):
    folder = tmp_path / "年报"
    (folder / "东区").mkdir(parents=True)
    (folder / "西区").mkdir()
    (folder / "东区" / "年报.txt").write_text(Path(higher).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "西区" / "年报.txt").write_text(Path(secondary).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "东区" / "坏#文件.pdf").write_bytes(b"%PDF-1.4\n")
    refused = runner.invoke(app, ["check", "--format", "html", str(folder)])
    assert refused.exit_code == 2 and "--output" in refused.stderr and not refused.stdout
    overview = tmp_path / "结果" / "检查结果.html"
    result = runner.invoke(app, ["check", "--format", "html", "--output", str(overview), str(folder)])
    assert result.exit_code == 2 and "坏#文件.pdf" in result.stderr  # the unreadable file is named, the rest checked
    page = overview.read_text(encoding="utf-8")
    pages = sorted((tmp_path / "结果" / "检查结果-各报告").iterdir())
    assert [p.name for p in pages] == ["坏#文件.pdf.html", "年报.txt-2.html", "年报.txt.html"]
    assert len(page) < 20_000 and "学校简介" not in page  # a table, not the reports' text
    rows = re.findall(r'<tr><td>\d+</td><td class="t"><a href="([^"]+)">([^<]+)</a></td>\s*<td class="t[^"]*"[^>]*>([^<]*)</td>', page)
    assert len(rows) == 3
    for href, shown, school in rows:
        target = overview.parent / unquote(href)
        assert target.exists(), href
        report = target.read_text(encoding="utf-8")
        assert shown in report and 'href="../' in report
        if shown.endswith(".txt"):
            assert 'class="line error"' in report and school.endswith(("大学", "学院", "学校"))
        else:
            assert school.startswith("无法读取")
    assert '%23' in page  # '#' in a file name is escaped in the link


def test_rules_and_explain():
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    assert all(rule.code in listing.stdout for rule in all_rules())
    explained = runner.invoke(app, ["explain", "a601"])
    assert explained.exit_code == 0 and "反例" in explained.stdout and "正例" in explained.stdout
    assert runner.invoke(app, ["explain", "X000"]).exit_code == 2
    several = runner.invoke(app, ["explain", "A604"]).stdout  # a rule that reports at three severities says when each
    assert all(f"{name}：" in several for name in ("错误", "警告", "提示")) and "修改：" in several
    assert "A604  错误/警告/提示" in listing.stdout


def test_every_rule_documents_a_bad_and_a_good_example():
    for rule in all_rules():
        assert rule.code[0].isalpha() and rule.code[1:].isdigit() and len(rule.code) == 4, rule.code
        assert "反例" in rule.doc() and "正例" in rule.doc(), rule.code
        assert rule.severity in ("error", "warning", "info") and rule.name


def test_check_takes_a_folder_recursively(tmp_path):
    """A reviewer points the checker at the folder of submitted reports; other files are skipped."""
    (tmp_path / "区县A").mkdir()
    good = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "区县A" / "甲校.txt").write_text(good, encoding="utf-8")
    (tmp_path / "乙校.md").write_text(good.replace("合计\t7\t10\t14\t31", "合计\t7\t10\t14\t32"), encoding="utf-8")
    (tmp_path / "说明.xlsx").write_bytes(b"not a report")
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["乙校.md", "甲校.txt"]
    errors = {Path(f["path"]).name: [x["code"] for x in f["findings"] if x["severity"] == "error"] for f in data["files"]}
    assert errors == {"乙校.md": ["A601"], "甲校.txt": []}


def test_check_on_a_folder_without_reports_is_bad_input(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "没有年报文件" in result.stderr


def test_ctrl_c_stops_check_with_a_word(tmp_path, monkeypatch, higher, secondary):
    """Ctrl-C while the second of two reports is checked (typer alone left silently, exit 130)."""
    import nianbao.check

    checked = []
    real = nianbao.check.check_path

    def interrupted(path, *args, **kwargs):
        if checked:
            raise KeyboardInterrupt
        checked.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(nianbao.check, "check_path", interrupted)
    result = runner.invoke(app, ["check", higher, secondary])
    assert result.exit_code == 130 and "已中断" in result.stderr and "Traceback" not in result.stderr
