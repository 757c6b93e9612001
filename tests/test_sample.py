"""The synthetic corpus: reproducible by seed, every format readable as what it claims to be, the
manifest's lines and values pointing at what the text states."""

from __future__ import annotations

import json

import fitz
from docx import Document as WordDocument

from nianbao.indicators import catalog
from nianbao.sample import MANIFEST
from nianbao.sample.corpus import generate


def test_same_seed_same_corpus(tmp_path):
    first = generate(tmp_path / "a", 3, seed=4, formats=("txt", "md"))
    second = generate(tmp_path / "b", 3, seed=4, formats=("txt", "md"))
    assert first == second
    assert (tmp_path / "a" / "0001.txt").read_bytes() == (tmp_path / "b" / "0001.txt").read_bytes()
    assert json.loads((tmp_path / "a" / MANIFEST).read_text(encoding="utf-8")) == first


def test_both_levels_and_manifest_lines_state_the_values(tmp_path):
    manifest = generate(tmp_path, 8, seed=12, defect_rate=0.0, formats=("txt",))
    assert {e["level"] for e in manifest["reports"]} == {"高职", "中职"}
    assert len({e["school"] for e in manifest["reports"]}) == 8
    for entry in manifest["reports"]:
        lines = (tmp_path / entry["file"]).read_text(encoding="utf-8").split("\n")
        assert entry["school"] in lines[1]
        for indicator_id, line in entry["lines"].items():
            assert catalog()[indicator_id].name in lines[line - 1]


def test_docx_and_pdf_are_real_documents(tmp_path):
    manifest = generate(tmp_path, 2, seed=3, defect_rate=0.0, formats=("docx", "pdf"))
    docx_entry, pdf_entry = manifest["reports"]
    word = WordDocument(str(tmp_path / docx_entry["file"]))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "一、人才培养" in headings and word.tables
    with fitz.open(tmp_path / pdf_entry["file"]) as pdf:
        text = "".join(page.get_text() for page in pdf)
        assert pdf.page_count > 3 and pdf_entry["school"] in text and "人才培养" in text


def test_defects_are_listed(tmp_path):
    manifest = generate(tmp_path, 30, seed=8, defect_rate=1.0, formats=("txt", "md"))
    kinds = {d["kind"] for e in manifest["reports"] for d in e["defects"]}
    assert {"range", "bad_file"} <= kinds
    for entry in manifest["reports"]:
        assert len(entry["defects"]) == 1
        defect = entry["defects"][0]
        if defect["kind"] in ("range", "ratio"):
            lines = (tmp_path / entry["file"]).read_text(encoding="utf-8").split("\n")
            assert catalog()[defect["indicator"]].name in lines[defect["line"] - 1]
