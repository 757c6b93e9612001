"""The parser on the real seed reports, measured against the hand-verified truth files, and on
generated variants of them (page furniture added, Markdown markup)."""

from __future__ import annotations

import datetime as dt

import pytest

from nianbao.model import Document, Line
from nianbao.parse import parse, parse_file

from .conftest import seed_path, truth
from .parse_accuracy import measure
from .variants import HEADER, as_markdown, with_page_furniture

MIN_RECALL = 0.98
MAX_WRONG = 0.02


@pytest.fixture(scope="module")
def parsed():
    cache = {}

    def get(stem):
        if stem not in cache:
            cache[stem] = parse_file(seed_path(stem))
        return cache[stem]

    return get


def test_accuracy_against_truth(seed_stem, parsed):
    failures = []
    for score in measure(seed_stem, parsed(seed_stem)):
        if score.recall < MIN_RECALL or score.wrong_share > MAX_WRONG:
            failures.append(f"{score.kind}: recall {score.recall:.1%}, wrong {score.wrong_share:.1%}, "
                            f"missing {score.missing[:5]}, wrong {score.wrong[:5]}")
    assert not failures, "\n".join(failures)


def test_every_toc_entry_found(seed_stem, parsed):
    expected = truth(seed_stem, "structure")["toc"]
    assert len(parsed(seed_stem).toc) == len(expected)


def test_no_contents_line_becomes_a_heading(seed_stem, parsed):
    report = parsed(seed_stem)
    contents = report.front_lines
    assert contents, "contents pages must be recognised"
    assert not [h for h in report.headings if h.span.line in contents]


def test_metadata_of_the_seeds(parsed):
    higher, secondary = parsed("000_b5aaa64abcd64692"), parsed("003_cd509bb85a4891de")
    assert (higher.meta.level, higher.meta.year) == ("高职", 2025)
    assert (secondary.meta.level, secondary.meta.year) == ("中职", 2025)
    assert higher.meta.institution and higher.meta.institution in higher.meta.title
    assert secondary.meta.period is not None
    assert (secondary.meta.period.start, secondary.meta.period.end) == (dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    assert secondary.meta.publication_date == dt.date(2026, 1, 5)
    assert secondary.meta.statement_date == dt.date(2026, 1, 5)
    assert higher.meta.statement_date == dt.date(2025, 12, 30)


def test_running_header_of_the_secondary_report_is_furniture(parsed):
    report = parsed("003_cd509bb85a4891de")
    assert len(report.page_furniture) == 1
    header_lines = report.furniture_lines
    assert len(header_lines) > 100
    assert not [h for h in report.headings if h.span.line in header_lines]
    # pages come from the running headers, calibrated on the contents page: chapter pages match it
    toc_pages = {e.text.replace(" ", ""): e.page for e in report.toc}
    matched = [h for h in report.headings if h.text.replace(" ", "") in toc_pages]
    assert len(matched) > 80
    agree = sum(h.span.page == toc_pages[h.text.replace(" ", "")] for h in matched)
    assert agree / len(matched) >= 0.95


def test_table_cells_of_a_seed_table(parsed):
    report = parsed("000_b5aaa64abcd64692")
    finance = [t for t in report.tables if "经费" in t.title]
    assert len(finance) == 1
    table = finance[0]
    assert table.header[:2] == ["序号", "收入项目"]
    assert table.rows[-1].cells[0] == "合计"
    assert table.source is not None and "财务" in table.source.text
    assert all(len(row.cells) == 4 for row in table.rows)


def _doc(text: str, name: str = "variant.txt") -> Document:
    return Document(name, name.rsplit(".", 1)[-1], [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)])


def _structure(report, mapping=None):
    back = {new: old for old, new in (mapping or {}).items()}

    def line(n):
        return back.get(n, n)

    return (
        [(h.level, h.number, h.title, line(h.span.line)) for h in report.headings],
        [(f.number, f.title, line(f.span.line)) for f in report.figures],
        [(t.number, t.title, line(t.span.line), [r.cells for r in t.rows]) for t in report.tables],
        [(c.number, c.title, line(c.span.line)) for c in report.cases],
    )


def test_added_page_furniture_is_removed_and_gives_pages():
    text = seed_path("000_b5aaa64abcd64692").read_text(encoding="utf-8")
    original = parse(_doc(text))
    varied_text, mapping = with_page_furniture(text, page_lines=30)
    varied = parse(_doc(varied_text))
    assert HEADER in varied.page_furniture
    assert _structure(varied, mapping) == _structure(original)
    for heading in varied.headings:
        old_line = {v: k for k, v in mapping.items()}[heading.span.line]
        assert heading.span.page == (old_line - 1) // 30 + 1


def test_markdown_variant_parses_like_the_text(seed_stem):
    text = seed_path(seed_stem).read_text(encoding="utf-8")
    levels = {h["line"]: h["level"] for h in truth(seed_stem, "structure")["headings"]}
    original = parse(_doc(text))
    markdown = parse(_doc(as_markdown(text, levels), "variant.md"))
    assert _structure(markdown) == _structure(original)
