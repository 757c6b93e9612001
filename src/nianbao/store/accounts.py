"""Who may do what in the web service: regions, schools' places in them, accounts, login sessions,
failed logins (for rate limits) and service settings. Plain records out (records.py), never ORM rows.
Passwords arrive here already hashed (web/auth.py); the store never sees one in clear."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from .database import Store
from .records import ROLES, Account, Region, SchoolInfo
from .schema import SchoolRow
from .web_schema import AccountRow, LoginFailureRow, RegionRow, SessionRow, SettingRow


class Conflict(ValueError):
    """A name that must be unique is taken."""


def _region(row: RegionRow) -> Region:
    return Region(row.id, row.public_id, row.name, row.parent_id)


def _school(row: SchoolRow, regions: dict[int, str]) -> SchoolInfo:
    return SchoolInfo(row.id, row.public_id, row.name, row.level, row.region_id, regions.get(row.region_id, ""))


# ---- regions and schools ----------------------------------------------------------------------
def create_region(store: Store, name: str, parent_id: int | None = None) -> Region:
    with store.session() as session:
        row = RegionRow(name=name.strip(), parent_id=parent_id)
        session.add(row)
        try:
            session.commit()
        except IntegrityError as exc:
            raise Conflict(name) from exc
        return _region(row)


def regions(store: Store) -> list[Region]:
    with store.session() as session:
        return [_region(r) for r in session.scalars(select(RegionRow).order_by(RegionRow.id))]


def region_by_public_id(store: Store, public_id: str) -> Region | None:
    with store.session() as session:
        row = session.scalar(select(RegionRow).where(RegionRow.public_id == public_id))
        return _region(row) if row else None


def region_and_below(store: Store, region_id: int) -> set[int]:
    """The region and every region under it (a province's reviewer sees its cities' schools)."""
    children: dict[int | None, list[int]] = {}
    for region in regions(store):
        children.setdefault(region.parent_id, []).append(region.id)
    found, todo = set(), [region_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += children.get(current, [])
    return found


def _region_names(session) -> dict[int, str]:
    return dict(session.execute(select(RegionRow.id, RegionRow.name)).tuples().all())


def upsert_school(store: Store, name: str, level: str | None, region_id: int | None) -> SchoolInfo:
    """The school of that name (created if new) placed in the region."""
    with store.session() as session, session.begin():
        row = session.scalar(select(SchoolRow).where(SchoolRow.name == name.strip()))
        if row is None:
            row = SchoolRow(name=name.strip(), level=level)
            session.add(row)
        row.region_id = region_id
        if level:
            row.level = level
        session.flush()
        return _school(row, _region_names(session))


def schools(store: Store, region_ids: set[int] | None = None) -> list[SchoolInfo]:
    """Schools of the regions (all schools when None), by name."""
    query = select(SchoolRow).order_by(SchoolRow.name)
    if region_ids is not None:
        query = query.where(SchoolRow.region_id.in_(region_ids))
    with store.session() as session:
        names = _region_names(session)
        return [_school(row, names) for row in session.scalars(query)]


def school(store: Store, *, public_id: str | None = None, school_id: int | None = None) -> SchoolInfo | None:
    query = select(SchoolRow).where(SchoolRow.public_id == public_id if public_id else SchoolRow.id == school_id)
    with store.session() as session:
        row = session.scalar(query)
        return _school(row, _region_names(session)) if row else None


# ---- accounts ---------------------------------------------------------------------------------
def _account(row: AccountRow, schools_by_id: dict[int, str], regions_by_id: dict[int, str]) -> Account:
    return Account(row.id, row.public_id, row.username, row.display_name, row.role, row.school_id, row.region_id,
                   row.active, schools_by_id.get(row.school_id, ""), regions_by_id.get(row.region_id, ""))


def _accounts(session, query) -> list[Account]:
    rows = list(session.scalars(query))
    school_ids = {r.school_id for r in rows if r.school_id}
    names = dict(session.execute(select(SchoolRow.id, SchoolRow.name).where(SchoolRow.id.in_(school_ids))).tuples().all())
    return [_account(r, names, _region_names(session)) for r in rows]


def create_account(store: Store, username: str, password_hash: str, role: str, display_name: str = "",
                   school_id: int | None = None, region_id: int | None = None) -> Account:
    if role not in ROLES:
        raise ValueError(role)
    with store.session() as session:
        row = AccountRow(username=username.strip(), password_hash=password_hash, role=role,
                         display_name=display_name.strip() or username.strip(), school_id=school_id, region_id=region_id)
        session.add(row)
        try:
            session.commit()
        except IntegrityError as exc:
            raise Conflict(username) from exc
        return _accounts(session, select(AccountRow).where(AccountRow.id == row.id))[0]


def accounts(store: Store) -> list[Account]:
    with store.session() as session:
        return _accounts(session, select(AccountRow).order_by(AccountRow.role, AccountRow.username))


def account_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(AccountRow))


def account(store: Store, *, public_id: str | None = None, username: str | None = None) -> Account | None:
    query = select(AccountRow).where(AccountRow.public_id == public_id if public_id else AccountRow.username == username)
    with store.session() as session:
        found = _accounts(session, query)
        return found[0] if found else None


def password_hash(store: Store, account_id: int) -> str:
    with store.session() as session:
        return session.scalar(select(AccountRow.password_hash).where(AccountRow.id == account_id))


def set_password_hash(store: Store, account_id: int, new_hash: str) -> None:
    with store.session() as session, session.begin():
        session.execute(update(AccountRow).where(AccountRow.id == account_id).values(password_hash=new_hash))


def set_active(store: Store, account_id: int, active: bool) -> None:
    with store.session() as session, session.begin():
        session.execute(update(AccountRow).where(AccountRow.id == account_id).values(active=active))
        if not active:
            session.execute(delete(SessionRow).where(SessionRow.account_id == account_id))


# ---- sessions ---------------------------------------------------------------------------------
def create_session(store: Store, account_id: int, token_hash: str, csrf_token: str, expires_at: dt.datetime) -> None:
    with store.session() as session, session.begin():
        session.add(SessionRow(token_hash=token_hash, account_id=account_id, csrf_token=csrf_token, expires_at=expires_at))


def session_account(store: Store, token_hash: str, now: dt.datetime) -> tuple[Account, str] | None:
    """The active account behind a session token and the session's CSRF token."""
    with store.session() as session:
        row = session.execute(select(SessionRow.account_id, SessionRow.csrf_token)
                              .where(SessionRow.token_hash == token_hash, SessionRow.expires_at > now)).first()
        if row is None:
            return None
        found = _accounts(session, select(AccountRow).where(AccountRow.id == row.account_id, AccountRow.active.is_(True)))
        return (found[0], row.csrf_token) if found else None


