"""Check results as self-contained HTML: per report a page of its text with each finding marked at
its line, a side list to jump between findings, the score per dimension; for several reports an
overview page (file, school, score, errors and warnings, link) and one such page per report."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from ..check import CheckResult
from ..conventions import SEVERITIES, SEVERITY_NAMES
from ..filenames import distinct_names, inside

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


def findings_html(results: list[CheckResult], back: str | None = None) -> str:
    """One page with every result; ``back`` links to an overview."""
    template = _ENV.get_template("findings.html.j2")
    return template.render(files=[_file_view(i, r) for i, r in enumerate(results)], severity_names=SEVERITY_NAMES,
                           back=back)


def report_folder(overview: Path) -> Path:
    """Where the pages of the reports go: beside the overview, named after it (检查结果.html → 检查结果-各报告)."""
    return overview.parent / f"{overview.stem}-各报告"


def findings_site(results: list[CheckResult], overview: Path) -> Path:
    """The overview page at ``overview`` and one page per report in ``report_folder(overview)``
    (named after the report file, made safe; the same name twice is numbered)."""
    folder = report_folder(overview)
    folder.mkdir(parents=True, exist_ok=True)
    names = distinct_names((Path(r.path).name for r in results), ".html", "报告")
    rows = []
    for result, name in zip(results, names):
        inside(folder, name).write_text(findings_html([result], back=f"../{quote(overview.name)}"), encoding="utf-8")
        meta = result.report.meta if result.report else None
        rows.append({"result": result, "href": f"{quote(folder.name)}/{quote(name)}",
                     "school": (meta.institution or meta.region or meta.enterprise or "") if meta else ""})
    page = _ENV.get_template("findings_overview.html.j2").render(
        rows=rows, **{key: sum(r.count(severity) for r in results)
                      for key, severity in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))})
    overview.write_text(page, encoding="utf-8")
    return overview
