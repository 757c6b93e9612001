"""Mutated files: whatever the bytes, reading and checking a file gives a result or an InputError
(one Chinese message), never another exception. The mutations of issue #11 are tested one by one;
then hypothesis mutates a DOCX, a PDF and a text report at random (bit flips, truncation, chunks
deleted or repeated, zip members corrupted, dropped, swapped or given junk attribute values).

The suite runs a few examples per format (derandomised under CI by the ``ci`` profile of
conftest.py); ``NIANBAO_FUZZ_EXAMPLES=2000`` runs a long campaign (``bench/fuzz_readers.sh``).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.check import check_path, select_rules
from nianbao.errors import InputError, InternalError

from .conftest import SAMPLE
from .render import cached, render_docx, render_pdf

EXAMPLES = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "6"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
JUNK = ["", "-1", "x", "99999999999999999999", "1.5", "%", "一", "0", "9", "-99999", " 3 ", "NaN"]
RULES = select_rules()


class Original(dict):
    """A file's bytes (or a package's members) under a short name in hypothesis' reports."""

    def __init__(self, name: str, content):
        super().__init__(content if isinstance(content, dict) else {"": content})
        self.name = name

    def __repr__(self) -> str:
        return self.name


def sample_docx_members() -> Original:
    path = cached(SAMPLE, "docx", render_docx, auto_numbering=True)
    with zipfile.ZipFile(path) as archive:
        return Original("the sample DOCX", {info.filename: archive.read(info) for info in archive.infolist()})


@pytest.fixture(scope="module")
def docx_members() -> Original:
    return sample_docx_members()


@pytest.fixture(scope="module")
def pdf_bytes() -> Original:
    return Original("the sample PDF", cached(SAMPLE, "pdf", render_pdf).read_bytes())


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _outcome(path) -> str:
    """"ok", or the Chinese message of an InputError; anything else fails the test."""
    result = check_path(path, RULES)
    if isinstance(result.error, InternalError):
        pytest.fail(f"{path.name}: {result.error.where}\n{result.error.trace}")
    assert result.error is None or isinstance(result.error, InputError)
    return result.error.message if result.error else "ok"


# ---------------------------------------------------------------- the mutations of issue #11


def _with_attribute(members, part: str, pattern: str, value: str) -> dict[str, bytes]:
    xml = members[part].decode("utf-8")
    changed, count = re.subn(pattern, lambda m: m.group(1) + value + '"', xml)
    assert count, pattern
    return {**members, part: changed.encode("utf-8")}


