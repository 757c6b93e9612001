"""Every route of the web service is authorised on the server. The routes are enumerated from the
app, so a new route cannot be forgotten: each refuses an anonymous user, and each route that names
a school's resource refuses a user of another school (and the reviewer of another city) — with the
resource's real unguessable id, and with sequential ids guessed. Every state-changing request
needs the session's CSRF token."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from nianbao.store import accounts as store_accounts
from nianbao.store import reviews
from nianbao.web.routes_account import PUBLIC_PATHS
from tests.web_helpers import flawed_text, province, upload, upload_ids

SCHOOL_SCOPED = {"school_id", "upload_id", "decision_id"}
# Routes a school user may call without naming a resource: her home, her account, logging out.
OWN_ROUTES = {"/", "/account", "/account/password", "/logout"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """School A has a processed upload and an answered finding; ids of every kind to aim at."""
    from nianbao.store.database import Store

    root = tmp_path_factory.mktemp("access")
    p = province(Store(f"sqlite:///{root / 'w.db'}"), root / "files")
    a = p.client("school-a")
    upload(a, p.schools["A"], "report.txt", flawed_text())
    p.process()
    (upload_id,) = upload_ids(a.get(f"/schools/{p.schools['A'].public_id}").text)
    page = a.get(f"/reports/{upload_id}").text
    fingerprint = re.search(r'data-fingerprint="([^"]+)"', page).group(1)
    a.post(f"/reports/{upload_id}/answer", data={"csrf": a.csrf, "fingerprint": fingerprint, "answer": "explained",
                                                  "explanation": "口径不同"})
    decision = next(iter(reviews.decisions(p.store, {p.schools["A"].id}).values()))
    account = store_accounts.account(p.store, username="school-a")
    ids = {"school_id": p.schools["A"].public_id, "upload_id": upload_id, "decision_id": decision.public_id,
           "account_id": account.public_id, "number": "1"}
    return p, ids, a


def routes(app):
    for route in app.routes:
        if isinstance(route, APIRoute):
            for method in sorted(route.methods - {"HEAD"}):
                yield method, route


def url_for(route: APIRoute, ids: dict) -> str:
    return re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], route.path)


def test_the_app_has_the_routes_the_tests_know(world):
    p, ids, _ = world
    params = {name for _, route in routes(p.app) for name in route.param_convertors}
    assert params <= set(ids), f"a route takes a parameter the access tests do not fill: {params - set(ids)}"
    assert len(list(routes(p.app))) >= 25


def test_every_route_refuses_an_anonymous_user(world):
    p, ids, _ = world
    client = p.client()
    for method, route in routes(p.app):
        if route.path in PUBLIC_PATHS:
            continue
        response = client.request(method, url_for(route, ids), headers={"accept": "text/html"})
        if route.path == "/" or method == "GET":
            assert response.status_code == 303 and response.headers["location"].startswith("/login"), (method, route.path)
        else:
            assert response.status_code == 401, (method, route.path, response.status_code)


def _refused(response) -> bool:
    return response.status_code in (403, 404)


@pytest.mark.parametrize("username", ["school-b", "west"])
def test_routes_naming_school_a_refuse_another_school_and_another_city(world, username):
    p, ids, _ = world
    client = p.client(username)
    for method, route in routes(p.app):
        if not SCHOOL_SCOPED & set(route.param_convertors):
            continue
        data = {"csrf": client.csrf, "answer": "fixed", "verdict": "accepted", "action": "approve",
                "fingerprint": "x"} if method == "POST" else None
        response = client.request(method, url_for(route, ids), data=data)
        assert _refused(response), (username, method, route.path, response.status_code)


def test_a_school_user_reaches_only_her_own_pages(world):
    p, ids, _ = world
    client = p.client("school-b")
    for method, route in routes(p.app):
        if route.path in PUBLIC_PATHS | OWN_ROUTES or SCHOOL_SCOPED & set(route.param_convertors):
            continue
        response = client.request(method, url_for(route, ids), data={"csrf": client.csrf} if method == "POST" else None)
        assert response.status_code == 403, (method, route.path, response.status_code)


def test_sequential_ids_are_not_addresses(world):
    p, ids, _ = world
    client = p.client("school-b")
    for path in ("/schools/1", "/schools/2", "/reports/1", "/reports/1/file", "/reports/1/pages/1.png",
                 "/uploads/1/status", "/schools/1/ledger.xlsx", "/schools/1/decisions.json"):
        assert client.get(path).status_code == 404, path


def test_the_reviewers_above_see_school_a_and_the_school_itself_does(world):
    p, ids, a = world
    for username in ("east", "province", "admin"):
        client = p.client(username)
        for path in (f"/schools/{ids['school_id']}", f"/reports/{ids['upload_id']}", f"/reports/{ids['upload_id']}/file",
                     f"/schools/{ids['school_id']}/ledger.xlsx", f"/schools/{ids['school_id']}/feedback"):
            assert client.get(path).status_code == 200, (username, path)
    assert a.get(f"/reports/{ids['upload_id']}/file").content.decode("utf-8") == flawed_text()


def test_every_state_changing_request_needs_the_csrf_token(world):
    p, ids, _ = world
    for username in ("school-a", "east", "admin"):
        client = p.client(username)
        for method, route in routes(p.app):
            if method != "POST" or route.path in PUBLIC_PATHS:
                continue
            for token in (None, "forged-token"):
                data = {"answer": "fixed", "verdict": "accepted", "action": "approve", "name": "新地区", "year": "2030"}
                if token:
                    data["csrf"] = token
                response = client.post(url_for(route, ids), data=data)
                assert response.status_code == 403 and "CSRF" in response.text, (username, route.path, response.status_code)
    assert store_accounts.setting(p.store, "year") == "2025"
    assert "新地区" not in {r.name for r in store_accounts.regions(p.store)}


def test_login_form_needs_its_own_csrf_token(world):
    p, _, _ = world
    client = p.client()
    response = client.post("/login", data={"username": "school-a", "password": "x"})
    assert response.status_code == 403
