"""Bad PDF/DOCX/legacy files: one Chinese message naming the file and what to do, exit code 2,
no traceback, and a batch goes on."""

from __future__ import annotations

import builtins
import errno
import os
import stat
import zipfile

import pymupdf
import pytest
from typer.testing import CliRunner

from nianbao import readers
from nianbao.cli import app
from nianbao.errors import InputError

from .conftest import seed_path
from .render import cached, render_docx, render_pdf

runner = CliRunner()
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def good_pdf():
    return cached(seed_path("000_b5aaa64abcd64692"), "pdf", render_pdf)


@pytest.fixture(scope="module")
def good_docx():
    return cached(seed_path("000_b5aaa64abcd64692"), "docx", render_docx, auto_numbering=False, page_every=0)


def _zip(path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _scanned_pdf(path):
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 200), False)
    pix.clear_with(200)
    page.insert_image(page.rect, pixmap=pix)
    doc.save(path)
    return path


def _encrypted_pdf(path, source):
    doc = pymupdf.open(source)
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    return path


CASES = {
    "truncated.pdf": (lambda tmp, pdf, docx: (tmp / "truncated.pdf").write_bytes(pdf.read_bytes()[:900]), "损坏"),
    "garbage.pdf": (lambda tmp, pdf, docx: (tmp / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(4000)), "损坏"),
    "webpage.pdf": (lambda tmp, pdf, docx: (tmp / "webpage.pdf").write_text("<html><body>404</body></html>"), "不是有效的 PDF"),
    "locked.pdf": (lambda tmp, pdf, docx: _encrypted_pdf(tmp / "locked.pdf", pdf), "密码"),
    "scanned.pdf": (lambda tmp, pdf, docx: _scanned_pdf(tmp / "scanned.pdf"), "OCR"),
    "notzip.docx": (lambda tmp, pdf, docx: (tmp / "notzip.docx").write_text("只是文字"), "不是 ZIP"),
    "cut.docx": (lambda tmp, pdf, docx: (tmp / "cut.docx").write_bytes(docx.read_bytes()[:docx.stat().st_size // 2]), "不完整或已损坏"),
    "other.docx": (lambda tmp, pdf, docx: _zip(tmp / "other.docx", {"a.txt": b"x"}), "word/document.xml"),
    "bomb.docx": (lambda tmp, pdf, docx: _zip(tmp / "bomb.docx", {"word/document.xml": b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>"}), "压缩炸弹"),
    "dtd.docx": (lambda tmp, pdf, docx: _zip(tmp / "dtd.docx", {"[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "word/document.xml": b"<x/>"}), "DTD"),
    "broken.docx": (lambda tmp, pdf, docx: _zip(tmp / "broken.docx", {"word/document.xml": b"<not closed"}), "损坏"),
    "pdf-named.docx": (lambda tmp, pdf, docx: (tmp / "pdf-named.docx").write_bytes(pdf.read_bytes()), "改为 .pdf"),
    "docx-named.pdf": (lambda tmp, pdf, docx: (tmp / "docx-named.pdf").write_bytes(docx.read_bytes()), "改为 .docx"),
    "pdf-named.txt": (lambda tmp, pdf, docx: (tmp / "pdf-named.txt").write_bytes(pdf.read_bytes()), "改为 .pdf"),
    "empty.pdf": (lambda tmp, pdf, docx: (tmp / "empty.pdf").write_bytes(b""), "0 字节"),
    "empty.docx": (lambda tmp, pdf, docx: (tmp / "empty.docx").write_bytes(b""), "0 字节"),
    "old.doc": (lambda tmp, pdf, docx: (tmp / "old.doc").write_bytes(OLE2 + b"\x00" * 600), "另存为"),
    "old.wps": (lambda tmp, pdf, docx: (tmp / "old.wps").write_bytes(OLE2 + b"\x00" * 600), "另存为"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_clear_message(tmp_path, good_pdf, good_docx, monkeypatch, name):
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice, whatever the machine has
    make, expected = CASES[name]
    make(tmp_path, good_pdf, good_docx)
    path = tmp_path / name
    with pytest.raises(InputError) as error:
        readers.read(path)
    assert expected in error.value.message
    assert error.value.path == str(path)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and name in result.output


def test_doc_is_converted_when_libreoffice_is_present(tmp_path, good_docx, monkeypatch):
    """A stand-in ``soffice`` on PATH (writing the DOCX a real one would) is called with the
    documented arguments and its output is read."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(f'#!/bin/sh\n# args: --headless --convert-to docx --outdir DIR FILE\n'
                    f'name=$(basename "$6"); cp "{good_docx}" "$5/${{name%.*}}.docx"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    old = tmp_path / "report.doc"
    old.write_bytes(OLE2 + b"\x00" * 600)
    document = readers.read(old)
    assert document.format == "doc" and document.path == str(old)
    assert document.text == readers.read(good_docx).text


def test_batch_goes_on_after_a_bad_file(tmp_path, good_pdf):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    results = []
    for path in (bad, good_pdf):
        try:
            results.append(len(readers.read(path).lines))
        except InputError as error:
            results.append(error.message)
    assert isinstance(results[0], str) and isinstance(results[1], int) and results[1] > 100


def test_oversized_xml_part_is_refused(tmp_path, good_docx, monkeypatch):
    """A part above the size limit (64 MB in use; lowered here to keep the test small)."""
    from nianbao.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 100_000)
    with pytest.raises(InputError) as error:
        readers.read(good_docx)
    assert "超出安全读取上限" in error.value.message and "word/document.xml" in error.value.message


def test_a_file_without_read_permission_is_named_and_check_dir_goes_on(tmp_path, monkeypatch):
    """Mode 000 (root reads it anyway, so opening that file is also refused the way the system
    refuses it: EACCES)."""
    folder = tmp_path / "年报"
    folder.mkdir()
    (folder / "a-locked.txt").write_text("学校简介\n", encoding="utf-8")
    (folder / "a-locked.txt").chmod(0)
    (folder / "b-good.txt").write_text(seed_path("003_cd509bb85a4891de").read_text(encoding="utf-8"), encoding="utf-8")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file).endswith("a-locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    with pytest.raises(InputError) as error:
        readers.read(folder / "a-locked.txt")
    assert "没有读取这个文件的权限" in error.value.message
    result = CliRunner(mix_stderr=False).invoke(app, ["check", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "a-locked.txt: 无法读取：没有读取这个文件的权限" in result.stdout.replace(str(folder) + "/", "")
    assert "Permission" not in result.stdout + result.stderr
    assert "b-good.txt:" in result.stdout  # the other file was checked: its findings are listed
