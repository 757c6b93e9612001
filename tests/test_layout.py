"""The package's layering: no package imports one that imports it back, and the command line starts
without the heavy libraries (each command imports what it calls)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nianbao

SRC = Path(nianbao.__file__).parent
HEAVY = ("weasyprint", "matplotlib", "alembic", "sqlalchemy", "openpyxl", "pymupdf", "fitz", "docx", "cn2an", "jieba", "pypinyin")


def _unit(module: str) -> str:
    """The top-level package or module of nianbao a dotted name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports() -> dict[str, set[str]]:
    """Package → the sibling packages (or top-level modules) it imports, at any depth of its code."""
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        package = list(parts[:-1])
        source = _unit(".".join(parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                names = [module] + [f"{module}.{alias.name}" for alias in node.names if module == "nianbao"]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                target = _unit(name)
                if name.startswith("nianbao.") and target and target != source and target != "__version__":
                    graph.setdefault(source, set()).add(target)
    return graph


def test_no_package_imports_one_that_imports_it_back():
    graph = _imports()

    def reaches(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    assert graph["cli"] >= {"check", "output", "readers"}  # the graph is really read
    cycles = sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if a in reaches(b)})
    assert cycles == []


def test_the_command_line_starts_without_heavy_libraries():
    code = "import sys, nianbao.cli; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "typer" in loaded
    assert loaded & set(HEAVY) == set()


def test_the_segmenter_loads_only_when_a_spelling_rule_runs():
    """The segmenter (with jieba and pypinyin, when they are needed) is loaded by the spelling family when it
    runs, not by the other families."""
    code = ("import sys; from nianbao.check import check_report, select_rules; from nianbao.parse import parse_file; "
            "r = parse_file(sys.argv[1]); check_report(r, select_rules(sys.argv[2].split(','))); "
            "print(' '.join(sorted(sys.modules)))")
    sample = str(SRC.parents[1] / "examples" / "sample-report.txt")

    def loaded(codes: str) -> set[str]:
        return set(subprocess.run([sys.executable, "-c", code, sample, codes], capture_output=True, text=True,
                                  check=True).stdout.split())

    others = loaded("A,K,D,S,C,N,R,M,V")
    assert {"jieba", "pypinyin"} & {name.split(".")[0] for name in others} == set() and "nianbao.segmenter" not in others
    assert "nianbao.segmenter" in loaded("T9")


def test_a_check_of_a_text_layer_pdf_loads_only_what_it_uses(tmp_path):
    """`nianbao check x.pdf --format json` needs no HTML templates, charts, database, workbook, DOCX
    reader, OCR engine, cn2an (its common numerals are read without it) or rich (it prints no styled text)."""
    import pymupdf

    pdf = tmp_path / "probe.pdf"
    with pymupdf.open() as document:
        page = document.new_page()
        page.insert_text((72, 72), "一、学校概况\n全校共有专业二十四个，在校生三千零五人。", fontname="china-s")
        document.save(pdf)
    code = ("import sys; from nianbao.cli import main; sys.argv = ['nianbao', 'check', sys.argv[1], '--format', 'json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True)
    loaded = set(done.stderr.split())
    assert "pymupdf" in loaded and '"findings"' in done.stdout
    assert loaded & {"jinja2", "weasyprint", "matplotlib", "sqlalchemy", "openpyxl", "docx", "rapidocr", "onnxruntime",
                     "cn2an", "rich"} == set()
