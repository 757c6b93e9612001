"""What goes into the store and what comes out of it: plain records, no ORM rows (those stay in
schema.py and database.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..indicators.extract import Fact
    from ..model import Finding


@dataclass
class CaseRecord:
    number: str
    title: str
    text: str
    line: int


@dataclass
class ReportRecord:
    """What ingest stores for one file."""

    content_hash: str
    file: str
    format: str | None = None
    school: str | None = None
    level: str | None = None
    year: int | None = None
    title: str | None = None
    score: float | None = None
    error: str | None = None
    internal: bool = False  # the error is nianbao's own failure, not a bad file (not stored)
    findings: list[Finding] = field(default_factory=list)
    values: list[Fact] = field(default_factory=list)
    cases: list[CaseRecord] = field(default_factory=list)


@dataclass
class StoredSchool:
    name: str
    level: str | None


@dataclass
class StoredFinding:
    code: str
    severity: str
    message: str
    line: int
    page: int | None
    evidence: str
    dimension: str


@dataclass
class StoredValue:
    """An indicator value of a stored report; ``headline`` marks the one value reported for the
    indicator, the others are further (ambiguous) mentions kept for review."""

    indicator: str
    value: float
    unit: str
    line: int
    page: int | None
    evidence: str
    confidence: float
    headline: bool


@dataclass
class StoredReport:
    """One ingested file as stored; an unreadable one has status "error" and its error."""

    id: int
    content_hash: str
    file: str
    format: str | None
    year: int | None
    level: str | None
    title: str | None
    score: float | None
    status: str
    error: str | None
    school: StoredSchool | None
    findings: list[StoredFinding] = field(default_factory=list)
    values: list[StoredValue] = field(default_factory=list)


@dataclass
class StoredCase:
    id: int
    number: str
    title: str
    text: str
    line: int
    school: str
    year: int | None  # of the report it comes from


@dataclass
class CaseHit:
    id: int
    school: str
    year: int | None
    number: str
    title: str
    snippet: str
