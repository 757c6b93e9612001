"""The page reader's fast paths give what the plain ways give: a page read from its dict (characters
extracted only when lines drawn over each other need them) reads as from its rawdict, on every
page of every PDF producer of the corpus; lines drawn over each other interleave as they do
character by character, on the corpus and on generated lines."""

from __future__ import annotations

from dataclasses import astuple

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.readers import pdf_page
from nianbao.readers.pdf_page import FLAGS, TEXT_BLOCK, read_page

from .producers import VARIANTS, corpus, usable

PDF_VARIANTS = [v.name for v in VARIANTS if v.suffix == ".pdf"]


@pytest.fixture(scope="module")
def sample_pdfs():
    return {item.variant.name: usable(item) for item in corpus() if item.source == "sample" and item.variant.suffix == ".pdf"}


def _content(content) -> tuple:
    """What a page's reading gives, comparable (a table found from its text keeps its finder's grid)."""
    return ([astuple(line) for line in content.lines],
            [(table.x0, table.y0, table.x1, table.y1, table.rows, table.open_top, table.open_bottom, table.columns,
              table.short, table.size, [astuple(piece) for piece in table.pieces]) for table in content.tables],
            [astuple(rule) for rule in content.rules], content.drawn_over)


def _interleaved_by_character(raw_lines: list[dict]) -> dict:
    """The plain way: every character in order of position, a span per run of one style."""
    chars = sorted(((char, span) for line in raw_lines for span in line["spans"] for char in span["chars"]),
                   key=lambda pair: pair[0]["origin"][0])
    spans: list[dict] = []
    for char, span in chars:
        last = spans[-1] if spans else None
        if last and last["font"] == span["font"] and last["size"] == span["size"] and last["flags"] == span["flags"]:
            last["text"] += char["c"]
            last["bbox"] = (*last["bbox"][:2], max(last["bbox"][2], char["bbox"][2]), max(last["bbox"][3], char["bbox"][3]))
        else:
            spans.append({"text": char["c"], "bbox": tuple(char["bbox"]), "font": span["font"], "size": span["size"],
                          "flags": span["flags"], "origin": char["origin"]})
    box = tuple(f(line["bbox"][k] for line in raw_lines) for k, f in enumerate((min, min, max, max)))
    return {"bbox": box, "spans": spans}


@pytest.mark.parametrize("variant", PDF_VARIANTS)
def test_a_page_reads_the_same_with_its_characters_extracted_at_once_or_when_needed(sample_pdfs, variant):
    with pymupdf.open(sample_pdfs[variant]) as doc:
        for page in doc:
            assert _content(read_page(page, characters=True)) == _content(read_page(page, characters=False)), page.number


@pytest.mark.parametrize("variant", PDF_VARIANTS)
def test_lines_drawn_over_each_other_interleave_as_character_by_character(sample_pdfs, variant):
    groups = 0
    with pymupdf.open(sample_pdfs[variant]) as doc:
        for page in doc:
            blocks = page.get_textpage(flags=FLAGS).extractRAWDICT()["blocks"]
            lines = [line for block in blocks if block["type"] == TEXT_BLOCK for line in block["lines"]]
            for group in pdf_page._overlapping(lines):
                raw = [lines[i] for i in group]
                assert pdf_page._interleaved(raw) == _interleaved_by_character(raw)
                groups += 1
    assert groups > 0 or not variant.startswith("lo-")  # LibreOffice draws quote marks over their line


_FONTS = st.sampled_from([("Sans", 10.5, 0), ("Sans", 10.5, 16), ("Serif", 10.5, 0), ("Sans", 12.0, 0)])


@st.composite
def _raw_line(draw):
    spans = []
    for font, size, flags in draw(st.lists(_FONTS, min_size=1, max_size=4)):
        xs = draw(st.lists(st.sampled_from([0.0, 3.5, 7.0, 10.5, 14.0, 21.0, 28.0]), min_size=1, max_size=6))
        chars = [{"c": draw(st.sampled_from("“”中文 a1")), "origin": (x, 10.0), "synthetic": False,
                  "bbox": (x, draw(st.sampled_from([0.0, 1.0])), x + draw(st.sampled_from([3.5, 7.0])),
                           draw(st.sampled_from([11.0, 12.0])))} for x in xs]
        spans.append({"font": font, "size": size, "flags": flags, "chars": chars})
    left = min(char["bbox"][0] for span in spans for char in span["chars"])
    right = max(char["bbox"][2] for span in spans for char in span["chars"])
    return {"bbox": (left, 0.0, right, 12.0), "spans": spans}


@settings(max_examples=300, deadline=None)
@given(st.lists(_raw_line(), min_size=1, max_size=4))
def test_generated_lines_interleave_as_character_by_character(raw_lines):
    """Ties in position, runs of one style broken by another's characters, unsorted characters."""
    assert pdf_page._interleaved(raw_lines) == _interleaved_by_character(raw_lines)