def delete_session(store: Store, token_hash: str) -> None:
    with store.session() as session, session.begin():
        session.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash))


def delete_expired_sessions(store: Store, now: dt.datetime) -> None:
    with store.session() as session, session.begin():
        session.execute(delete(SessionRow).where(SessionRow.expires_at <= now))


# ---- failed logins ----------------------------------------------------------------------------
def record_login_failure(store: Store, keys: list[str], at: dt.datetime) -> None:
    with store.session() as session, session.begin():
        session.add_all(LoginFailureRow(key=key, at=at) for key in keys)


def login_failures(store: Store, key: str, since: dt.datetime) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(LoginFailureRow)
                              .where(LoginFailureRow.key == key, LoginFailureRow.at > since))


def clear_login_failures(store: Store, key: str) -> None:
    with store.session() as session, session.begin():
        session.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))


# ---- settings ---------------------------------------------------------------------------------
def setting(store: Store, key: str, default: str | None = None) -> str | None:
    with store.session() as session:
        value = session.scalar(select(SettingRow.value).where(SettingRow.key == key))
        return default if value is None else value


def set_setting(store: Store, key: str, value: str) -> None:
    with store.session() as session, session.begin():
        row = session.get(SettingRow, key)
        if row is None:
            session.add(SettingRow(key=key, value=value))
        else:
            row.value = value
