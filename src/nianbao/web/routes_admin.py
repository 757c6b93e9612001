"""The administrator: accounts (create, disable, reset a password), regions, schools and their
regions, the report year open for submission and the framework that year's reports are checked by."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from .. import frameworks
from ..conventions import LEVELS
from ..store import ROLES, Account
from ..store import accounts as store_accounts
from ..store.accounts import Conflict
from . import auth
from .context import Service, redirect, render, require, service

router = APIRouter()
admins = require("admin")


def _page(svc: Service, request: Request, user: auth.Viewer, message: str = "", status: int = 200):
    year = svc.year()
    in_force = {level: frameworks.framework(year, level) for level in LEVELS}
    return render(svc, request, "admin.html.j2", status, user=user, message=message, roles=ROLES,
                  accounts=store_accounts.accounts(svc.store), regions=store_accounts.regions(svc.store),
                  schools=store_accounts.schools(svc.store), frameworks=in_force)


@router.get("/admin")
def admin_page(request: Request, user: auth.Viewer = Depends(admins), svc: Service = Depends(service)):
    return _page(svc, request, user)


def _region_id(svc: Service, public_id: str) -> int | None:
    region = store_accounts.region_by_public_id(svc.store, public_id) if public_id else None
    return region.id if region else None


@router.post("/admin/accounts")
async def create_account(request: Request, user: auth.Viewer = Depends(admins), svc: Service = Depends(service)):
    form = await request.form()
    username, password, role = (str(form.get(k, "")).strip() for k in ("username", "password", "role"))
    school = store_accounts.school(svc.store, public_id=str(form.get("school", ""))) if form.get("school") else None
    region_id = _region_id(svc, str(form.get("region", "")))
    if not username or len(password) < auth.MIN_PASSWORD or role not in ROLES:
        return _page(svc, request, user, f"请填写用户名、角色，密码至少 {auth.MIN_PASSWORD} 位。", 400)
    if (role == "school" and school is None) or (role == "reviewer" and region_id is None):
        return _page(svc, request, user, "学校填报员须选择学校，审核员须选择地区。", 400)
    try:
        store_accounts.create_account(svc.store, username, auth.hash_password(password), role,
                                      str(form.get("display_name", "")), school.id if school and role == "school" else None,
                                      region_id if role == "reviewer" else None)
    except Conflict:
        return _page(svc, request, user, f"用户名“{username}”已被使用。", 409)
    return redirect("/admin")


def _target(svc: Service, account_id: str) -> Account:
    account = store_accounts.account(svc.store, public_id=account_id)
    if account is None:
        raise auth.NotFound()
    return account


@router.post("/admin/accounts/{account_id}/active")
async def set_active(account_id: str, request: Request, user: auth.Viewer = Depends(admins),
                     svc: Service = Depends(service)):
    account = _target(svc, account_id)
    form = await request.form()
    if account.id == user.account.id:
        return _page(svc, request, user, "不能停用自己的账号。", 400)
    store_accounts.set_active(svc.store, account.id, form.get("active") == "1")
    return redirect("/admin")


@router.post("/admin/accounts/{account_id}/password")
async def reset_password(account_id: str, request: Request, user: auth.Viewer = Depends(admins),
                         svc: Service = Depends(service)):
    account = _target(svc, account_id)
    password = str((await request.form()).get("password", ""))
    if len(password) < auth.MIN_PASSWORD:
        return _page(svc, request, user, f"密码至少 {auth.MIN_PASSWORD} 位。", 400)
    store_accounts.set_password_hash(svc.store, account.id, auth.hash_password(password))
    return _page(svc, request, user, f"已重置“{account.username}”的密码。")


@router.post("/admin/regions")
async def create_region(request: Request, user: auth.Viewer = Depends(admins), svc: Service = Depends(service)):
    form = await request.form()
    name = str(form.get("name", "")).strip()
    if not name:
        return _page(svc, request, user, "请填写地区名称。", 400)
    try:
        store_accounts.create_region(svc.store, name, _region_id(svc, str(form.get("parent", ""))))
    except Conflict:
        return _page(svc, request, user, f"地区“{name}”已存在。", 409)
    return redirect("/admin")


@router.post("/admin/schools")
async def place_school(request: Request, user: auth.Viewer = Depends(admins), svc: Service = Depends(service)):
    form = await request.form()
    name, level = str(form.get("name", "")).strip(), str(form.get("level", ""))
    if not name or level not in LEVELS:
        return _page(svc, request, user, "请填写学校名称并选择层次（高职/中职）。", 400)
    store_accounts.upsert_school(svc.store, name, level, _region_id(svc, str(form.get("region", ""))))
    return redirect("/admin")


@router.post("/admin/year")
async def set_year(request: Request, user: auth.Viewer = Depends(admins), svc: Service = Depends(service)):
    value = str((await request.form()).get("year", ""))
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        return _page(svc, request, user, "请填写四位数的年度。", 400)
    store_accounts.set_setting(svc.store, "year", value)
    return redirect("/admin")
