"""Everything a user meets is Chinese (issue #16): the help of every command, click's usage errors,
the findings on real and generated reports, the rules' explanations and the messages for bad files
and bad databases hold no ASCII word but file names, option names, rule codes, units, file formats
and the names of programs a user has (Word, Excel)."""

from __future__ import annotations

import re

import click
import pytest
import typer
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.rules.base import all_rules
from nianbao.sample import STANDARD
from nianbao.sample.corpus import generate
from nianbao.sample.forms import FORMS

from .conftest import SAMPLE, seed_path

runner = CliRunner(mix_stderr=False, env={"COLUMNS": "240", "TERMINAL_WIDTH": "240"})

# The ASCII words a message may hold. File formats and suffixes; programs and products a user knows
# by these names; the database URL forms; the command's own name and its commands; units.
FORMATS = {"txt", "md", "pdf", "docx", "doc", "wps", "json", "csv", "xlsx", "html", "sarif", "yaml", "png", "jpeg",
           "jpg", "svg", "zip", "rtf", "xml", "markdown", "text", "utf", "gbk", "unicode", "ocr", "db", "url"}
PRODUCTS = {"word", "excel", "wps", "libreoffice", "sqlite", "postgresql", "psycopg", "https", "ctrl", "c", "createdb", "python"}
UNITS = {"mb", "kb", "gb", "dpi", "km", "m", "x", "pt"}
VALUES = {STANDARD, *FORMS, "all"}  # the values of sample --forms, typed as they are
PLACEHOLDERS = {"xx"}  # what template text left in a report looks like (a rule finds it)
WORDS = FORMATS | PRODUCTS | UNITS | VALUES | PLACEHOLDERS | {"nianbao"}

CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]\d{0,3}(?![A-Za-z0-9])")  # rule codes and their prefixes (A, N30)
QUOTED = re.compile(r"「[^」\n]*」")  # the report's own words, quoted as evidence (a foreign guest's name)
ENVIRONMENT = re.compile(r"\b[A-Z]+(?:_[A-Z]+)+\b")  # environment variables (NIANBAO_DEBUG)
FILE = re.compile(r"[\w./-]+\.(?:" + "|".join(sorted(FORMATS)) + r")\b")
OPTION = re.compile(r"(?<![\w-])--?[a-z][\w-]*")  # --db, -o
URL = re.compile(r"\b(?:sqlite|postgresql\+psycopg|https?)://\S*")
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


COMMANDS = list(_commands(typer.main.get_command(app)))
COMMAND_NAMES = {word for path in COMMANDS for word in path}


def _english(text: str, *allowed_texts: str) -> set[str]:
    """The ASCII words of ``text`` that are none of the allowed kinds."""
    for allowed in sorted(allowed_texts, key=len, reverse=True):  # paths before the words they may hold (check)
        text = text.replace(allowed, " ")
    text = QUOTED.sub(" ", text)
    text = FILE.sub(" ", URL.sub(" ", CODE.sub(" ", ENVIRONMENT.sub(" ", OPTION.sub(" ", text)))))
    return {w for w in ASCII_WORD.findall(text) if w.lower() not in WORDS | COMMAND_NAMES}


@pytest.mark.parametrize("path", [()] + COMMANDS, ids=lambda p: " ".join(p) or "nianbao")
def test_help_is_chinese(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert not _english(result.stdout), _english(result.stdout)


# Mistakes a user makes on the command line: click's own messages (a number that is none, a value
# out of range, an unknown option or choice, a missing argument, an unknown command).
USAGE_ERRORS = [
    ["check", "--year", "二〇二五", str(SAMPLE)],
    ["check", "--format", "word", str(SAMPLE)],
    ["check", "--nope", str(SAMPLE)],
    ["check"],
    ["ingest", "--jobs", "0", str(SAMPLE)],
    ["cases", "search", "思政", "-n", "0"],
    ["sample", "out", "--defect-rate", "2"],
    ["serve", "--port", "端口"],
    ["nosuchcommand"],
    ["cases", "nosuch"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda args: " ".join(args[:2]))
def test_usage_errors_are_chinese(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    said = result.stdout + result.stderr
    assert re.search(r"[\u4e00-\u9fff]", said) and not _english(said, *args), said


def test_messages_about_reports_files_and_databases_are_chinese(tmp_path):
    """Findings on the seeds and on generated reports with every kind of injected defect, the
    explanation of every rule, and the messages for unreadable files and databases."""
    corpus = tmp_path / "样本"
    generate(corpus, 8, seed=4, defect_rate=1.0, formats=("txt", "md"))
    files = [str(seed_path("000_b5aaa64abcd64692")), str(seed_path("003_cd509bb85a4891de")), str(corpus)]
    bad = tmp_path / "坏文件"
    bad.mkdir()
    (bad / "空.txt").write_bytes(b"")
    (bad / "网页.pdf").write_text("<html>404</html>", encoding="utf-8")
    (bad / "乱码.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    (bad / "图片.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    runs = [["check", *files], ["check", str(bad)], ["extract", str(bad / "空.txt")], ["parse", str(bad / "网页.pdf")],
            ["check", str(tmp_path / "没有这个文件.txt")], ["evaluate", "--db", f"sqlite:///{tmp_path / '无.db'}"],
            ["ingest", str(SAMPLE), "--db", f"sqlite:///{tmp_path / '无' / 'x.db'}"],
            ["cases", "search", "思政", "--db", "postgresql+psycopg://someone@127.0.0.1:1/x"],
            ["cases", "search", "思政", "--db", "nonsense"]]
    runs += [["explain", rule.code] for rule in all_rules()]
    english = {}
    for args in runs:
        result = runner.invoke(app, args)
        said = result.stdout + result.stderr
        assert "Traceback" not in said, args
        for line in said.splitlines():
            leftover = _english(line, *args, *(str(p) for p in corpus.iterdir()), str(tmp_path))
            if leftover:
                english[line] = leftover
    assert not english, english
