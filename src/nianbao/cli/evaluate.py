"""``nianbao evaluate``: the regional report out of the database."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import InputError, unwritable
from .app import DB_HELP, change_ratio_given, command, console, fail, open_store


@command("evaluate", help="区域评价：从数据库生成区域报告（HTML 图表 + XLSX）：学校合规性得分与排名、指标中位数与四分位数、每校与上年比较（变化过大的指标）、每校数据反馈页。")
def evaluate_command(
    db: str = typer.Option(None, "--db", help=DB_HELP, metavar="地址"),
    year: int = typer.Option(None, "--year", help="评价年度（默认数据库中最新的年度）", metavar="年度"),
    out: Path = typer.Option(Path("区域评价"), "--out", help="输出文件夹", metavar="文件夹"),
    change_ratio: float = typer.Option(None, "--change-ratio",
                                       help="与本校上年相比变化超过多少算过大（默认 0.5，即 ±50%）", metavar="比例"),
) -> None:
    from ..evaluate.regional import evaluate
    from ..indicators.changes import DEFAULT_CHANGE_RATIO
    from ..output.regional import write_report

    change_ratio = change_ratio_given(change_ratio)
    store = open_store(db)
    result = evaluate(store, year, change_ratio=DEFAULT_CHANGE_RATIO if change_ratio is None else change_ratio)
    if not result.schools:
        fail(InputError(store.url, f"数据库中没有{f'{year}年度的' if year else ''}年报。请先运行 nianbao ingest 文件夹 入库。"))
    try:
        index, workbook = write_report(result, out)
    except OSError as exc:
        fail(unwritable(out, exc, "输出文件夹"))
    flagged = sum(1 for s in result.schools if s.outliers)
    console.print(f"{result.year or ''}年度区域评价：{len(result.schools)} 所学校，{len(result.indicators)} 项指标，"
                  f"{flagged} 所学校有异常指标。")
    compared = [s for s in result.schools if s.prior_year]
    jumps = sum(len(s.jumps) for s in compared)
    if compared:
        ratio = compared[0].change_ratio
        console.print(f"与上年比较：{len(compared)} 所学校有更早年度的报告，{sum(1 for s in compared if s.jumps)} 所学校共 "
                      f"{jumps} 项指标变化超过 ±{ratio:.0%}（请学校更正、确认或说明，见每校反馈页）。")
    console.print(f"报告：{index}\n表格：{workbook}\n每校反馈页：{out / 'schools'}")
