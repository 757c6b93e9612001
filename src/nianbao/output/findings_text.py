"""Check results as text: ruff-like, one line per finding, a summary per file."""

from __future__ import annotations

from ..check import CheckResult
from ..conventions import SEVERITIES, SEVERITY_NAMES

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


def findings_text(results: list[CheckResult], color: bool = False) -> str:
    out: list[str] = []
    totals = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        if result.error:
            out.append(f"{result.path}: {'处理失败' if result.internal else '无法读取'}：{result.error.message}")
            continue
        for f in result.findings:
            where = f"{result.path}:{f.span.line}" + (f" (第{f.span.page}页)" if f.span.page else "")
            severity = SEVERITY_NAMES[f.severity]
            if color:
                out.append(f"[bold]{_escape(where)}[/]: [{COLORS[f.severity]}]{f.code} {severity}[/] {_escape(f.shown)}")
            else:
                out.append(f"{where}: {f.code} {severity} {f.shown}")
        counts = {s: result.count(s) for s in totals}
        for s in totals:
            totals[s] += counts[s]
        dims = "，".join(f"{name} {value:g}" for name, value in result.dimensions.items())
        framework = f"按 {result.level} {result.year or ''} 框架检查" if result.level else "未识别报告层次"
        out.append(f"{result.path}: {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示；"
                   f"得分 {result.score:g}（{dims}）；{framework.replace('  ', ' ')}")
        out.append("")
    if len(results) > 1:
        out.append(f"共 {len(results)} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，{totals['info']} 个提示。")
    return "\n".join(out).rstrip() + "\n"

