"""The store: reports, findings, facts, indicator values and cases in a database (database.py: the Store;
schema.py: the tables; migrations/: Alembic), and the web review service's accounts (accounts.py)
and reviews (reviews.py) over the tables of web_schema.py. Only this package talks SQL. Importing it
loads no database library; ``from nianbao.store.database import Store`` does."""

from __future__ import annotations

from ..errors import InputError
from .records import (
    ROLES,
    STATES,
    Account,
    CaseHit,
    CaseRecord,
    LedgerEntry,
    Region,
    ReportRecord,
    SchoolInfo,
    StoredCase,
    StoredDecision,
    StoredFact,
    StoredFinding,
    StoredReport,
    StoredSchool,
    StoredValue,
    Submission,
    Upload,
    YearlyValue,
)

DEFAULT_URL = "sqlite:///nianbao.db"


class NoDatabase(InputError):
    """The database file named does not exist (and was not to be created)."""


__all__ = ["DEFAULT_URL", "NoDatabase", "ROLES", "STATES", "Account", "CaseHit", "CaseRecord", "LedgerEntry", "Region", "ReportRecord",
           "SchoolInfo", "StoredCase", "StoredDecision", "StoredFact", "StoredFinding", "StoredReport", "StoredSchool",
           "StoredValue", "Submission", "Upload", "YearlyValue"]
