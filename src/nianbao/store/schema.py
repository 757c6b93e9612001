"""The database schema (SQLAlchemy 2 declarative). Only store/ imports this module."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    """Now in UTC without a zone (how the DateTime columns hold times)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def public_id_column(nullable: bool = False) -> Mapped[str]:
    """What the web service shows in URLs instead of the sequential id: random, unique."""
    return mapped_column(String(32), default=lambda: secrets.token_urlsafe(12), unique=True, nullable=nullable)


class SchoolRow(Base):
    __tablename__ = "schools"
    __table_args__ = (UniqueConstraint("name", name="uq_schools_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(10))
    # What the web service shows in URLs (never the sequential id) and the region it belongs to.
    public_id: Mapped[str] = public_id_column(nullable=True)  # nullable: added to existing rows by 0002_web_review
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    reports: Mapped[list[ReportRow]] = relationship(back_populates="school")


class ReportRow(Base):
    """One ingested file. A file that could not be read is kept too (status "error", with the error),
    so a batch can list it; its content hash makes ingest idempotent."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("content_hash", name="uq_reports_content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    file: Mapped[str] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="ok")
    error: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    school: Mapped[SchoolRow | None] = relationship(back_populates="reports")
    findings: Mapped[list[FindingRow]] = relationship(cascade="all, delete-orphan", order_by="FindingRow.id")
    values: Mapped[list[IndicatorValueRow]] = relationship(cascade="all, delete-orphan", order_by="IndicatorValueRow.id")
    cases: Mapped[list[CaseRow]] = relationship(cascade="all, delete-orphan")
    facts: Mapped[list[FactRow]] = relationship(cascade="all, delete-orphan", order_by="FactRow.id")


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")
    dimension: Mapped[str] = mapped_column(String(20), default="")
    heading: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(40), default="", index=True)


class IndicatorValueRow(Base):
    """An indicator value extracted from a report; ``headline`` marks the one value reported for the
    indicator, the others are further (ambiguous) mentions kept for review."""

    __tablename__ = "indicator_values"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(String(60), index=True)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(10))
    line: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float)
    headline: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(10), default="text")  # text, table or annex
    source_table: Mapped[str] = mapped_column(String(20), default="")
    source_row: Mapped[str] = mapped_column(Text, default="")
    source_column: Mapped[str] = mapped_column(Text, default="")


class FactRow(Base):
    """A stated figure of a report (model.Fact): what it measures, its qualifiers and where it stands."""

    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(10), default="")
    kind: Mapped[str] = mapped_column(String(10))
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    raw: Mapped[str] = mapped_column(Text, default="")
    source_table: Mapped[str] = mapped_column(String(20), default="")
    source_row: Mapped[str] = mapped_column(Text, default="")
    source_column: Mapped[str | None] = mapped_column(Text)
    year: Mapped[str] = mapped_column(String(20), default="")
    period: Mapped[str] = mapped_column(String(40), default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(20), default="")
    subset_of: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[bool] = mapped_column(Boolean, default=False)
    direction: Mapped[str] = mapped_column(String(10), default="")
    evidence: Mapped[str] = mapped_column(Text, default="")


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    report: Mapped[ReportRow] = relationship(back_populates="cases")


from . import web_schema  # noqa: E402,F401  (the web service's tables share the metadata)
