"""``nianbao check`` / ``rules`` / ``explain``: the compliance checker on the command line."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..conventions import REPORT_KINDS, REPORT_LEVELS, SEVERITY_NAMES
from ..errors import InputError, unwritable
from .app import (
    EXIT_CODES_HELP,
    EXIT_FINDINGS,
    EXIT_OK,
    OcrProgress,
    change_ratio_given,
    command,
    console,
    exit_code,
    fail,
    report_input_error,
    write_output,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    html = "html"


def _codes(values: list[str] | None) -> list[str]:
    return [code.strip() for value in values or [] for code in value.split(",") if code.strip()]


@command("check", help="检查年报的合规性（结构、目录、编号、引用、计算、一致性、缺数、日期），给出定位到行的问题与得分。"
                       "一个文件读不了或出错时，其余文件照常检查。\n\n" + EXIT_CODES_HELP)
def check_command(
    files: list[Path] = typer.Argument(..., help="一个或多个年报文件或文件夹（文件夹递归查找 .txt/.md/.pdf/.docx）",
                                       show_default=False, metavar="文件或文件夹..."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="输出格式：text、json、sarif 或 html"),
    output: str = typer.Option(None, "--output", "-o", help="写入文件而不是打印到屏幕", metavar="路径"),
    select: list[str] = typer.Option(None, "--select", help="只检查这些规则（代码或前缀，逗号分隔，如 A,N301）", metavar="代码"),
    ignore: list[str] = typer.Option(None, "--ignore", help="不检查这些规则（代码或前缀，逗号分隔）", metavar="代码"),
    level: str = typer.Option(None, "--level", help="按哪一层次的框架检查：高职、中职 或 本科（默认从报告识别）", metavar="层次"),
    year: int = typer.Option(None, "--year", help="报告年度，按该年度的框架检查（默认从报告识别）", metavar="年度"),
    kind: str = typer.Option(None, "--kind", help="报告类型：学校、地市级、省级 或 企业（默认从报告识别）", metavar="类型"),
    decisions_file: Path = typer.Option(None, "--decisions", help="决定文件（网页整改台账导出，或 check --format json 的输出）："
                                        "其中已处理的问题标为“已处理”，不再计入退出码", metavar="文件"),
    prior_file: Path = typer.Option(None, "--prior", help="同一学校上一年度的年报：逐项比较指标，变化超过比例的列为 V110",
                                    metavar="文件"),
    change_ratio: float = typer.Option(None, "--change-ratio",
                                       help="与上年相比变化超过多少算过大（默认 0.5，即 ±50%）", metavar="比例"),
) -> None:
    from .. import lanes
    from ..check import check_path, select_rules, unknown_codes
    from ..output.decisions import load as load_decisions
    from ..readers import SUFFIX_LIST, collect

    decisions = None
    if decisions_file is not None:
        try:
            decisions = load_decisions(decisions_file)
        except InputError as error:
            fail(error)
    chosen, skipped = _codes(select), _codes(ignore)
    unknown = unknown_codes(chosen + skipped)
    if unknown:
        fail(InputError("--select/--ignore", f"没有这些规则代码：{'、'.join(unknown)}。可用 nianbao rules 查看全部规则。"))
    if level is not None and level not in REPORT_LEVELS:
        fail(InputError("--level", f"层次「{level}」无效，只能是 高职、中职 或 本科。"))
    kinds = {name: key for key, name in REPORT_KINDS.items()} | {key: key for key in REPORT_KINDS}
    if kind is not None and kind not in kinds:
        fail(InputError("--kind", f"报告类型「{kind}」无效，只能是 {'、'.join(REPORT_KINDS.values())}。"))
    rules = select_rules(chosen, skipped)
    paths, _ = collect(files)
    if not paths:
        fail(InputError("、".join(map(str, files)), f"这里没有年报文件（{SUFFIX_LIST}）。请检查路径。"))
    if fmt is CheckFormat.html and len(paths) > 1 and not output:
        fail(InputError("--output", f"检查 {len(paths)} 份年报时，HTML 结果是一个总览页加每份报告一页，"
                                    "请用 --output 指定总览页文件，如 -o 检查结果.html。"))
    change_ratio = change_ratio_given(change_ratio)
    prior = _prior(prior_file, paths) if prior_file is not None else None
    on_console = fmt is CheckFormat.text and not output  # the text report already names unreadable files
    results = []
    with OcrProgress() as progress, lanes.enabled():
        for file in paths:
            result = check_path(file, rules, level, year, kinds[kind] if kind else None, prior and prior[1],
                                {} if change_ratio is None else {"change_ratio": change_ratio}, progress.for_file(file))
            if result.error and (not on_console or result.internal):
                report_input_error(result.error)
            if prior and result.report:
                _same_school_earlier(prior[0], result.report, prior_file)
            results.append(result)
    _write(fmt, results, decisions, output)
    if any(r.error for r in results):
        raise typer.Exit(max(exit_code(r.error) for r in results if r.error))
    settled = {fp for fp, d in (decisions or {}).items() if d.handled}
    unsettled = any(f.severity == "error" and f.fingerprint not in settled for r in results for f in r.findings)
    raise typer.Exit(EXIT_FINDINGS if unsettled else EXIT_OK)


def _write(fmt: CheckFormat, results, decisions, output: str | None) -> None:
    """The results in the chosen format (each writer imported only when chosen: HTML needs Jinja2)."""
    if fmt is CheckFormat.json:
        from ..output.findings_json import findings_json

        write_output(findings_json(results, decisions), output)
    elif fmt is CheckFormat.sarif:
        from ..output.findings_sarif import findings_sarif

        write_output(findings_sarif(results), output)
    elif fmt is CheckFormat.html and len(results) > 1:
        _html_site(results, Path(output))
    elif fmt is CheckFormat.html:
        from ..output.findings_html import findings_html

        write_output(findings_html(results), output)
    else:
        from ..output.findings_text import findings_text

        text = findings_text(results, decisions=decisions)
        if output:
            write_output(text.plain, output)
        else:
            console.print(text, end="")


def _html_site(results, overview: Path) -> None:
    from ..output.findings_html import findings_site, report_folder

    try:
        findings_site(results, overview)
    except OSError as exc:
        fail(unwritable(overview, exc))
    console.print(f"总览：{overview}；每份报告的检查结果：{report_folder(overview)}")


def _prior(path: Path, paths: list[Path]):
    """The prior year's report and its headline values, for a check of one report."""
    from ..indicators.changes import headline_values
    from ..parse import parse_file

    if len(paths) != 1:
        fail(InputError("--prior", f"--prior 只能与一份年报一起使用（这次给出了 {len(paths)} 份）。请逐校检查。"))
    try:
        report = parse_file(path)
    except InputError as error:
        fail(error)
    return report, headline_values(report)


