"""What goes into the store and what comes out of it: plain records, no ORM rows (those stay in
schema.py, web_schema.py and the modules that query them). The records of the web review service
(regions, schools' places, accounts, submissions, uploads, decisions) follow those of ingest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Decision

if TYPE_CHECKING:
    from ..indicators.extract import IndicatorValue
    from ..model import Fact, Finding


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
    values: list[IndicatorValue] = field(default_factory=list)
    cases: list[CaseRecord] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    lines: list[tuple] | None = None  # (number, page, physical page, text) per line, kept for the web view


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
    heading: str
    fingerprint: str
    id: int


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
    source: str = "text"  # text, table or annex
    table: str = ""
    row: str = ""
    column: str = ""


@dataclass(frozen=True)
class YearlyValue:
    """A school's headline value of one indicator in one year's report (the series year over year)."""

    school: str
    year: int
    indicator: str
    value: float
    line: int


@dataclass
class StoredFact:
    """A stated figure of a stored report (model.Fact flattened: qualifiers and source as columns)."""

    line: int
    page: int | None
    subject: str
    value: float
    unit: str
    kind: str
    approximate: bool
    raw: str
    table: str
    row: str
    column: str | None
    year: str
    period: str
    scope: str
    level: str
    subset_of: str
    new: bool
    direction: str
    evidence: str


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


# ---- the web review service -------------------------------------------------------------------
ROLES = {"school": "学校填报员", "reviewer": "审核员", "admin": "管理员"}
STATES = {"draft": "草稿", "submitted": "已提交", "returned": "退回修改", "approved": "审核通过"}


@dataclass
class Region:
    id: int
    public_id: str
    name: str
    parent_id: int | None


@dataclass
class SchoolInfo:
    """A school with its place: what the web service shows in URLs (public_id) and its region."""

    id: int
    public_id: str
    name: str
    level: str | None
    region_id: int | None
    region: str = ""


@dataclass
class Account:
    id: int
    public_id: str
    username: str
    display_name: str
    role: str
    school_id: int | None
    region_id: int | None
    active: bool
    school: str = ""
    region: str = ""

    @property
    def role_name(self) -> str:
        return ROLES[self.role]


@dataclass
class Submission:
    """A school's report for a year and where it stands: draft → submitted → returned / approved."""

    id: int
    public_id: str
    school_id: int
    year: int
    state: str
    note: str
    updated_at: dt.datetime

    @property
    def state_name(self) -> str:
        return STATES[self.state]


@dataclass
class Upload:
    """An uploaded file and its processing job."""

    id: int
    public_id: str
    submission_id: int
    school_id: int
    year: int
    filename: str
    stored_name: str
    format: str
    size: int
    status: str
    stage: str
    progress: int
    error: str | None
    report_id: int | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


@dataclass
class StoredDecision(Decision):
    """A decision as the web service keeps it: per school, with when it was answered and reviewed."""

    public_id: str = ""
    school_id: int = 0
    year: int | None = None
    answered_at: dt.datetime | None = None
    reviewed_at: dt.datetime | None = None


RESOLVED = "问题已消除"


@dataclass
class LedgerEntry:
    """A line of a school's 问题清单 / 整改台账: a finding of its current report with the decision on it,
    or a decision whose finding no longer appears (``finding`` None: resolved by a corrected upload)."""

    school: SchoolInfo
    finding: StoredFinding | None
    decision: StoredDecision | None

    @property
    def status(self) -> str:
        if self.finding is None:
            return RESOLVED
        return self.decision.status if self.decision else "待答复"

    @property
    def code(self) -> str:
        return self.finding.code if self.finding else self.decision.code
