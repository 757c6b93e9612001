"""Untrusted input on the compile path (issue #16, Security): a chapter's picture stays inside the
project and must be a real raster image of bounded size; a school name never becomes a path out of
the output folder; the PDF renderer fetches nothing but the pictures it made."""

from __future__ import annotations

import base64
import http.server
import io
import os
import shutil
import struct
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.compile import images
from nianbao.compile.draft import Picture
from nianbao.compile.project import load
from nianbao.compile.resolve import compile_project
from nianbao.errors import InputError
from nianbao.filenames import inside, safe_name
from nianbao.render.docx import write_docx
from nianbao.render.html import css_string
from nianbao.render.pdf import html_document

from .conftest import ROOT

PROJECT = ROOT / "examples" / "qinglan"
CHAPTER = "40-国际合作.md"
runner = CliRunner()


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "qinglan"
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns("build"))
    return target


def _add_picture(project: Path, path: str) -> int:
    """Append a picture line to a chapter; its line number."""
    chapter = project / "chapters" / CHAPTER
    lines = chapter.read_text(encoding="utf-8").rstrip("\n").split("\n") + ["", f"![外来的图]({path}){{#fig:outside}}"]
    chapter.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _compile_error(project: Path) -> str:
    with pytest.raises(InputError) as raised:
        compile_project(load(project))
    return raised.value.message


@pytest.mark.parametrize("path", ["../../../../../../../../etc/passwd", "/etc/hostname", "../../outside.png"])
def test_a_picture_outside_the_project_is_refused(project, path):
    (project.parent / "outside.png").write_bytes((project / "images" / "f1_1.png").read_bytes())
    line = _add_picture(project, path)
    message = _compile_error(project)
    assert f"{CHAPTER} 第{line}行：图片“{path}”不在项目文件夹内" in message


def test_a_link_inside_images_pointing_outside_is_refused(project):
    secret = project.parent / "secret.png"
    secret.write_bytes((project / "images" / "f1_1.png").read_bytes())
    os.symlink(secret, project / "images" / "link.png")
    line = _add_picture(project, "../images/link.png")
    assert f"{CHAPTER} 第{line}行：图片“../images/link.png”不在项目文件夹内" in _compile_error(project)


@pytest.mark.parametrize("content", [
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    "年报正文，不是图片。".encode("utf-8"),
    b"",
])
def test_a_picture_that_is_not_a_raster_image_is_refused(project, content):
    (project / "images" / "fake.png").write_bytes(content)
    line = _add_picture(project, "../images/fake.png")
    message = _compile_error(project)
    assert f"{CHAPTER} 第{line}行：“../images/fake.png”不是 PNG、JPEG、GIF、BMP 或 WebP 格式的图片" in message


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header announces a size (the pixels never need to exist)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def test_pictures_of_too_many_pixels_or_bytes_are_refused(project, monkeypatch):
    (project / "images" / "huge.png").write_bytes(_png_header(10000, 5000))
    line = _add_picture(project, "../images/huge.png")
    assert f"第{line}行：图片“../images/huge.png”为 10000×5000 像素，超过 4000 万像素的上限" in _compile_error(project)
    (project / "images" / "huge.png").write_bytes(_png_header(30000, 30000))  # past Pillow's bomb limit too
    assert "图片“../images/huge.png”的像素数超过 4000 万像素的上限" in _compile_error(project)
    monkeypatch.setattr(images, "MAX_BYTES", 1024)
    (project / "images" / "huge.png").write_bytes((project / "images" / "f1_1.png").read_bytes())
    assert "MB 的上限" in _compile_error(project)


def test_a_truncated_picture_is_reported_as_damaged(project):
    data = (project / "images" / "f1_1.png").read_bytes()
    (project / "images" / "cut.png").write_bytes(data[: len(data) // 2])
    line = _add_picture(project, "../images/cut.png")
    assert f"第{line}行：图片“../images/cut.png”已损坏或不完整" in _compile_error(project)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "WEBP", "JPEG"])
