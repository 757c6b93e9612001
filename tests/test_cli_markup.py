"""Text from the user's files is printed as written: file names and headings holding rich markup
("[/]", "[bold]", "[终稿]") neither crash ``parse``/``check`` (MarkupError) nor lose their brackets."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from nianbao.cli import app

from .conftest import SAMPLE

runner = CliRunner(mix_stderr=False)


# "[/]" cannot be in a file name, but it can be in a path: a folder "年报[" holding "].txt".
@pytest.mark.parametrize("name", ["年报[终稿].txt", "年报[/]终稿.txt", "[bold]年报.txt", "年报[red]x[/red].txt"])
def test_file_names_with_brackets_are_printed_as_written(tmp_path, name):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace("\n", "\n\n", 1) + "\n一、总结\n\n合计 （ 人 。\n",
                    encoding="utf-8")
    for command in (["check", str(path)], ["parse", str(path)]):
        result = runner.invoke(app, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output and "MarkupError" not in result.output
    checked = runner.invoke(app, ["check", str(path)])
    assert checked.exit_code in (0, 1) and f"{path}:" in checked.stdout
    assert f"文件：{path}（txt" in runner.invoke(app, ["parse", str(path)]).stdout


def test_headings_and_evidence_with_markup_are_printed_as_written(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    heading = max(k for k, line in enumerate(lines) if line.startswith("一、"))  # the heading, not its contents entry
    lines[heading] = lines[heading] + "[/][bold]"
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    outline = runner.invoke(app, ["parse", str(path)])
    assert outline.exit_code == 0 and "[/][bold]" in outline.stdout
    missing = tmp_path / "[/]缺失[bold].txt"
    checked = runner.invoke(app, ["check", str(missing)])
    assert checked.exit_code == 2 and "[/]缺失[bold].txt" in checked.output and "Traceback" not in checked.output
