"""The variety corpus (tests/fixtures/variety): hand-written fictitious reports of other years, levels,
kinds and forms, each with its truth file (format in tests/fixtures/variety/README.md)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

VARIETY = Path(__file__).resolve().parent / "fixtures" / "variety"


def truths() -> list[dict]:
    """Every truth file of the corpus, in file-name order."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(VARIETY.glob("*.truth.yaml"))]


def key(text: str) -> str:
    """Titles compared across width, spaces, 《》 and a trailing full stop."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    return text.strip("《》").rstrip("。.")


def author_of(truth: dict) -> str | None:
    """Who wrote the report: the region of a regional report, the enterprise of an enterprise report, else the school."""
    return {"city": truth.get("region"), "province": truth.get("region"),
            "enterprise": truth.get("enterprise")}.get(truth["kind"], truth.get("school"))
