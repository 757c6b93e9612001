"""The security checklist of the web service: markup from reports and file names escaped, session
fixation, upload names never used as paths, the size cap, content sniffing, rate-limited login,
cookie flags, passwords never logged, no open redirect after login."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

import pytest

from nianbao.errors import InputError
from nianbao.readers import read
from nianbao.store import accounts as store_accounts
from nianbao.store import reviews
from nianbao.store.database import Store
from nianbao.web import auth
from tests.web_helpers import PASSWORD, flawed_text, form_csrf, login, province, upload, upload_ids

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def p(tmp_path):
    return province(Store(f"sqlite:///{tmp_path / 'w.db'}"), tmp_path / "files", max_upload=200_000)


def test_markup_in_a_report_its_headings_and_its_file_name_is_escaped(p):
    a = p.client("school-a")
    text = flawed_text().replace("（一）立德树人", f"（一）立德树人{SCRIPT}").replace("青岚职业技术学院是", f"{SCRIPT}青岚职业技术学院是", 1)
    text = text.replace("竞赛 项", "竞赛 项<img src=x onerror=alert(1)>")
    upload(a, p.schools["A"], "<img src=x onerror=alert(1)><b>年报.txt", text)
    p.process()
    school_page = a.get(f"/schools/{p.schools['A'].public_id}").text
    (upload_id,) = upload_ids(school_page)
    pages = [school_page, a.get(f"/reports/{upload_id}").text, a.get(f"/schools/{p.schools['A'].public_id}/ledger").text,
             p.client("east").get("/region").text]
    for html in pages:
        assert SCRIPT not in html and "<img src=x" not in html
    report_page = pages[1]
    assert "&lt;script&gt;alert(" in report_page  # the text is shown, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in report_page
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;年报.txt" in school_page  # the file name too
    assert "script-src 'self'" in a.get(f"/reports/{upload_id}").headers["content-security-policy"]


def test_login_issues_a_new_session_and_ends_the_old_one(p):
    client = p.client()
    login(client, "school-a")
    first = client.cookies.get(auth.SESSION_COOKIE)
    login(client, "school-a")
    second = client.cookies.get(auth.SESSION_COOKIE)
    assert first and second and first != second
    stale = p.client()
    stale.cookies.set(auth.SESSION_COOKIE, first, domain="testserver.local")
    assert stale.get("/account").status_code == 401
    planted = p.client()
    planted.cookies.set(auth.SESSION_COOKIE, "attacker-chosen-value", domain="testserver.local")
    login(planted, "school-a")
    assert planted.cookies.get(auth.SESSION_COOKIE) != "attacker-chosen-value"


def test_logout_ends_the_session(p):
    client = p.client("school-a")
    token = client.cookies.get(auth.SESSION_COOKIE)
    assert client.post("/logout", data={"csrf": client.csrf}).status_code == 303
    replay = p.client()
    replay.cookies.set(auth.SESSION_COOKIE, token, domain="testserver.local")
    assert replay.get("/account").status_code == 401


def test_cookie_flags_and_secure_behind_https(p):
    plain = p.client()
    page = plain.get("/login")
    response = plain.post("/login", data={"username": "school-a", "password": PASSWORD, "csrf": form_csrf(page.text)})
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie.split(",")[0]
    secure = p.client(base_url="https://testserver")
    page = secure.get("/login")
    response = secure.post("/login", data={"username": "school-a", "password": PASSWORD, "csrf": form_csrf(page.text)})
    assert "Secure" in response.headers["set-cookie"]


def test_upload_names_are_never_paths(p):
    a = p.client("school-a")
    response = upload(a, p.schools["A"], "../../../../etc/evil.txt", flawed_text())
    assert response.status_code == 303
    (upload_id,) = upload_ids(a.get(f"/schools/{p.schools['A'].public_id}").text)
    stored = reviews.upload(p.store, public_id=upload_id)
    assert stored.filename == "evil.txt"
    assert re.fullmatch(r"[0-9a-f]{32}\.txt", stored.stored_name)
    assert [f.name for f in p.app.state.service.upload_dir.iterdir()] == [stored.stored_name]


def test_download_names_made_from_school_names_are_safe_file_names(p):
    """A school or region name is typed by an administrator: a download named after it is one safe
    file name (no folder separator even percent-encoded, no characters Windows refuses)."""
    school = store_accounts.upsert_school(p.store, '东/西"职业"学院:分院', "高职", p.regions["east"].id)
    response = p.client("east").get(f"/schools/{school.public_id}/ledger.xlsx")
    assert response.status_code == 200
    header = response.headers["content-disposition"]
    assert header.startswith("attachment; filename*=UTF-8''")
    name = unquote(header.split("''", 1)[1])
    assert name == "东-西-职业-学院-分院-2025-整改台账.xlsx"
    assert "/" not in header.split("''", 1)[1]


def test_uploads_over_the_limit_are_refused(p):
    a = p.client("school-a")
    response = upload(a, p.schools["A"], "big.pdf", b"%PDF-1.7\n" + b"0" * 300_000)
    assert response.status_code == 413
    assert "上限" in response.text or "过大" in response.text
    assert list(p.app.state.service.upload_dir.iterdir()) == []
    assert upload_ids(a.get(f"/schools/{p.schools['A'].public_id}").text) == []


@pytest.mark.parametrize("name, content", [
    ("report.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),  # a picture named .pdf
    ("report.docx", b"%PDF-1.7\n1 0 obj\n"),  # a PDF named .docx
    ("report.pdf", b"<!doctype html><html><body>404</body></html>"),  # a web page saved as .pdf
    ("report.exe", b"MZ\x90\x00"),
])
def test_the_content_decides_not_the_extension_with_the_cli_message(p, tmp_path, name, content):
    a = p.client("school-a")
    response = upload(a, p.schools["A"], name, content)
    assert response.status_code == 400
    same = tmp_path / name
    same.write_bytes(content)
    with pytest.raises(InputError) as cli:
        read(same)
    assert cli.value.message in response.text.replace("&#34;", '"').replace("&#39;", "'")
    assert upload_ids(a.get(f"/schools/{p.schools['A'].public_id}").text) == []


def test_login_is_rate_limited_per_account_and_per_address(p):
    client = p.client()
    for _ in range(auth.MAX_FAILURES_PER_ACCOUNT):
        assert login(client, "school-a", "wrong-password").status_code == 401
    assert login(client, "school-a").status_code == 429  # even the right password, for a while
    assert login(p.client(), "school-b").status_code == 303  # another account from the same address is fine
    for k in range(auth.MAX_FAILURES_PER_ADDRESS):
        login(client, f"nobody-{k}", "wrong-password")
    assert login(p.client(), "school-b").status_code == 429


def test_passwords_are_never_logged(p, caplog):
    caplog.set_level(logging.DEBUG)
    client = p.client("admin")
    secret = "a-new-secret-password"
    client.post("/admin/accounts", data={"csrf": client.csrf, "username": "new", "password": secret, "role": "admin"})
    login(p.client(), "new", secret)
    login(p.client(), "new", secret + "-wrong")
    assert secret not in caplog.text and PASSWORD not in caplog.text


def test_no_open_redirect_after_login(p):
    client = p.client()
    page = client.get("/login?next=//evil.example/x")
    response = client.post("/login", data={"username": "school-a", "password": PASSWORD, "csrf": form_csrf(page.text),
                                           "next": "//evil.example/x"})
    assert response.headers["location"] == "/"


def test_setup_link_works_once(tmp_path):
    from fastapi.testclient import TestClient

    from nianbao.web.app import create_app

    app = create_app(Store(f"sqlite:///{tmp_path / 's.db'}"), tmp_path / "f", setup_token="one-time-token", background=False)
    client = TestClient(app, follow_redirects=False)
    assert client.get("/setup?token=wrong").status_code == 404
    page = client.get("/setup?token=one-time-token")
    assert page.status_code == 200
    response = client.post("/setup", data={"csrf": form_csrf(page.text), "token": "one-time-token", "username": "chief",
                                           "password": "long-enough-password"})
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    assert client.get("/admin").status_code == 200
    assert TestClient(app).get("/setup?token=one-time-token").status_code == 404


def test_the_administrator_sets_up_a_city_its_school_and_reviewer(p):
    admin = p.client("admin")
    top = p.regions["top"]
    assert admin.post("/admin/regions", data={"csrf": admin.csrf, "name": "测试省南市", "parent": top.public_id}).status_code == 303
    south = next(r for r in store_accounts.regions(p.store) if r.name == "测试省南市")
    assert admin.post("/admin/schools", data={"csrf": admin.csrf, "name": "南汀职业学校", "level": "中职",
                                              "region": south.public_id}).status_code == 303
    assert admin.post("/admin/accounts", data={"csrf": admin.csrf, "username": "south", "password": "long-enough-pw",
                                               "role": "reviewer", "region": south.public_id}).status_code == 303
    assert admin.post("/admin/accounts", data={"csrf": admin.csrf, "username": "south", "password": "long-enough-pw",
                                               "role": "reviewer", "region": south.public_id}).status_code == 409
    page = admin.get("/admin")
    assert page.status_code == 200 and "按2025年高职学校年报框架检查" in page.text and "南汀职业学校" in page.text
    assert admin.post("/admin/year", data={"csrf": admin.csrf, "year": "2026"}).status_code == 303
    assert "没有 2026 年的框架" in admin.get("/admin").text
    reviewer = p.client()
    login(reviewer, "south", "long-enough-pw")
    region = reviewer.get("/region").text
    assert "南汀职业学校" in region and "青岚职业技术学院" not in region and "2026年度" in region
    south_reviewer = store_accounts.account(p.store, username="south")
    assert admin.post(f"/admin/accounts/{south_reviewer.public_id}/active", data={"csrf": admin.csrf, "active": "0"}).status_code == 303
    assert reviewer.get("/region").status_code == 401  # disabling ends the account's sessions
    assert login(p.client(), "south", "long-enough-pw").status_code == 401