def test_other_raster_formats_reach_every_writer(project, tmp_path, fmt):
    """GIF, BMP and WebP become PNG (python-docx takes no WebP), JPEG stays JPEG; the DOCX writer
    used to fail with a traceback on a format it did not know."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format=fmt)
    (project / "images" / f"pic.{fmt.lower()}").write_bytes(buffer.getvalue())
    _add_picture(project, f"../images/pic.{fmt.lower()}")
    report = compile_project(load(project))
    picture = next(f for f in report.figures if f.anchor == "fig-outside").picture
    assert picture.format == ("jpeg" if fmt == "JPEG" else "png")
    assert Image.open(io.BytesIO(picture.data)).size == (40, 30)
    write_docx(report, {}, tmp_path / "out.docx")


def test_a_school_name_never_leads_out_of_the_output_folder(project, tmp_path):
    config = project / "nianbao.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("school: 青岚职业技术学院", "school: ../../某学院/北校区"),
                      encoding="utf-8")
    out = tmp_path / "deep" / "out"
    before = {p for p in tmp_path.rglob("*") if "qinglan" not in p.parts}
    result = runner.invoke(app, ["build", str(project), "--out", str(out), "--to", "pdf,html", "--force"])
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    written = {p for p in tmp_path.rglob("*") if "qinglan" not in p.parts} - before
    assert written and all(p.parent == out or p in (out, out.parent) for p in written), written
    assert {p.suffix for p in out.iterdir()} == {".pdf", ".html"}
    assert all(p.name.startswith("某学院-北校区高等职业教育") for p in out.iterdir())


@pytest.mark.parametrize("text, name", [
    ("某学院/北校区", "某学院-北校区"), ("../../x", "x"), ("..", "年度报告"), ("a:b*c?d", "a-b-c-d"),
    ("CON", "_CON"), (" 名称. ", "名称"), ("学" * 200, "学" * 60),
])
def test_safe_names(text, name):
    assert safe_name(text) == name


@pytest.mark.parametrize("linked", ["chapter", "workbook", "config"])
def test_a_project_file_linked_to_outside_the_project_is_not_read(project, tmp_path, linked):
    """A chapter, a department's workbook or the configuration that is a link to a file outside the
    project is refused by name; its content reaches no output."""
    secret = tmp_path / "secret"
    secret.mkdir()
    file = {"chapter": project / "chapters" / CHAPTER, "workbook": sorted((project / "data").glob("*.xlsx"))[0],
            "config": project / "nianbao.yaml"}[linked]
    shutil.copy(file, secret / file.name)
    file.unlink()
    file.symlink_to(secret / file.name)
    with pytest.raises(InputError) as raised:
        compile_project(load(project))
    assert "项目文件夹以外的链接" in str(raised.value) and file.name in str(raised.value)
    result = runner.invoke(app, ["build", str(project), "--to", "html", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "项目文件夹以外的链接" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_link_that_stays_inside_the_project_is_read(project):
    moved = project / "drafts" / CHAPTER
    moved.parent.mkdir()
    shutil.move(project / "chapters" / CHAPTER, moved)
    (project / "chapters" / CHAPTER).symlink_to(Path("..") / "drafts" / CHAPTER)
    assert any(chapter.heading.title == "国际合作" for chapter in compile_project(load(project)).chapters)


def test_inside_refuses_a_name_that_leaves_the_folder(tmp_path):
    assert inside(tmp_path, "a.pdf") == tmp_path / "a.pdf"
    with pytest.raises(InputError):
        inside(tmp_path, "../a.pdf")


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { background: red }")

    def log_message(self, *args):
        pass


def test_the_pdf_renderer_fetches_only_its_own_pictures(tmp_path):
    """A file, a web address and a foreign data: URL in the print HTML are all refused; the one
    picture the render registered is drawn."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        local = tmp_path / "local.png"
        Image.new("RGB", (20, 20), (0, 0, 255)).save(local)
        foreign = "data:image/png;base64," + base64.b64encode(local.read_bytes()).decode("ascii")
        web = f"http://127.0.0.1:{server.server_port}"
        html = (f'<html><head><link rel="stylesheet" href="{web}/x.css"><style>@import url("{web}/y.css");'
                f'body {{ background: url("{web}/bg.png") }}</style></head><body>'
                f'<img src="{local.as_uri()}"><img src="{foreign}"><img src="{web}/z.png"><img src="nianbao:other">'
                f'<img src="nianbao:picture/ours"></body></html>')
        ours = Picture((ROOT / "examples" / "qinglan" / "images" / "f1_1.png").read_bytes(), "png")
        document = html_document(html, {"nianbao:picture/ours": ours})
        pdf = tmp_path / "out.pdf"
        document.write_pdf(pdf)
    finally:
        server.shutdown()
    assert _Recorder.hits == []
    import pymupdf

    with pymupdf.open(pdf) as opened:
        drawn = [image for page in opened for image in page.get_images()]
    assert len(drawn) == 1


def test_a_title_in_the_page_header_is_a_css_string():
    assert css_string('某"校\\</style>') == '"某\\22 校\\5c \\3c \\2f style\\3e "'
