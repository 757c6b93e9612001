"""The store: reports, findings, indicator values and cases in a database (database.py: the only
place that talks SQL; schema.py: the tables; migrations/: Alembic). Importing this package loads no
database library; ``from nianbao.store.database import Store`` does."""

from __future__ import annotations

from .records import (
    CaseHit,
    CaseRecord,
    ReportRecord,
    StoredCase,
    StoredFinding,
    StoredReport,
    StoredSchool,
    StoredValue,
)

DEFAULT_URL = "sqlite:///nianbao.db"

__all__ = ["DEFAULT_URL", "CaseHit", "CaseRecord", "ReportRecord", "StoredCase", "StoredFinding", "StoredReport",
           "StoredSchool", "StoredValue"]
