"""The bundled sample report (fictitious school): its contents page, lists and pages agree with the
body as the parser sees it, page numbers coming from its page-number lines."""

from __future__ import annotations

from nianbao.parse import parse_file
from nianbao.parse.normalize import title_key

from .conftest import SAMPLE


def test_sample_outline_matches_its_contents_page():
    report = parse_file(SAMPLE)
    assert report.meta.institution == "青岚职业技术学院"
    toc = [(e.level, title_key(e.title), e.page) for e in report.toc]
    body = [(h.level, title_key(h.title), h.span.page) for h in report.headings]
    assert body == toc
    assert "页码行" in report.page_furniture


def test_sample_lists_match_captions_with_pages():
    report = parse_file(SAMPLE)
    for kind, items in (("figure", report.figures), ("table", report.tables), ("case", report.cases)):
        listed = [(e.number, title_key(e.title), e.page) for e in report.lists[kind]]
        found = [(x.number, title_key(x.title), x.span.page) for x in items]
        assert listed == found, kind
    assert all(t.source for t in report.tables)
    assert {r.target for r in report.references if r.kind == "figure"} <= {f.number for f in report.figures}
