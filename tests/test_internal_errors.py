"""nianbao's own failures are told apart from bad files: their own message ("内部错误，请把文件
反馈给开发者" with the file and where), exit code 3, no traceback unless asked for, and a batch
(check DIR, ingest) goes on past them and prints everything for the good files."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from nianbao import check as checker
from nianbao.cli import app
from nianbao.errors import InternalError

from .conftest import SAMPLE

runner = CliRunner(mix_stderr=False)


@pytest.fixture
def folder(tmp_path):
    """A good report, a bad file and a report nianbao fails on (boom.txt: a rule raises on it)."""
    shutil.copy(SAMPLE, tmp_path / "a-good.txt")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-boom.txt").write_bytes(SAMPLE.read_bytes() + b"\n")  # other content: ingest skips no copy
    return tmp_path


@pytest.fixture
def failing_rule(monkeypatch):
    original = checker.check_report

    def check_report(report, *args, **kwargs):
        if report.path.endswith("boom.txt"):
            return {}["no such key"]  # a bug deep inside the checker
        return original(report, *args, **kwargs)

    monkeypatch.setattr(checker, "check_report", check_report)


def test_check_folder_goes_on_past_an_internal_error_with_exit_code_3(folder, failing_rule):
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 3
    assert "Traceback" not in result.stdout + result.stderr
    assert "内部错误" in result.stderr and "c-boom.txt" in result.stderr and "反馈给开发者" in result.stderr
    assert "tests/test_internal_errors.py" in result.stderr or "KeyError" in result.stderr  # where, briefly
    assert "a-good.txt: 0 个错误" in result.stdout  # the good file is reported in full
    assert "b-empty.txt: 无法读取" in result.stdout and "c-boom.txt: 处理失败：内部错误" in result.stdout


def test_json_keeps_stdout_clean_and_names_the_internal_error(folder, failing_rule):
    result = runner.invoke(app, ["check", "-f", "json", str(folder)])
    assert result.exit_code == 3
    files = {entry["path"].rsplit("/", 1)[-1]: entry for entry in json.loads(result.stdout)["files"]}
    assert files["a-good.txt"]["score"] == 100
    assert "0 字节" in files["b-empty.txt"]["error"]
    assert files["c-boom.txt"]["error"].startswith("内部错误，请把文件反馈给开发者")


def test_the_traceback_is_shown_when_asked_for(folder, failing_rule, monkeypatch):
    result = runner.invoke(app, ["--debug", "check", str(folder / "c-boom.txt")])
    assert result.exit_code == 3 and "Traceback" in result.stderr and "KeyError" in result.stderr
    monkeypatch.setenv("NIANBAO_DEBUG", "1")
    result = runner.invoke(app, ["check", str(folder / "c-boom.txt")])
    assert "Traceback" in result.stderr


def test_bad_input_alone_still_gives_2(folder):
    result = runner.invoke(app, ["check", str(folder / "b-empty.txt"), str(folder / "a-good.txt")])
    assert result.exit_code == 2


def test_parse_and_extract_name_the_file_on_an_internal_error(folder, monkeypatch):
    import nianbao.parse as parse_module

    def broken(document):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(parse_module, "parse", broken)
    for command in ("parse", "extract"):
        result = runner.invoke(app, [command, str(folder / "a-good.txt")])
        assert result.exit_code == 3, command
        assert "内部错误" in result.stderr and "a-good.txt" in result.stderr and "ZeroDivisionError" in result.stderr
        assert "Traceback" not in result.stderr


def test_any_command_failing_unexpectedly_exits_3(monkeypatch):
    import nianbao.rules.base as base

    def broken():
        raise RuntimeError("registry broken")

    monkeypatch.setattr(base, "all_rules", broken)
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 3 and "内部错误" in result.stderr and "Traceback" not in result.stderr


def test_ingest_records_an_internal_error_as_a_failed_file_and_goes_on(folder, monkeypatch):
    from nianbao.evaluate import analyse

    original = analyse.extract

    def extract(report):
        if report.path.endswith("boom.txt"):
            raise AssertionError("indicator table out of step")
        return original(report)

    monkeypatch.setattr(analyse, "extract", extract)
    db = f"sqlite:///{folder / 'n.db'}"
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--create"])
    assert result.exit_code == 3
    assert "新入库 1 份" in result.stdout and "失败 2 份" in result.stdout
    assert "内部错误" in result.stderr and "c-boom.txt" in result.stderr and "AssertionError" in result.stderr


def test_where_names_the_innermost_frame_of_the_package():
    from nianbao.errors import where

    try:
        checker.score([object()])  # a finding that is not one: fails inside check.py
    except Exception as error:  # noqa: BLE001
        hint = where(error)
    assert hint.startswith("check.py:") and hint.endswith("AttributeError")
    assert InternalError("x.pdf", hint).message.startswith("内部错误，请把文件反馈给开发者")
