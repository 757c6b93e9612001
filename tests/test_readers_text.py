"""Reading text files: encodings, and a clear Chinese error for anything that is not a report."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nianbao import readers
from nianbao.cli import app
from nianbao.errors import InputError
from nianbao.parse import parse_file

from .conftest import seed_path

runner = CliRunner()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32"])
def test_encodings_decode_to_the_same_lines(tmp_path, encoding):
    text = seed_path("003_cd509bb85a4891de").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    assert readers.read(path).text == text


@pytest.mark.parametrize("encoding, mark", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_notepad_unicode_text_is_read(tmp_path, encoding, mark):
    """Notepad's "Unicode" (UTF-16 LE with a byte-order mark; "Unicode big endian" is BE)."""
    text = seed_path("000_b5aaa64abcd64692").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "记事本.txt"
    path.write_bytes(mark + text.encode(encoding))
    assert readers.read(path).text == text.replace("\r\n", "\n")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(mark + text.encode(encoding)[:999])  # half a character at the end
    with pytest.raises(InputError) as error:
        readers.read(cut)
    assert "UTF-16" in error.value.message


def test_gbk_file_parses_like_the_utf8_original(tmp_path):
    original = seed_path("000_b5aaa64abcd64692")
    text = original.read_text(encoding="utf-8")
    encodable = "".join(ch if ch.encode("gbk", errors="ignore") else "?" for ch in text)
    utf8 = tmp_path / "utf8.txt"
    gbk = tmp_path / "gbk.txt"
    utf8.write_text(encodable, encoding="utf-8")
    gbk.write_bytes(encodable.encode("gbk"))
    a, b = parse_file(utf8), parse_file(gbk)
    assert [(h.level, h.number, h.title, h.span.line) for h in a.headings] == \
        [(h.level, h.number, h.title, h.span.line) for h in b.headings]
    assert len(a.headings) > 50


def test_crlf_line_endings_keep_line_numbers(tmp_path):
    text = seed_path("000_b5aaa64abcd64692").read_text(encoding="utf-8")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    lines = readers.read(path).lines
    assert len(lines) == len(text.split("\n"))
    assert lines[100].text == text.split("\n")[100]


def test_form_feeds_give_physical_pages(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("第一页\n正文\n\f第二页\n正文\f\n第三页", encoding="utf-8")
    pages = [(line.text, line.page) for line in readers.read(path).lines]
    assert pages == [("第一页", 1), ("正文", 1), ("第二页", 2), ("正文", 2), ("第三页", 3)]


BAD_FILES = {
    "missing": (None, "不存在"),
    "empty.txt": (b"", "空的"),
    "blank.txt": (b"  \n\n \t\n", "没有任何文字"),
    "junk.txt": (bytes(range(256)) * 40, "不是"),
    "report.xls": (b"whatever", "不支持的文件类型"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_is_one_chinese_message_and_exit_2(tmp_path, name):
    content, words = BAD_FILES[name]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        readers.read(path)
    assert words in caught.value.message
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(path) in result.output and words in result.output


def test_directory_is_refused(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 2
    assert "文件夹" in result.output


def test_parse_json_has_the_documented_shape(tmp_path):
    result = runner.invoke(app, ["parse", str(seed_path("003_cd509bb85a4891de")), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("path", "format", "institution", "level", "year", "period", "toc", "headings", "figures",
                "tables", "cases", "lists", "references", "page_furniture"):
        assert key in data
    assert data["format"] == "txt" and data["level"] == "中职" and data["year"] == 2025
    assert data["period"] == {"start": "2024-09-01", "end": "2025-08-31"}
    assert set(data["lists"]) == {"figures", "tables", "cases"}
    assert {"level", "number", "title", "line", "page"} <= set(data["headings"][0])
    assert {"number", "title", "line", "page", "rows", "source"} <= set(data["tables"][0])
    assert {"kind", "target", "line"} <= set(data["references"][0])
    assert data["page_furniture"], "the running header of this report must be found"
