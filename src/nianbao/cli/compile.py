"""``nianbao init`` and ``nianbao build``: a school's report as a project that builds and checks itself."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from ..errors import InputError
from .app import EXIT_FINDINGS, command, console, fail


@command("init", help="新建年报编制项目：配置文件、按年度框架生成的章节模板、各部门数据填报工作簿。")
def init_command(
    directory: Path = typer.Argument(..., help="项目文件夹（不存在会自动创建）", metavar="文件夹", show_default=False),
    school: str = typer.Option(..., "--school", help="学校全称", metavar="名称", show_default=False),
    level: str = typer.Option(..., "--level", help="办学层次：高职 或 中职", metavar="高职|中职", show_default=False),
    year: int = typer.Option(..., "--year", help="报告年度，例如 2025", metavar="年度", show_default=False),
) -> None:
    from ..compile.scaffold import init_project

    try:
        written = init_project(directory, school, level, year)
    except InputError as error:
        fail(error)
    chapters = [p for p in written if p.suffix == ".md"]
    books = [p for p in written if p.suffix == ".xlsx"]
    console.print(f"已创建年报编制项目：{directory}")
    console.print(f"  配置：{directory / 'nianbao.yaml'}（学校、层次、年度、统计周期、年报公开信息）")
    console.print(f"  章节：{len(chapters)} 个 Markdown 文件（chapters/），每章开头有撰写指引")
    console.print(f"  数据：{len(books)} 个部门工作簿（data/），请各部门在“指标”表的黄色单元格填报")
    console.print(f"下一步：填写数据和章节后运行 nianbao build {directory}")


@command("build", help="编译年报项目为 DOCX/PDF/HTML，并对生成的 PDF 做发布前检查（有错误时退出码为 1，只写出标有“草稿”的 PDF）。")
def build_command(
    directory: Path = typer.Argument(..., help="项目文件夹（含 nianbao.yaml）", metavar="文件夹", show_default=False),
    to: str = typer.Option("docx,pdf,html", "--to", help="输出格式，逗号分隔", metavar="格式"),
    out: Path = typer.Option(None, "--out", help="输出文件夹（默认为项目下的 build/）", metavar="文件夹"),
    force: bool = typer.Option(False, "--force", help="发布前检查发现错误时仍然写出全部文件"),
    draft: bool = typer.Option(False, "--draft", help="草稿：尚未填报或有误的数据先印作【待填】（发布前检查会列出它们）"),
) -> None:
    from ..build import build, parse_formats
    from ..output.gate_text import gate_text

    started = time.perf_counter()
    try:
        result = build(directory, parse_formats(to), out, force, draft)
    except InputError as error:
        fail(error)
    report = result.report
    console.print(f"已编译：{report.meta.title}")
    console.print(f"  {len(report.chapters)} 章，{len(report.figures)} 个图，{len(report.tables)} 个表，"
                  f"{len(report.cases)} 个案例，PDF 共 {result.pages} 页，用时 {time.perf_counter() - started:.1f} 秒")
    if report.pending:
        console.print(f"草稿：以下 {len(report.pending)} 处数据尚未填报或有误，已印作【待填】：")
        for n, line in enumerate(report.pending, 1):
            console.print(f"  {n}. {line}")
    console.print("发布前检查：")
    findings = gate_text(result.gate, "草稿 PDF" if result.draft_pdf else "PDF")
    findings.rstrip()  # in place: rich's Text.rstrip returns None
    console.print(findings)
    for fmt, path in result.outputs.items():
        console.print(f"  {fmt.upper():<4} {path}")
    if "docx" in result.outputs:
        console.print("  DOCX 的目录和图表目录页码" + ("按 LibreOffice 的排版写入" if result.docx_pages_by_office else
                      "取自 PDF 的排版（未找到 LibreOffice）") + "；在 Word 中打开时会提示更新域，选“是”即按 Word 的排版更新。")
    if result.draft_pdf:
        console.print(f"未通过发布前检查，只写出了草稿 PDF（每页标有“草稿 · 未通过发布前检查”）：{result.draft_pdf}")
        console.print("请按上面列出的位置修改章节或工作簿后重新编译；确需写出全部文件可加 --force。")
    if not result.passed:
        raise typer.Exit(EXIT_FINDINGS)
