"""Shared fixtures: the real seed reports beside the project, and their hand-made truth files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

# CI runs the same examples every time (a red build must be reproducible); locally they vary.
settings.register_profile("ci", derandomize=True, deadline=None, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("NIANBAO_SEEDS", ROOT.parent / "shared" / "seeds"))
TRUTH = ROOT / "tests" / "truth"
SEED_STEMS = ["000_b5aaa64abcd64692", "003_cd509bb85a4891de"]
SAMPLE = ROOT / "examples" / "sample-report.txt"


def seed_path(stem: str) -> Path:
    """A seed report. Without the seeds (a clone alone) the test is skipped with the reason; under
    CI=true the seeds must be there, so their absence fails the test."""
    path = SEEDS / f"{stem}.txt"
    if not path.exists():
        where = f"{path} (../shared/seeds beside the clone, or the folder named by NIANBAO_SEEDS)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"seed report missing under CI=true: {where}")
        pytest.skip(f"seed report not available: {where}")
    return path


def truth(stem: str, kind: str) -> dict:
    return yaml.safe_load((TRUTH / f"{stem}.{kind}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(params=SEED_STEMS)
def seed_stem(request) -> str:
    return request.param
