"""Never a wrong diagnosis (issue #11, item 4): files that are not what they claim get one clear
message (exit 2 in parse/check) instead of a flood of findings; an error of nianbao's own layout
code on one page reads that page as plain text with a note, never "damaged file"; forms that are
whole (a contents listing appendices the file leaves out, a web copy with one line per page,
English and numeric text) are read."""

from __future__ import annotations

import re

import pymupdf
import pytest
from typer.testing import CliRunner

from nianbao import readers
from nianbao.cli import app
from nianbao.errors import InputError
from nianbao.parse import parse, parse_file
from nianbao.readers import integrity
from nianbao.readers import notes as reader_notes

from .conftest import ROOT, SAMPLE, seed_path
from .producers import corpus, usable
from .render import RUNNING_HEADER, cached, render_docx, render_pdf
from .test_fuzz_readers import foreign_main_part, not_inflating, sample_docx_members

runner = CliRunner(mix_stderr=False)
VARIETY = ROOT / "tests" / "fixtures" / "variety"


@pytest.fixture(scope="module")
def sample_pdf():
    return cached(SAMPLE, "pdf", render_pdf)


def _refused(path, *words) -> str:
    with pytest.raises(InputError) as error:
        parse_file(path)
    assert error.value.path == str(path)
    for word in words:
        assert word in error.value.message, error.value.message
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stdout.count("\n") <= 2  # the one message (and the total line), no findings
    return error.value.message


# ---------------------------------------------------------------- cut short


def _cut_at_object(data: bytes, share: float) -> bytes:
    """The file cut after the last whole object before ``share`` of its bytes: MuPDF repairs it."""
    end = data.rfind(b"endobj", 0, int(len(data) * share))
    return data[:end + len(b"endobj\n")]


def _cut_browser_pdf(folder, share: float = 0.5):
    item = next(p for p in corpus() if p.source == "sample" and p.variant.name == "chromium-grid")
    path = folder / f"cut-{share}.pdf"
    path.write_bytes(_cut_at_object(usable(item).read_bytes(), share))
    return path


def test_a_browser_pdf_cut_short_is_refused_not_read_as_garbled_text(tmp_path):
    """Chromium writes the pages first and the fonts last: cut in half, the pages are there but
    their characters cannot be decoded — once 45,940 乱码 findings, now one message."""
    for share in (0.3, 0.5, 0.75):
        path = _cut_browser_pdf(tmp_path, share)
        with pymupdf.open(path) as doc:
            assert doc.is_repaired and doc.page_count > 0
        message = _refused(path, "不完整", "重新")
        assert re.search(r"\d+(\.\d)?% 的文字无法正确读出", message)


def test_a_repaired_pdf_whose_text_is_whole_is_read_with_a_note(tmp_path, sample_pdf):
    data = sample_pdf.read_bytes()
    start = data.rfind(b"startxref")
    path = tmp_path / "bad-xref.pdf"
    path.write_bytes(data[:start] + b"startxref\n12\n%%EOF\n")  # the cross-reference table points nowhere
    with pymupdf.open(path) as doc:
        assert doc.is_repaired
    report = parse_file(path)
    assert report.document.text == readers.read(sample_pdf).text
    assert [note.code for note in report.notes if note.code.startswith("P01")] == [reader_notes.REPAIRED]


