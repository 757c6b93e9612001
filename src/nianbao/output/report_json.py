"""The Report as plain data: the JSON shape of ``nianbao parse --format json``."""

from __future__ import annotations

from typing import Any

from ..model import Report, Span


def _where(span: Span) -> dict[str, Any]:
    return {"line": span.line, "page": span.page}


def report_to_dict(report: Report) -> dict[str, Any]:
    meta = report.meta
    return {
        "path": report.path,
        "format": report.document.format,
        "institution": meta.institution,
        "level": meta.level,
        "year": meta.year,
        "title": meta.title,
        "period": {"start": meta.period.start.isoformat(), "end": meta.period.end.isoformat()} if meta.period else None,
        "publication_date": meta.publication_date.isoformat() if meta.publication_date else None,
        "statement_date": meta.statement_date.isoformat() if meta.statement_date else None,
        "toc": [{"title": e.title, "number": e.number, "text": e.text, "page": e.page, "level": e.level, "line": e.span.line}
                for e in report.toc],
        "headings": [{"level": h.level, "number": h.number, "title": h.title, **_where(h.span)} for h in report.headings],
        "figures": [{"number": f.number, "title": f.title, **_where(f.span), "source": f.source.text if f.source else None}
                    for f in report.figures],
        "tables": [{"number": t.number, "title": t.title, **_where(t.span), "rows": [row.cells for row in t.rows],
                    "source": t.source.text if t.source else None} for t in report.tables],
        "cases": [{"number": c.number, "title": c.title, **_where(c.span), "end_line": c.span.end_line} for c in report.cases],
        "lists": {
            {"figure": "figures", "table": "tables", "case": "cases"}[kind]: [
                {"number": e.number, "title": e.title, "page": e.page, "line": e.span.line} for e in entries
            ]
            for kind, entries in report.lists.items()
        },
        "references": [{"kind": r.kind, "target": r.target, **_where(r.span)} for r in report.references],
        "page_furniture": report.page_furniture,
        "notes": [{"code": n.code, "severity": n.severity, "message": n.message, **_where(n.span)} for n in report.notes],
    }
