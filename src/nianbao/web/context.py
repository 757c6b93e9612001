"""What every route shares: the service's state (store, data folder, templates), the dependencies
that authorise a request (logged in, role, CSRF on every state-changing request) and page rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from ..conventions import ANSWER_NAMES
from ..filenames import safe_name
from ..output import regional as regional_output
from ..store import SchoolInfo
from ..store import accounts as store_accounts
from ..store.database import Store
from . import auth

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Service:
    store: Store
    data_dir: Path
    max_upload: int = 50 * 1024 * 1024
    setup_token: str | None = None  # one-time token for creating the first administrator
    env: Environment = field(init=False)
    cache: dict = field(default_factory=dict)  # regional figures by (kind, year, schools, data version)
    asked: dict = field(default_factory=dict)  # (kind, year, schools) → how to compute it (region_data)

    def __post_init__(self):
        # The partials `nianbao evaluate` writes its pages with (output/templates) under "output/".
        loader = ChoiceLoader([PackageLoader("nianbao.web", "templates"),
                               PrefixLoader({"output": PackageLoader("nianbao.output", "templates")})])
        self.env = regional_output.prepare(Environment(loader=loader, autoescape=select_autoescape(["j2", "html"], default=True)))
        self.env.filters["when"] = lambda v: v.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M") if v else ""
        self.env.globals["answer_names"] = ANSWER_NAMES
        (self.data_dir / "uploads").mkdir(parents=True, exist_ok=True)
        (self.data_dir / "pages").mkdir(parents=True, exist_ok=True)

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def page_dir(self) -> Path:
        return self.data_dir / "pages"

    def year(self) -> int:
        """The report year open for submission (set by the administrator)."""
        value = store_accounts.setting(self.store, "year")
        return int(value) if value else dt.date.today().year - 1


def service(request: Request) -> Service:
    return request.app.state.service


async def _checked_csrf(request: Request, expected: str | None) -> None:
    if request.method not in UNSAFE_METHODS:
        return
    given = request.headers.get("x-csrf-token")
    if not given:
        form = await request.form()
        given = form.get("csrf")
    if not auth.csrf_matches(expected, given if isinstance(given, str) else None):
        raise HTTPException(403, "表单已过期或来源无效（CSRF 校验失败），请刷新页面后重试。")


async def viewer(request: Request, svc: Service = Depends(service)) -> auth.Viewer:
    """The logged-in user; a state-changing request must carry the session's CSRF token."""
    found = auth.viewer_of(svc.store, request)
    if found is None:
        raise auth.LoginRequired()
    await _checked_csrf(request, found.csrf)
    return found


def require(*roles: str):
    async def dependency(user: auth.Viewer = Depends(viewer)) -> auth.Viewer:
        if user.role not in roles:
            raise auth.Forbidden()
        return user
    return dependency


async def pre_session_csrf(request: Request) -> None:
    """CSRF for the forms used before a session exists (login, first setup): double-submit cookie."""
    await _checked_csrf(request, request.cookies.get(auth.PRE_SESSION_COOKIE))


def visible_school(svc: Service, user: auth.Viewer, public_id: str) -> SchoolInfo:
    school = store_accounts.school(svc.store, public_id=public_id)
    if not user.may_see(school):
        raise auth.NotFound()
    return school


def render(svc: Service, request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
    user = values.pop("user", None)
    html = svc.env.get_template(template).render(request=request, user=user, csrf=user.csrf if user else "",
                                                 year=svc.year(), **values)
    return HTMLResponse(html, status_code=status)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return redirect(f"/login?next={quote(target)}")


def attachment(data: bytes | str, filename: str, media_type: str) -> Response:
    """A download under a Chinese file name (made safe: it is built from names users typed), never
    cached by shared caches."""
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(safe_name(filename), safe='')}",
        "Cache-Control": "private, no-store"})
