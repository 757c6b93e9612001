"""Logging in and out, the first administrator (one-time setup token), changing one's password."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from ..store import accounts as store_accounts
from . import auth
from .context import Service, login_redirect, pre_session_csrf, redirect, render, service, viewer

router = APIRouter()
PUBLIC_PATHS = {"/login", "/setup"}  # reachable without logging in (the authorisation test's allowlist)


def _safe_next(target: str | None) -> str:
    """Only a local path (never //host or a scheme): no open redirect after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(svc: Service, request: Request, message: str = "", status: int = 200, username: str = ""):
    token = request.cookies.get(auth.PRE_SESSION_COOKIE) or secrets.token_urlsafe(24)
    response = render(svc, request, "login.html.j2", status, pre_csrf=token, message=message, username=username,
                      next=_safe_next(request.query_params.get("next")))
    auth.set_cookie(response, request, auth.PRE_SESSION_COOKIE, token, 3600)
    return response


@router.get("/login")
def login_form(request: Request, svc: Service = Depends(service)):
    return _login_page(svc, request)


@router.post("/login", dependencies=[Depends(pre_session_csrf)])
async def login(request: Request, svc: Service = Depends(service)):
    form = await request.form()
    username, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    address = auth.client_address(request)
    if auth.rate_limited(svc.store, username, address):
        return _login_page(svc, request, "登录失败次数过多，请 15 分钟后再试，或联系管理员。", 429, username)
    account = await run_in_threadpool(auth.authenticate, svc.store, username, password, address)  # Argon2 takes a while
    if account is None:
        return _login_page(svc, request, "用户名或密码错误。", 401, username)
    old = request.cookies.get(auth.SESSION_COOKIE)
    if old:
        store_accounts.delete_session(svc.store, auth.token_digest(old))
    response = redirect(_safe_next(str(form.get("next", ""))))
    auth.set_cookie(response, request, auth.SESSION_COOKIE, auth.start_session(svc.store, account),
                    auth.SESSION_HOURS * 3600)
    response.delete_cookie(auth.PRE_SESSION_COOKIE, path="/")
    return response


@router.post("/logout")
async def logout(request: Request, user: auth.Viewer = Depends(viewer), svc: Service = Depends(service)):
    store_accounts.delete_session(svc.store, auth.token_digest(request.cookies[auth.SESSION_COOKIE]))
    response = redirect("/login")
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(request: Request, svc: Service = Depends(service)):
    user = auth.viewer_of(svc.store, request)
    if user is None:
        return login_redirect(request)
    if user.role == "school":
        school = store_accounts.school(svc.store, school_id=user.account.school_id)
        return redirect(f"/schools/{school.public_id}") if school else render(
            svc, request, "error.html.j2", 403, user=user, message="您的账号还没有关联学校，请联系管理员。")
    return redirect("/region" if user.role == "reviewer" else "/admin")


def _setup_allowed(svc: Service, token: str) -> bool:
    return bool(svc.setup_token) and auth.csrf_matches(svc.setup_token, token) and store_accounts.account_count(svc.store) == 0


@router.get("/setup")
def setup_form(request: Request, svc: Service = Depends(service)):
    token = request.query_params.get("token", "")
    if not _setup_allowed(svc, token):
        return render(svc, request, "error.html.j2", 404, message="设置链接无效或已使用。请用启动服务时打印的链接，或直接登录。")
    pre = request.cookies.get(auth.PRE_SESSION_COOKIE) or secrets.token_urlsafe(24)
    response = render(svc, request, "setup.html.j2", pre_csrf=pre, token=token, message="")
    auth.set_cookie(response, request, auth.PRE_SESSION_COOKIE, pre, 3600)
    return response


@router.post("/setup", dependencies=[Depends(pre_session_csrf)])
async def setup(request: Request, svc: Service = Depends(service)):
    form = await request.form()
    token = str(form.get("token", ""))
    if not _setup_allowed(svc, token):
        return render(svc, request, "error.html.j2", 404, message="设置链接无效或已使用。")
    username, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    if not username or len(password) < auth.MIN_PASSWORD:
        return render(svc, request, "setup.html.j2", 400, pre_csrf=request.cookies.get(auth.PRE_SESSION_COOKIE, ""),
                      token=token, message=f"请填写用户名，密码至少 {auth.MIN_PASSWORD} 位。")
    account = store_accounts.create_account(svc.store, username, auth.hash_password(password), "admin", "管理员")
    svc.setup_token = None
    response = redirect("/admin")
    auth.set_cookie(response, request, auth.SESSION_COOKIE, auth.start_session(svc.store, account), auth.SESSION_HOURS * 3600)
    return response


@router.get("/account")
def account_page(request: Request, user: auth.Viewer = Depends(viewer), svc: Service = Depends(service)):
    return render(svc, request, "account.html.j2", user=user, message="")


@router.post("/account/password")
async def change_password(request: Request, user: auth.Viewer = Depends(viewer), svc: Service = Depends(service)):
    form = await request.form()
    current, new = str(form.get("current", "")), str(form.get("new", ""))
    if not auth.verify_password(store_accounts.password_hash(svc.store, user.account.id), current):
        return render(svc, request, "account.html.j2", 400, user=user, message="当前密码不正确。")
    if len(new) < auth.MIN_PASSWORD:
        return render(svc, request, "account.html.j2", 400, user=user, message=f"新密码至少 {auth.MIN_PASSWORD} 位。")
    store_accounts.set_password_hash(svc.store, user.account.id, auth.hash_password(new))
    return render(svc, request, "account.html.j2", user=user, message="密码已修改。")
