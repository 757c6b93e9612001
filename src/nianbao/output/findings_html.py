"""Check results as one self-contained HTML page: the report's text with each finding marked at
its line, a side list to jump between findings, the score per dimension."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from ..check import CheckResult
from ..conventions import SEVERITIES, SEVERITY_NAMES

_ENV = Environment(loader=PackageLoader("nianbao.output", "templates"), autoescape=select_autoescape(["html", "j2"]),
                   trim_blocks=True, lstrip_blocks=True)


def _file_view(index: int, result: CheckResult) -> dict:
    by_line: dict[int, list] = {}
    for number, finding in enumerate(result.findings):
        by_line.setdefault(finding.span.line, []).append((number, finding))
    lines = []
    if result.report is not None:
        for line in result.report.document.lines:
            found = by_line.get(line.number, [])
            worst = min((f.severity for _, f in found), key=SEVERITIES.index, default="")
            lines.append({"number": line.number, "text": line.text, "page": result.report.page_of(line.number), "findings": found, "worst": worst})
    return {"id": f"f{index}", "result": result, "lines": lines}


def findings_html(results: list[CheckResult]) -> str:
    template = _ENV.get_template("findings.html.j2")
    return template.render(files=[_file_view(i, r) for i, r in enumerate(results)], severity_names=SEVERITY_NAMES)