def _same_school_earlier(prior, report, path: Path) -> None:
    """The prior report must be the same school's and of an earlier year, or the comparison means nothing."""
    before, now = prior.meta, report.meta
    if before.institution and now.institution and before.institution != now.institution:
        fail(InputError(str(path), f"上年报告是「{before.institution}」的，本报告是「{now.institution}」的。"
                                   "--prior 应给出同一学校上一年度的报告。"))
    if before.year and now.year and before.year >= now.year:
        fail(InputError(str(path), f"上年报告的年度（{before.year}年）不早于本报告（{now.year}年）。"
                                   "--prior 应给出同一学校上一年度的报告。"))


UNSCORED = "不计入得分"  # the parser's notes (P0xx) count against no dimension


@command("rules", help="列出全部检查规则（代码、可能报告的级别、维度、名称）；各级别何时报告见 nianbao explain。")
def rules_command() -> None:
    from ..rules.base import all_rules

    for rule in all_rules():
        levels = "/".join(SEVERITY_NAMES[s] for s in rule.severities()) or SEVERITY_NAMES[rule.severity]
        console.print(f"{rule.code}  {levels}  {rule.dimension or UNSCORED}  {rule.name}")


@command("explain", help="显示一条规则的说明、各级别何时报告、反例与正例、如何修改。")
def explain_command(code: str = typer.Argument(..., help="规则代码，如 A601", show_default=False, metavar="代码")) -> None:
    from ..rules.base import REGISTRY, all_rules

    list(all_rules())
    rule = REGISTRY.get(code.strip().upper())
    if rule is None:
        fail(InputError(code, "没有这条规则。可用 nianbao rules 查看全部规则代码。"))
    counted = f"计入「{rule.dimension}」" if rule.dimension else UNSCORED
    console.print(f"{rule.code} {rule.name}（{counted}）\n")
    console.print(rule.doc())
    console.print("\n级别：")
    for severity, when in rule.severities().items():
        console.print(f"  {SEVERITY_NAMES[severity]}：{when}")
    if rule.fix():
        console.print(f"\n修改：{rule.fix()}")
