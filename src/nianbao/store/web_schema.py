"""Tables of the web review service: regions, accounts and their sessions, submissions and the
upload jobs the worker processes, the text of each report for the annotated view, and the decisions
taken on findings (keyed by school and fingerprint, so they outlive re-uploads and years)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .schema import Base, public_id_column, utcnow


class Public:
    """A row the web service names in URLs: by a random public id, never by its sequential id."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = public_id_column()


class RegionRow(Public, Base):
    """A province or a city; a reviewer of a region sees the schools of it and of its sub-regions."""

    __tablename__ = "regions"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))


class AccountRow(Public, Base):
    __tablename__ = "accounts"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10))  # school | reviewer | admin
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SessionRow(Base):
    """A login: the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginFailureRow(Base):
    """One failed login, under the account name and under the client address (rate limits)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SubmissionRow(Public, Base):
    """A school's report for a year and where it stands: draft → submitted → returned / approved."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("school_id", "year", name="uq_submissions_school_year"),)

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), default="draft")
    note: Mapped[str] = mapped_column(Text, default="")  # the reviewer's word when returning or approving
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class UploadRow(Public, Base):
    """An uploaded file and its processing job (the worker's queue: status, stage, progress)."""

    __tablename__ = "uploads"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    filename: Mapped[str] = mapped_column(Text)  # as the user named it (shown, never used as a path)
    stored_name: Mapped[str] = mapped_column(String(64))  # generated name under the data folder
    format: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)  # queued running done failed
    stage: Mapped[str] = mapped_column(String(40), default="")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ReportTextRow(Base):
    """The lines a report was read into (JSON), for the annotated view of DOCX/TXT and for locating
    findings on PDF pages."""

    __tablename__ = "report_texts"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    lines: Mapped[str] = mapped_column(Text)


class DecisionRow(Public, Base):
    """What a school answered on a finding and what the reviewer said: one per school and fingerprint."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("school_id", "fingerprint", name="uq_decisions_school_fingerprint"),)

    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    heading: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer)  # the report year it was first answered on
    answer: Mapped[str | None] = mapped_column(String(10))  # fixed | explained
    explanation: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    review: Mapped[str | None] = mapped_column(String(10))  # accepted | rejected
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