def _half_pdf(folder, sample_pdf):
    with pymupdf.open(sample_pdf) as doc:
        doc.select(range(doc.page_count // 2))
        doc.save(folder / "half.pdf")
    return folder / "half.pdf"


def _half_text(folder):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    half = folder / "half.txt"
    half.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    return half


def _half_docx(folder):
    import docx

    document = docx.Document(str(cached(SAMPLE, "docx", render_docx)))
    body = document.element.body
    blocks = [child for child in body if not child.tag.endswith("sectPr")]
    for child in blocks[len(blocks) * 3 // 5:]:
        body.remove(child)
    document.save(folder / "half.docx")
    return folder / "half.docx"


def _no_unicode_maps(folder, sample_pdf):
    doc = pymupdf.open(sample_pdf)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    doc.save(folder / "no-tounicode.pdf")
    return folder / "no-tounicode.pdf"


def _mojibake(folder):
    path = folder / "mojibake.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8").encode("utf-8").decode("latin-1"), encoding="utf-8")
    return path


def _flat(folder):
    path = folder / "flat.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace("\n", "") * 3, encoding="utf-8")
    return path


def _blank_pdf(folder):
    doc = pymupdf.open()
    doc.new_page().draw_rect(pymupdf.Rect(50, 50, 200, 200))
    doc.save(folder / "blank.pdf")
    return folder / "blank.pdf"


def test_pages_cut_off_a_pdf_are_named_by_the_contents(tmp_path, sample_pdf):
    message = _refused(_half_pdf(tmp_path, sample_pdf), "文件不完整", "目录列到第 13 页")
    assert re.search(r"正文只到第 \d 页", message)


def test_half_a_text_report_says_the_text_stops_early(tmp_path):
    _refused(_half_text(tmp_path), "文件不完整", "目录列到第 13 页", "在正文中都找不到")
    # A text without page numbers: the contents' last entries are not in the body.
    seed = seed_path("000_b5aaa64abcd64692").read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "seed-cut.txt"
    cut.write_text("".join(seed[: len(seed) * 2 // 3]), encoding="utf-8")
    message = _refused(cut, "文件不完整", "正文最后一个标题是", "在正文中都找不到")
    first_missing = re.search(r"目录中「(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]?\s*)?(.+?)」", message).group(1)
    # A heading of the whole seed, not of the cut one.
    assert first_missing in {h.title for h in parse_file(seed_path("000_b5aaa64abcd64692")).headings}
    assert first_missing not in {h.title for h in parse(readers.read(cut)).headings}


def test_half_a_word_file_says_the_text_stops_early(tmp_path):
    _refused(_half_docx(tmp_path), "文件不完整", "正文最后一个标题是", "在正文中都找不到")


def test_contents_listing_appendices_the_file_leaves_out_is_read(tmp_path):
    """The indicator tables often come as separate files: their contents entries point past the
    end (and the numbered annex chapter with them), and the file is whole."""
    text = SAMPLE.read_text(encoding="utf-8")
    contents = text[text.index("目录\n"):text.index("图目录\n")]
    last_entry = next(line for line in reversed(contents.splitlines()) if re.search(r"\t\d+$", line))
    annex = "\n".join([last_entry, "八、附表\t14", "（一）计分卡\t15", "（二）资源表\t16", "附件1 学校年度质量报告数据表\t17",
                       "附件2 六张指标表\t18"])
    path = tmp_path / "annex.txt"
    path.write_text(text.replace(last_entry + "\n", annex + "\n", 1), encoding="utf-8")
    report = parse_file(path)
    assert len(report.toc) == len(parse_file(SAMPLE).toc) + 5


@pytest.mark.parametrize("path", sorted(VARIETY.glob("*.txt")) + sorted(VARIETY.glob("*.md")), ids=lambda p: p.stem)
def test_every_form_of_the_variety_corpus_is_read(path):
    parse_file(path)


def test_the_seeds_are_read(seed_stem):
    parse_file(seed_path(seed_stem))


# ---------------------------------------------------------------- garbled text, no line breaks


def test_a_text_layer_without_its_unicode_maps_is_refused(tmp_path, sample_pdf):
    _refused(_no_unicode_maps(tmp_path, sample_pdf), "乱码", "ToUnicode")


def test_a_text_decoded_with_the_wrong_charset_is_refused(tmp_path):
    _refused(_mojibake(tmp_path), "乱码")


def test_english_and_numeric_text_is_not_garbled():
    english = "The college enrolled 3,215 students in 2025 (up 4.2%); see Table 2-1.\t1,024\t98.5%\n" * 40
    assert integrity.garbled_share(english)[0] == 0
    for path in [SAMPLE, *VARIETY.glob("*.txt"), seed_path("000_b5aaa64abcd64692"), seed_path("003_cd509bb85a4891de")]:
        share, counted = integrity.garbled_share(path.read_text(encoding="utf-8"))
        assert share < integrity.MAX_GARBLED / 100, path


def test_a_file_without_line_breaks_is_refused(tmp_path):
    _refused(_flat(tmp_path), "几乎没有换行", "第 1 行")


def test_a_web_copy_with_one_line_per_page_is_read():
    report = parse_file(VARIETY / "zz2022-docsite-flattened.txt")
    assert max(len(line.text) for line in report.document.lines) > 200


# ---------------------------------------------------------------- our own layout errors


def _failing_on(page_index: int, pages: int, function):
    """``function`` (read_page or page_blocks, called once per page in order) failing on one page
    of every reading of a document of ``pages`` pages."""
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if (len(calls) - 1) % pages == page_index:
            raise ValueError("min() arg is an empty sequence")
        return function(*args, **kwargs)

    return failing


@pytest.mark.parametrize("step", ["read_page", "page_blocks"])
def test_a_layout_error_on_one_page_reads_it_as_plain_text_with_a_note(monkeypatch, sample_pdf, step):
    from nianbao.readers import pdf

    whole = readers.read(sample_pdf)
    page_five = {line.text for line in whole.lines if line.physical_page == 5 and line.text}
    with pymupdf.open(sample_pdf) as doc:
        pages = doc.page_count
    monkeypatch.setattr(pdf, step, _failing_on(4, pages, getattr(pdf, step)))
    document = readers.read(sample_pdf)
    (note,) = document.notes
    assert note.code == reader_notes.LAYOUT_FAILED and "第 5 页" in note.message and "ValueError" in note.message
    assert document.lines[note.span.line - 1].physical_page == 5
    plain = "".join("".join(line.text.split()) for line in document.lines if line.physical_page == 5)
    assert all("".join(text.split())[:12] in plain for text in page_five)
    assert [line.text for line in document.lines if line.physical_page != 5] == \
           [line.text for line in whole.lines if line.physical_page != 5]
    result = runner.invoke(app, ["check", "-f", "json", str(sample_pdf)])
    assert result.exit_code in (0, 1) and '"P010"' in result.stdout


def test_a_furniture_error_keeps_every_line_with_a_note(monkeypatch, sample_pdf):
    from nianbao.readers import pdf

    def failing(pages):
        raise IndexError("list index out of range")

    whole = readers.read(sample_pdf)
    monkeypatch.setattr(pdf.pdf_furniture, "find", failing)
    document = readers.read(sample_pdf)
    assert [note.code for note in document.notes] == [reader_notes.LAYOUT_FAILED]
    assert "页眉页脚" in document.notes[0].message
    kept = "".join("".join(line.text.split()) for line in document.lines)
    assert all("".join(line.text.split())[:12] in kept for line in whole.lines)  # nothing lost
    assert kept.count(RUNNING_HEADER) > "".join(line.text for line in whole.lines).count(RUNNING_HEADER)


def test_a_page_mupdf_cannot_read_is_skipped_with_a_note(monkeypatch, sample_pdf):
    original = pymupdf.Page.get_textpage  # what every text extraction of a page goes through

    def get_textpage(page, *args, **kwargs):
        if page.number == 6:
            raise RuntimeError("code=7: object is not a stream")
        return original(page, *args, **kwargs)

    monkeypatch.setattr(pymupdf.Page, "get_textpage", get_textpage)
    document = readers.read(sample_pdf)
    assert [note.code for note in document.notes] == [reader_notes.PAGE_UNREADABLE]
    assert "第 7 页" in document.notes[0].message
    assert not any(line.physical_page == 7 for line in document.lines)


def test_a_pdf_with_neither_text_nor_images_says_so(tmp_path):
    _refused(_blank_pdf(tmp_path), "没有可提取的文字", "扫描页")


# ---------------------------------------------------------------- in a batch


def test_each_damaged_class_is_one_failed_file_in_a_batch(tmp_path, sample_pdf):
    """check DIR and ingest go on past every class of damaged file above: one line naming each, the
    good report checked and stored in full."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SAMPLE.read_bytes())
    members = sample_docx_members()
    (folder / "zlib.docx").write_bytes(not_inflating(members))
    (folder / "root.docx").write_bytes(foreign_main_part(members))
    damaged = [_cut_browser_pdf(folder), _half_pdf(folder, sample_pdf), _half_text(folder), _half_docx(folder),
               _no_unicode_maps(folder, sample_pdf), _mojibake(folder), _flat(folder), _blank_pdf(folder),
               folder / "zlib.docx", folder / "root.docx"]
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{folder / 'good.txt'}: 0 个错误") for line in lines), result.stdout
    for path in damaged:
        (line,) = [line for line in lines if line.startswith(f"{path}: ")]
        assert line.startswith(f"{path}: 无法读取："), line
    db = f"sqlite:///{tmp_path / 'n.db'}"
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--create"])
    assert result.exit_code == 1 and "Traceback" not in result.output  # 1: some files failed (not 3: none is ours)
    assert "新入库 1 份" in result.stdout and f"失败 {len(damaged)} 份" in result.stdout
    assert "内部错误" not in result.stderr
    for path in damaged:
        assert f"失败：{path}" in "".join(result.stderr.split()), path.name
