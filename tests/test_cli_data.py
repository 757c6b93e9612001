"""The data commands end to end: sample → ingest → evaluate → cases, and extract's output formats;
bad input gets exit code 2 and one Chinese line."""

from __future__ import annotations

import csv
import io
import json

from docx import Document as WordDocument
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.store.database import Store
from tests.conftest import seed_path

runner = CliRunner(mix_stderr=False)


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_extract_formats(tmp_path):
    seed = seed_path("000_b5aaa64abcd64692")
    result = invoke("extract", str(seed))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["path"] == str(seed) and data["indicators"]
    first = data["indicators"][0]
    assert {"id", "name", "value", "unit", "line", "page", "evidence"} <= set(first)
    assert isinstance(first["value"], float) and first["line"] > 0
    rows = list(csv.reader(io.StringIO(invoke("extract", str(seed), "--format", "csv").stdout)))
    assert rows[0][:4] == ["指标名称", "数值", "单位", "统计周期"] and len(rows) > len(data["indicators"])
    written = tmp_path / "x.csv"
    assert invoke("extract", str(seed), "-f", "csv", "-o", str(written)).exit_code == 0
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8, not as GBK mojibake
    assert list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig")))) == rows
    out = tmp_path / "x.xlsx"
    assert invoke("extract", str(seed), "-f", "xlsx", "-o", str(out)).exit_code == 0
    sheet = [list(row) for row in load_workbook(out)["指标"].iter_rows(values_only=True)]
    assert len(sheet) == len(rows)
    for table in (rows[1:], sheet[1:]):  # the values a person reads: no True/False, text/table
        cells = {str(cell) for row in table for cell in row[:-1] if cell is not None}
        assert not cells & {"True", "False", "text", "table"}
        assert {row[8] for row in table} <= {"正文", "表格", "附表"} and {row[9] for row in table} <= {"是", "", None}


def test_extract_facts_lists_every_stated_figure_with_chinese_labels(tmp_path):
    seed = seed_path("003_cd509bb85a4891de")
    data = json.loads(invoke("extract", str(seed), "--facts").stdout)
    facts = data["facts"]
    assert {"主题", "数值", "单位", "类型", "来源", "行号", "原文"} <= set(facts[0])
    assert {f["来源"] for f in facts} == {"正文", "表格"}
    assert all(f["类型"] in {"水平值", "变化量", "占比", "名次", "比值"} for f in facts)
    lines = seed.read_text(encoding="utf-8").split("\n")
    # every fact's figure as written stands on its line (digits compared: the text may wrap a number)
    for fact in facts[:: max(1, len(facts) // 40)]:
        digits = "".join(c for c in fact["原文写法"] if c.isdigit())
        assert digits in "".join(c for c in lines[fact["行号"] - 1] if c.isdigit()), fact
    out = tmp_path / "facts.csv"
    assert invoke("extract", str(seed), "--facts", "-f", "csv", "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens a CSV as UTF-8 by its byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "主题" and len(rows) == len(facts) + 1
    book = tmp_path / "facts.xlsx"
    assert invoke("extract", str(seed), "--facts", "-f", "xlsx", "-o", str(book)).exit_code == 0
    assert load_workbook(book)["数据事实"].max_row == len(facts) + 1


def test_extract_bad_input(tmp_path):
    result = invoke("extract", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2 and "文件不存在" in result.stderr
    assert invoke("extract", str(seed_path("000_b5aaa64abcd64692")), "-f", "xlsx").exit_code == 2


def test_sample_ingest_evaluate_cases(tmp_path):
    corpus, db = tmp_path / "corpus", f"sqlite:///{tmp_path / 'c.db'}"
    result = invoke("sample", str(corpus), "--count", "6", "--seed", "2", "--defect-rate", "0", "--formats", "txt,md")
    assert result.exit_code == 0 and (corpus / "manifest.json").exists()
    assert "生成" in result.stderr and "6/6" in result.stderr and "0006.md" in result.stderr  # a progress bar
    result = invoke("ingest", str(corpus), "--db", db, "-j", "2", "--create")
    assert result.exit_code == 0 and "新入库 6 份" in result.stdout
    assert "已在库中跳过 6 份" in invoke("ingest", str(corpus), "--db", db).stdout
    result = invoke("evaluate", "--db", db, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0 and (tmp_path / "out" / "index.html").exists()
    result = invoke("cases", "search", "推动高质量发展", "--db", db)
    assert result.exit_code == 0 and "共" in result.stdout
    everything = Store(db).count_cases("推动高质量发展")
    assert everything > 2
    two = invoke("cases", "search", "推动高质量发展", "--db", db, "-n", "2")
    assert f"共 {everything} 条，显示前 2 条" in two.stdout  # how many match in all, not how many are shown
    assert invoke("cases", "export", "1", "2", "-o", str(tmp_path / "c.docx"), "--db", db).exit_code == 0
    exported = "\n".join(p.text for p in WordDocument(str(tmp_path / "c.docx")).paragraphs)
    assert "典型案例汇编" in exported and "推动高质量发展" in exported
    assert invoke("cases", "export", "999", "-o", str(tmp_path / "d.docx"), "--db", db).exit_code == 2


def test_ingest_reports_bad_files_with_exit_code_1(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    result = invoke("ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'e.db'}", "--create")
    assert result.exit_code == 1 and "a.txt" in result.stderr and "失败 1 份" in result.stdout


def test_evaluate_empty_database(tmp_path):
    Store(f"sqlite:///{tmp_path / 'empty.db'}")
    result = invoke("evaluate", "--db", f"sqlite:///{tmp_path / 'empty.db'}", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2 and "nianbao ingest" in result.stderr


def test_bad_database_url(tmp_path):
    result = invoke("evaluate", "--db", "nosuchdb://x")
    assert result.exit_code == 2 and "数据库地址" in result.stderr
