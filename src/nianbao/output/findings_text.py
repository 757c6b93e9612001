"""Check results as text: ruff-like, one line per finding, a summary per file. A rich Text (styles as
spans, never markup: a file name or evidence holding "[/]" prints as written); ``.plain`` for a file."""

from __future__ import annotations

from rich.text import Text

from ..check import CheckResult
from ..conventions import SEVERITIES, SEVERITY_NAMES
from ..model import Decision
from .decisions import decision_note

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def framework_said(result: CheckResult) -> str:
    """What a summary says of the framework applied: its name, or that there was none."""
    return f"按{result.framework}检查" if result.framework else "没有适用的框架，只做与年份无关的检查"


def findings_text(results: list[CheckResult], decisions: dict[str, Decision] | None = None) -> Text:
    out: list[Text] = []
    totals = dict.fromkeys(SEVERITIES, 0)
    given, decisions = decisions is not None, decisions or {}
    for result in results:
        if result.error:
            out.append(Text(f"{result.path}: {'处理失败' if result.internal else '无法读取'}：{result.error.message}"))
            continue
        handled = 0
        for f in result.findings:
            where = f"{result.path}:{f.span.line}" + (f" (第{f.span.page}页)" if f.span.page else "")
            severity = SEVERITY_NAMES[f.severity]
            decision = decisions.get(f.fingerprint)
            note = f"（{decision_note(decision)}）" if decision else ""
            handled += bool(decision and decision.handled)
            style = "dim" if decision and decision.handled else COLORS[f.severity]
            out.append(Text.assemble((where, "bold"), ": ", (f"{f.code} {severity}", style), f" {f.shown}{note}"))
        counts = {s: result.count(s) for s in totals}
        for s in totals:
            totals[s] += counts[s]
        dims = "，".join(f"{name} {value:g}" for name, value in result.dimensions.items())
        framework = framework_said(result)
        settled = f"（其中 {handled} 个已处理）" if given else ""
        out.append(Text(f"{result.path}: {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示{settled}；"
                   f"得分 {result.score:g}（{dims}）；{framework}"))
        out.append(Text())
    if len(results) > 1:
        out.append(Text(f"共 {len(results)} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，{totals['info']} 个提示。"))
    text = Text("\n").join(out)
    text.rstrip()
    return text + "\n"
