"""Check results as text: ruff-like, one line per finding, a summary per file."""

from __future__ import annotations

from ..check import CheckResult
from ..conventions import SEVERITIES, SEVERITY_NAMES
from ..model import Decision
from .decisions import decision_note

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


def framework_said(result: CheckResult) -> str:
    """What a summary says of the framework applied: its name, or that there was none."""
    return f"按{result.framework}检查" if result.framework else "没有适用的框架，只做与年份无关的检查"


def findings_text(results: list[CheckResult], color: bool = False, decisions: dict[str, Decision] | None = None) -> str:
    out: list[str] = []
    totals = dict.fromkeys(SEVERITIES, 0)
    given, decisions = decisions is not None, decisions or {}
    for result in results:
        if result.error:
            out.append(f"{result.path}: {'处理失败' if result.internal else '无法读取'}：{result.error.message}")
            continue
        handled = 0
        for f in result.findings:
            where = f"{result.path}:{f.span.line}" + (f" (第{f.span.page}页)" if f.span.page else "")
            severity = SEVERITY_NAMES[f.severity]
            decision = decisions.get(f.fingerprint)
            note = f"（{decision_note(decision)}）" if decision else ""
            handled += bool(decision and decision.handled)
            if color:
                style = "dim" if decision and decision.handled else COLORS[f.severity]
                out.append(f"[bold]{_escape(where)}[/]: [{style}]{f.code} {severity}[/] {_escape(f.shown)}{_escape(note)}")
            else:
                out.append(f"{where}: {f.code} {severity} {f.shown}{note}")
        counts = {s: result.count(s) for s in totals}
        for s in totals:
            totals[s] += counts[s]
        dims = "，".join(f"{name} {value:g}" for name, value in result.dimensions.items())
        framework = framework_said(result)
        settled = f"（其中 {handled} 个已处理）" if given else ""
        out.append(f"{result.path}: {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示{settled}；"
                   f"得分 {result.score:g}（{dims}）；{framework}")
        out.append("")
    if len(results) > 1:
        out.append(f"共 {len(results)} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，{totals['info']} 个提示。")
    return "\n".join(out).rstrip() + "\n"
