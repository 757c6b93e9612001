"""Who is asking and what they may touch: password hashing (Argon2id), server-side sessions in an
HttpOnly SameSite=Lax cookie (Secure behind https), a CSRF token per session checked on every
state-changing request, login rate limits per account and per client address, and the one rule
of access: a school sees itself, a reviewer the schools of her region and the regions under it,
an administrator everything."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import HTTPException, Request

from ..store import Account, SchoolInfo
from ..store import accounts as store_accounts
from ..store.database import Store

SESSION_COOKIE = "nianbao_session"
PRE_SESSION_COOKIE = "nianbao_pre"  # double-submit CSRF token for the login form, before any session
SESSION_HOURS = 12
FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD = 8

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-password-of-anyone")  # equal work for unknown names


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Forbidden(HTTPException):
    def __init__(self):
        super().__init__(403, "无权访问")


class NotFound(HTTPException):
    """Also what a user gets for a resource of another school: its existence is not confirmed."""

    def __init__(self):
        super().__init__(404, "页面不存在或您无权查看")


class LoginRequired(HTTPException):
    def __init__(self):
        super().__init__(401, "请先登录")


@dataclass
class Viewer:
    account: Account
    csrf: str
    region_ids: set[int] | None  # None: every region (administrator)

    @property
    def role(self) -> str:
        return self.account.role

    def may_see(self, school: SchoolInfo | None) -> bool:
        if school is None:
            return False
        if self.role == "admin":
            return True
        if self.role == "school":
            return school.id == self.account.school_id
        return school.region_id is not None and school.region_id in (self.region_ids or set())


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def rate_limited(store: Store, username: str, address: str) -> bool:
    since = utcnow() - FAILURE_WINDOW
    return (store_accounts.login_failures(store, f"user:{username}", since) >= MAX_FAILURES_PER_ACCOUNT
            or store_accounts.login_failures(store, f"ip:{address}", since) >= MAX_FAILURES_PER_ADDRESS)


def authenticate(store: Store, username: str, password: str, address: str) -> Account | None:
    """The account when the password fits; a failure is counted under the name and the address."""
    account = store_accounts.account(store, username=username.strip())
    stored = store_accounts.password_hash(store, account.id) if account else _DUMMY_HASH
    if verify_password(stored, password) and account is not None and account.active:
        store_accounts.clear_login_failures(store, f"user:{account.username}")
        return account
    store_accounts.record_login_failure(store, [f"user:{username.strip()}", f"ip:{address}"], utcnow())
    return None


def start_session(store: Store, account: Account) -> str:
    """A fresh session (a new token on every login: no session fixation); returns the cookie value."""
    token = secrets.token_urlsafe(32)
    store_accounts.delete_expired_sessions(store, utcnow())
    store_accounts.create_session(store, account.id, token_digest(token), secrets.token_urlsafe(24),
                                  utcnow() + dt.timedelta(hours=SESSION_HOURS))
    return token


def viewer_of(store: Store, request: Request) -> Viewer | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    found = store_accounts.session_account(store, token_digest(token), utcnow())
    if found is None:
        return None
    account, csrf = found
    region_ids = None
    if account.role == "reviewer":
        region_ids = store_accounts.region_and_below(store, account.region_id) if account.region_id else set()
    elif account.role == "school":
        region_ids = set()
    return Viewer(account, csrf, region_ids)


def set_cookie(response, request: Request, name: str, value: str, max_age: int) -> None:
    secure = request.url.scheme == "https"
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", secure=secure, path="/")


def csrf_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected, given)
