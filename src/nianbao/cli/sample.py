"""``nianbao sample``: a synthetic corpus of fictitious schools' reports with a defect manifest."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import InputError, unwritable
from ..sample import FORMATS, MANIFEST, STANDARD
from .app import command, console, error_console, fail


@command("sample", help="生成虚构学校的质量年报样本（高职/中职，txt/md/docx/pdf），并写出注入缺陷清单 manifest.json。")
def sample_command(
    outdir: Path = typer.Argument(..., help="输出文件夹", show_default=False, metavar="文件夹"),
    count: int = typer.Option(10, "--count", "-n", min=1, help="生成份数"),
    seed: int = typer.Option(0, "--seed", help="随机种子（相同种子生成相同样本）"),
    defect_rate: float = typer.Option(0.2, "--defect-rate", min=0.0, max=1.0, help="注入缺陷的报告比例（0–1）"),
    formats: str = typer.Option(",".join(FORMATS), "--formats", help="文件格式，逗号分隔：txt,md,docx,pdf"),
    forms: str = typer.Option(STANDARD, "--forms", help="报告形式，逗号分隔、轮流生成：standard（2025年学校年报）、"
                              "scorecard2017（2017年中职）、city（地市级）、web（网页转载）、traditional（繁体）、"
                              "runin（标题与正文同行）、decimal（1.1 式编号）；all 为全部"),
) -> None:
    from ..sample.corpus import generate
    from ..sample.forms import FORMS

    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        fail(InputError(formats, f"不支持的格式 {'、'.join(unknown) or '（空）'}。可选：{'、'.join(FORMATS)}。"))
    known = (STANDARD, *FORMS)
    picked = known if forms.strip().lower() == "all" else tuple(f.strip().lower() for f in forms.split(",") if f.strip())
    wrong = [f for f in picked if f not in known]
    if wrong or not picked:
        fail(InputError(forms, f"不支持的报告形式 {'、'.join(wrong) or '（空）'}。可选：{'、'.join(known)}、all。"))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("生成"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("剩余"),
               TimeRemainingColumn(), TextColumn("{task.fields[file]}", markup=False))
    try:
        with Progress(*columns, console=error_console.rich(), transient=False) as progress:
            task = progress.add_task("sample", total=count, file="")
            manifest = generate(outdir, count, seed, defect_rate, chosen, forms=picked,
                                progress=lambda name: progress.update(task, advance=1, file=name))
    except OSError as exc:
        fail(unwritable(outdir, exc, "输出文件夹"))
    defective = sum(1 for entry in manifest["reports"] if entry["defects"])
    console.print(f"已生成 {count} 份样本年报到 {outdir}（其中 {defective} 份注入了缺陷），清单：{outdir / MANIFEST}")
