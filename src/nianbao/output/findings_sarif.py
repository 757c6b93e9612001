"""Check results as SARIF 2.1.0 (for code-scanning tools and CI annotations)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..check import CheckResult
from ..rules.base import all_rules

SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def findings_sarif(results: list[CheckResult]) -> str:
    rules = list(all_rules())
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_rules = [{
        "id": rule.code,
        "name": rule.__name__,
        "shortDescription": {"text": rule.name},
        "fullDescription": {"text": rule.doc().splitlines()[0] if rule.doc() else rule.name},
        "help": {"text": rule.doc()},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "properties": {"dimension": rule.dimension},
    } for rule in rules]
    sarif_results = []
    notifications = []
    for result in results:
        uri = Path(result.path).as_posix()
        if result.error:
            notifications.append({"level": "error", "message": {"text": result.error.message},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
            continue
        for f in result.findings:
            region = {"startLine": f.span.line}
            if f.evidence:
                region["snippet"] = {"text": f.evidence}
            item = {
                "ruleId": f.code,
                "ruleIndex": index.get(f.code, -1),
                "level": SARIF_LEVELS[f.severity],
                "message": {"text": f.shown},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
            }
            properties = {"page": f.span.page} if f.span.page else {}
            if f.ocr:
                properties["ocr"] = True
            if properties:
                item["properties"] = properties
            if item["ruleIndex"] < 0:
                del item["ruleIndex"]
            sarif_results.append(item)
    run = {
        "tool": {"driver": {"name": "nianbao", "version": __version__, "rules": sarif_rules}},
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