@pytest.mark.parametrize("part, pattern", [
    ("word/numbering.xml", r'(<w:start w:val=")[^"]*"'),
    ("word/numbering.xml", r'(<w:lvl w:ilvl=")[^"]*"'),
    ("word/document.xml", r'(<w:ilvl w:val=")[^"]*"'),
    ("word/styles.xml", r'(<w:outlineLvl w:val=")[^"]*"'),
    ("word/document.xml", r'(<w:gridSpan w:val=")[^"]*"'),
])
@pytest.mark.parametrize("value", ["x", "", "-1", "99999999999999999999"])
def test_a_number_that_is_not_one_is_read_as_word_would(tmp_path, docx_members, part, pattern, value):
    members = dict(docx_members)
    if "gridSpan" in pattern and "gridSpan" not in members[part].decode():
        members = {**members, part: members[part].replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2"/>', 1)}
    if "outlineLvl" in pattern and b"outlineLvl" not in members[part]:
        members = {**members, part: members[part].replace(b"<w:pPr>", b'<w:pPr><w:outlineLvl w:val="0"/>', 1)}
    path = tmp_path / "numbers.docx"
    path.write_bytes(_zip(_with_attribute(members, part, pattern, value)))
    assert _outcome(path) == "ok"


def not_inflating(members: dict[str, bytes]) -> bytes:
    """The package with bytes of its main part's compressed data flipped."""
    data = bytearray(_zip(members))
    start = data.find(b"word/document.xml") + len(b"word/document.xml")
    for i in range(start + 40, start + 60):
        data[i] ^= 0xFF
    return bytes(data)


def foreign_main_part(members: dict[str, bytes]) -> bytes:
    """The package with a main part whose root is not w:document."""
    xml = b'<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    return _zip({**members, "word/document.xml": xml})


def test_a_member_that_will_not_inflate_is_a_damaged_file(tmp_path, docx_members):
    path = tmp_path / "zlib.docx"
    path.write_bytes(not_inflating(docx_members))
    with zipfile.ZipFile(path) as archive, pytest.raises((zlib.error, zipfile.BadZipFile)):
        archive.read("word/document.xml")
    assert "DOCX 文件已损坏" in _outcome(path)


def test_a_main_part_that_is_not_a_word_document(tmp_path, docx_members):
    path = tmp_path / "root.docx"
    path.write_bytes(foreign_main_part(docx_members))
    message = _outcome(path)
    assert "DOCX 文件已损坏" in message and "另存为 .docx" in message


@pytest.mark.parametrize("missing", ["word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels",
                                     "[Content_Types].xml", "docProps/core.xml"])
def test_a_missing_part(tmp_path, docx_members, missing):
    path = tmp_path / "missing.docx"
    path.write_bytes(_zip({name: data for name, data in docx_members.items() if name != missing}))
    _outcome(path)


def test_a_relationship_to_nowhere(tmp_path, docx_members):
    rels = docx_members["word/_rels/document.xml.rels"].replace(b'Target="styles.xml"', b'Target="../../nowhere.xml"')
    path = tmp_path / "rels.docx"
    path.write_bytes(_zip({**docx_members, "word/_rels/document.xml.rels": rels}))
    _outcome(path)


# ---------------------------------------------------------------- random mutations


@st.composite
def byte_edits(draw, data: bytes) -> bytes:
    """1–4 edits of the bytes: bit flips, a cut, a chunk deleted or repeated."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        kind = draw(st.sampled_from(["flip", "truncate", "delete", "duplicate"]))
        at = draw(st.integers(0, len(out) - 1))
        if kind == "flip":
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del out[max(at, 1):]
        else:
            size = draw(st.integers(1, 512))
            chunk = out[at:at + size]
            if kind == "delete":
                del out[at:at + size]
            else:
                out[at:at] = chunk
    return bytes(out)


@st.composite
def docx_mutations(draw, original: Original) -> bytes:
    members = dict(original)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["part bytes", "attribute", "drop", "swap"]))
        name = draw(st.sampled_from(sorted(members)))
        if kind == "part bytes":
            members[name] = draw(byte_edits(members[name]))
        elif kind == "attribute":
            values = list(re.finditer(rb'(w:[A-Za-z]+=")[^"]*"', members[name]))
            if values:
                match = values[draw(st.integers(0, len(values) - 1))]
                junk = draw(st.sampled_from(JUNK)).encode()
                members[name] = members[name][:match.start()] + match.group(1) + junk + b'"' + members[name][match.end():]
        elif kind == "drop" and len(members) > 1:
            del members[name]
        elif kind == "swap":
            other = draw(st.sampled_from(sorted(members)))
            members[name], members[other] = members[other], members[name]
    data = _zip(members)
    return draw(byte_edits(data)) if draw(st.booleans()) else data  # the zip itself damaged


@FUZZ
@given(data=st.data())
def test_mutated_docx_gives_a_result_or_an_input_error(tmp_path_factory, docx_members, data):
    path = tmp_path_factory.mktemp("fuzz") / "mutated.docx"
    path.write_bytes(data.draw(docx_mutations(docx_members)))
    _outcome(path)


@FUZZ
@given(data=st.data())
def test_mutated_pdf_gives_a_result_or_an_input_error(tmp_path_factory, pdf_bytes, data):
    path = tmp_path_factory.mktemp("fuzz") / "mutated.pdf"
    path.write_bytes(data.draw(byte_edits(pdf_bytes[""])))
    _outcome(path)


@FUZZ
@given(data=st.data())
def test_mutated_text_gives_a_result_or_an_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "mutated.txt"
    path.write_bytes(data.draw(byte_edits(SAMPLE.read_bytes())))
    _outcome(path)
