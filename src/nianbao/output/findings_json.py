"""Check results as JSON: the shape of ``nianbao check --format json``."""

from __future__ import annotations

import json

from ..check import CheckResult
from ..conventions import SEVERITIES
from ..model import Decision
from .decisions import decision_note


def findings_json(results: list[CheckResult], decisions: dict[str, Decision] | None = None) -> str:
    """``decisions`` (by fingerprint) add a "decision" note to the findings they cover."""
    decisions = decisions or {}
    files = []
    for result in results:
        entry = {"path": result.path}
        if result.error:
            entry.update({"error": result.error.message, "score": None, "findings": []})
        else:
            entry.update({
                "score": result.score,
                "dimensions": result.dimensions,
                "level": result.level,
                "year": result.year,
                "kind": result.kind,
                "framework": result.framework,
                "counts": {s: result.count(s) for s in SEVERITIES},
                "findings": [{"code": f.code, "severity": f.severity, "message": f.shown, "ocr": f.ocr, "line": f.span.line,
                              "page": f.span.page, "evidence": f.evidence, "dimension": f.dimension,
                              "heading": f.heading, "fingerprint": f.fingerprint,
                              **({"decision": decision_note(decisions[f.fingerprint])} if f.fingerprint in decisions else {})}
                             for f in result.findings],
            })
        files.append(entry)
    return json.dumps({"files": files}, ensure_ascii=False, indent=2)
