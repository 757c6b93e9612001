"""The review workflow end to end on SQLite and on PostgreSQL: a school uploads, the worker reads,
checks and extracts; the school answers findings; a corrected re-upload keeps the decisions (and a
fixed finding leaves the ledger as resolved); the submission's state machine is enforced; the
reviewer judges; the decisions travel to next year's report and to ``nianbao check``; the ledger
exports to XLSX; the dashboard ranks ties together."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.cli import app as cli
from nianbao.store import accounts as store_accounts
from nianbao.store import reviews
from nianbao.store.database import Store
from tests.postgres import empty_store, postgres_url  # noqa: F401  (fixture)
from tests.web_helpers import LOST_NUMBER, WRONG_TOTAL, flawed_score, flawed_text, province, sample_text, upload, upload_ids


@pytest.fixture(params=["sqlite", "postgresql"])
def p(request, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'w.db'}") if request.param == "sqlite" else empty_store(
        request.getfixturevalue("postgres_url"))
    return province(store, tmp_path / "files")


def _findings_on_page(html: str) -> dict[str, tuple[str, str]]:
    """code → (fingerprint, status) as the annotated report lists them."""
    found = {}
    for item in re.finditer(r'<li id="f-\d+" class="finding[^"]*"[^>]*data-status="([^"]*)" data-fingerprint="([^"]+)">\s*'
                            r'<div class="head"><b>(\w+)</b>', html):
        found[item.group(3)] = (item.group(2), item.group(1))
    return found


def _latest(client, school) -> str:
    return upload_ids(client.get(f"/schools/{school.public_id}").text)[0]


def test_submit_answer_reupload_review_and_carry_over(p, tmp_path):
    school = p.schools["A"]
    a, east, west = p.client("school-a"), p.client("east"), p.client("west")
    assert upload(a, school, "青岚2025年报.txt", flawed_text()).status_code == 303
    first = _latest(a, school)
    assert a.get(f"/uploads/{first}/status").json()["status"] == "queued"
    assert p.process() == 1
    status = a.get(f"/uploads/{first}/status").json()
    assert status["status"] == "done" and status["progress"] == 100
    page = a.get(f"/schools/{school.public_id}").text
    assert f'id="score">{flawed_score()}<' in page and "毕业去向落实率" in page  # score and extracted indicators
    annotated = a.get(f"/reports/{first}").text
    findings = _findings_on_page(annotated)
    assert {"A601", "M501"} <= set(findings) and findings["A601"][1] == "待答复"
    # A text report is shown as its lines, the finding marked on its own line with a link to the list.
    assert re.search(r'<li value="235" id="line-235" class="marked">合计\t7\t10\t14\t32 <a class="tag sev-error" '
                     r'href="#f-\d+" data-finding="\d+">A601</a>', annotated)

    for code, answer, why in (("A601", "explained", "合计含校级竞赛，口径见表注"), ("M501", "fixed", "")):
        response = a.post(f"/reports/{first}/answer", data={"csrf": a.csrf, "fingerprint": findings[code][0],
                                                            "answer": answer, "explanation": why})
        assert response.status_code == 303
    assert a.post(f"/reports/{first}/answer", data={"csrf": a.csrf, "fingerprint": findings["A601"][0],
                                                    "answer": "explained", "explanation": ""}).status_code == 400

    # A corrected file: the lost number restored, lines added in another chapter (every line shifts).
    upload(a, school, "青岚2025年报-修改.txt", sample_text(WRONG_TOTAL, prepend_to="前言", lines=6))
    p.process()
    second = _latest(a, school)
    assert second != first
    again = _findings_on_page(a.get(f"/reports/{second}").text)
    assert again["A601"] == (findings["A601"][0], "待审核") and "M501" not in again
    ledger = a.get(f"/schools/{school.public_id}/ledger").text
    assert "问题已消除" in ledger and "合计含校级竞赛" in ledger

    # The state machine: submit; locked; another city cannot judge; returned; resubmitted; approved.
    assert west.post(f"/schools/{school.public_id}/review", data={"csrf": west.csrf, "action": "approve"}).status_code == 404
    assert east.post(f"/schools/{school.public_id}/review", data={"csrf": east.csrf, "action": "approve"}).status_code == 409
    assert a.post(f"/schools/{school.public_id}/submit", data={"csrf": a.csrf}).status_code == 303
    assert 'class="state state-submitted">已提交' in a.get(f"/schools/{school.public_id}").text
    assert upload(a, school, "again.txt", flawed_text()).status_code == 409
    assert a.post(f"/reports/{second}/answer", data={"csrf": a.csrf, "fingerprint": findings["A601"][0],
                                                     "answer": "fixed"}).status_code == 409
    assert a.post(f"/schools/{school.public_id}/submit", data={"csrf": a.csrf}).status_code == 409
    assert east.post(f"/schools/{school.public_id}/review",
                     data={"csrf": east.csrf, "action": "return", "note": "请补充表注"}).status_code == 303
    assert "请补充表注" in a.get(f"/schools/{school.public_id}").text
    assert a.post(f"/schools/{school.public_id}/submit", data={"csrf": a.csrf}).status_code == 303

    decision = reviews.decisions(p.store, {school.id})[(school.id, findings["A601"][0])]
    assert east.post(f"/decisions/{decision.public_id}/review",
                     data={"csrf": east.csrf, "verdict": "accepted", "back": f"/reports/{second}"}).status_code == 303
    assert east.post(f"/schools/{school.public_id}/review", data={"csrf": east.csrf, "action": "approve"}).status_code == 303
    assert reviews.submission(p.store, school.id, 2025).state == "approved"
    assert east.post(f"/schools/{school.public_id}/review", data={"csrf": east.csrf, "action": "return"}).status_code == 409

    # Offline: the exported decisions file settles the accepted finding in `nianbao check`.
    exported = a.get(f"/schools/{school.public_id}/decisions.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
    decisions_file = tmp_path / "decisions.json"
    decisions_file.write_bytes(exported.content)
    report = tmp_path / "修改稿.txt"
    report.write_text(sample_text(WRONG_TOTAL, prepend_to="前言", lines=9), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(report), "--decisions", str(decisions_file)])
    assert result.exit_code == 0 and "已处理：说明理由，已接受" in result.output

    # Next year: the same finding in the new report comes with last year's decision.
    store_accounts.set_setting(p.store, "year", "2026")
    upload(a, school, "青岚2026年报.txt", sample_text(WRONG_TOTAL).replace("2025", "2026"))
    p.process()
    next_year = _findings_on_page(a.get(f"/reports/{_latest(a, school)}").text)
    assert next_year["A601"] == (findings["A601"][0], "已接受")


def test_ledger_xlsx_has_chinese_headers_widths_and_filters(p):
    a = p.client("school-a")
    upload(a, p.schools["A"], "a.txt", flawed_text())
    b = p.client("school-b")
    upload(b, p.schools["B"], "b.txt", sample_text(LOST_NUMBER).replace("青岚职业技术学院", "北渚职业学院"))
    p.process()
    book = load_workbook(io.BytesIO(p.client("province").get("/region/ledger.xlsx").content))
    sheet = book["整改台账"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["学校", "规则", "问题类别", "级别"] and "审核结果" in header
    assert sheet.auto_filter.ref and sheet.column_dimensions["H"].width == 50
    schools = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert schools == {"青岚职业技术学院", "北渚职业学院"}
    city = load_workbook(io.BytesIO(p.client("east").get("/region/ledger.xlsx").content))["整改台账"]
    assert {row[0] for row in city.iter_rows(min_row=2, values_only=True)} == {"青岚职业技术学院"}


def test_dashboard_ranks_ties_together_and_shows_status(p):
    a, b = p.client("school-a"), p.client("school-b")
    upload(a, p.schools["A"], "a.txt", flawed_text())
    upload(b, p.schools["B"], "b.txt", flawed_text().replace("青岚职业技术学院", "北渚职业学院"))
    p.process()
    a.post(f"/schools/{p.schools['A'].public_id}/submit", data={"csrf": a.csrf})
    html = p.client("province").get("/region").text
    rows = re.findall(r'<tr data-school="[^"]+"><td>(\d*)</td>\s*<td class="t"><a [^>]*>([^<]+)</a>.*?'
                      r'class="state state-(\w+)">', html, re.S)
    assert sorted(rows) == [("1", "北渚职业学院", "draft"), ("1", "青岚职业技术学院", "submitted")]
    feedback = a.get(f"/schools/{p.schools['A'].public_id}/feedback").text
    assert "指标与同层次学校比较" in feedback and "全区排名 1/2" in feedback
    cases = p.client("province").get("/region/cases?q=思政").text
    ids = re.findall(r'name="id" value="(\d+)"', cases)
    assert ids
    docx = p.client("province").get("/region/cases.docx?" + "&".join(f"id={i}" for i in ids))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert re.findall(r'name="id"', p.client("east").get("/region/cases?q=思政").text).__len__() * 2 == len(ids)


def test_a_failed_file_and_an_interrupted_job(p):
    a = p.client("school-a")
    upload(a, p.schools["A"], "empty-ish.txt", "\n\n")
    (upload_id,) = upload_ids(a.get(f"/schools/{p.schools['A'].public_id}").text)
    job = reviews.claim_job(p.store)
    assert job.public_id == upload_id
    assert reviews.requeue_interrupted(p.store) == 1  # what a restarted service does first
    p.process()
    status = a.get(f"/uploads/{upload_id}/status").json()
    assert status["status"] == "failed" and status["error"]
    assert "处理失败" in a.get(f"/schools/{p.schools['A'].public_id}").text
    assert json.loads(a.get(f"/uploads/{upload_id}/status").text)["report"] is None


def test_a_docx_report_is_shown_as_its_text_with_findings_on_their_lines(p, tmp_path):
    from tests.render import cached, render_docx

    source = tmp_path / "flawed.txt"
    source.write_text(flawed_text(), encoding="utf-8")
    a = p.client("school-a")
    upload(a, p.schools["A"], "年报.docx", cached(source, "docx", render_docx).read_bytes())
    p.process()
    upload_id = _latest(a, p.schools["A"])
    html = a.get(f"/reports/{upload_id}").text
    findings = _findings_on_page(html)
    assert {"A601", "M501"} <= set(findings)
    assert "/pages/" not in html  # no page images for Word files
    marked = re.findall(r'<li value="(\d+)" id="line-\d+" class="marked">([^<]*)<a class="tag[^>]*>(\w+)</a>', html)
    assert any(code == "A601" and "32" in text for _, text, code in marked)


def test_the_worker_refreshes_the_figures_a_dashboard_asked_for(p):
    a, b, reviewer = p.client("school-a"), p.client("school-b"), p.client("province")
    upload(a, p.schools["A"], "a.txt", flawed_text())
    p.process()
    assert "北渚职业学院" in reviewer.get("/region").text
    upload(b, p.schools["B"], "b.txt", sample_text(WRONG_TOTAL).replace("青岚职业技术学院", "北渚职业学院"))
    p.process()
    version = reviews.data_version(p.store)
    cache = p.app.state.service.cache
    fresh = [value for key, value in cache.items() if key[0] == "evaluate" and key[-1] == version]
    assert fresh and {s.name for s in fresh[0].schools} == {"青岚职业技术学院", "北渚职业学院"}


def test_trends_appear_once_a_second_year_is_stored(p):
    a = p.client("school-a")
    upload(a, p.schools["A"], "2025.txt", flawed_text())
    p.process()
    reviewer = p.client("province")
    assert "积累多个年度后显示趋势" in reviewer.get("/region").text
    store_accounts.set_setting(p.store, "year", "2026")
    upload(a, p.schools["A"], "2026.txt", sample_text(WRONG_TOTAL).replace("2025", "2026"))
    p.process()
    score_2026 = re.search(r'id="score">([\d.]+)<', a.get(f"/schools/{p.schools['A'].public_id}").text).group(1)
    html = reviewer.get("/region").text
    trend = re.search(r"<h2>三、历年趋势</h2>(.*)", html, re.S).group(1)
    assert re.findall(r"<tr><td>(\d{4})</td><td>1</td><td>([\d.]+)</td></tr>", trend) == [("2025", flawed_score()), ("2026", score_2026)]


def test_the_demo_region_is_processed_with_an_account_per_role(tmp_path):
    """What ``nianbao serve --demo`` fills an empty database with: processed reports of fictitious
    schools in a region and accounts that can log in (untested, its import broke unseen in a merge)."""
    from fastapi.testclient import TestClient

    from nianbao.store import ROLES
    from nianbao.web.app import create_app
    from nianbao.web.demo import seed
    from tests.web_helpers import login

    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    app = create_app(store, tmp_path / "files", background=False)
    accounts = seed(app.state.service, count=3)
    assert {role for role, *_ in accounts} == set(ROLES.values())
    password = {username: secret for _, username, secret, _ in accounts}
    schools = store_accounts.schools(store)
    assert schools and all(store_accounts.school(store, school_id=s.id).region for s in schools)
    reviewer = TestClient(app, follow_redirects=False)
    assert login(reviewer, "shenhe", password["shenhe"]).status_code == 303
    dashboard = reviewer.get("/region")
    assert dashboard.status_code == 200 and dashboard.text.count("<tr data-school") == len(schools)
    clerk = TestClient(app, follow_redirects=False)
    assert login(clerk, "xuexiao1", password["xuexiao1"]).status_code == 303
    school = next(s for s in schools if s.name == next(label for _, name, _, label in accounts if name == "xuexiao1"))
    report = re.search(r'href="(/reports/[^"#]+)"', clerk.get(f"/schools/{school.public_id}").text).group(1)
    assert 'class="finding' in clerk.get(report).text  # the demo accounts get reports with findings
