"""The Report as plain data: the JSON shape of ``nianbao parse --format json``."""

from __future__ import annotations

from typing import Any

from ..model import Report, Span
from ..parse.script import as_written


def _where(span: Span) -> dict[str, Any]:
    return {"line": span.line, "page": span.page}


def report_to_dict(report: Report) -> dict[str, Any]:
    """Text as the report writes it (a report in traditional characters is quoted in them)."""
    meta = report.meta

    def written(text: str, line: int) -> str:
        return as_written(report, text, line)

    front = meta.statement_span.line if meta.statement_span else 1
    return {
        "path": report.path,
        "format": report.document.format,
        "institution": written(meta.institution, front),
        "kind": meta.kind,
        "region": written(meta.region, front) or None,
        "enterprise": written(meta.enterprise, front) or None,
        "level": meta.level,
        "year": meta.year,
        "title": written(meta.title, front),
        "traditional": meta.traditional,
        "period": {"start": meta.period.start.isoformat(), "end": meta.period.end.isoformat()} if meta.period else None,
        "publication_date": meta.publication_date.isoformat() if meta.publication_date else None,
        "statement_date": meta.statement_date.isoformat() if meta.statement_date else None,
        "toc": [{"title": written(e.title, e.span.line), "number": e.number, "text": written(e.text, e.span.line), "page": e.page, "level": e.level, "line": e.span.line}
                for e in report.toc],
        "headings": [{"level": h.level, "number": h.number, "title": written(h.title, h.span.line), **_where(h.span)}
                     for h in report.headings],
        "figures": [{"number": f.number, "title": written(f.title, f.span.line), **_where(f.span), "source": f.source.text if f.source else None}
                    for f in report.figures],
        "tables": [{"number": t.number, "title": written(t.title, t.span.line), **_where(t.span), "rows": [row.cells for row in t.rows],
                    "source": t.source.text if t.source else None} for t in report.tables],
        "cases": [{"number": c.number, "title": written(c.title, c.span.line), **_where(c.span), "end_line": c.span.end_line} for c in report.cases],
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
