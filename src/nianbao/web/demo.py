"""A demo region for ``nianbao serve --demo``: a province and two cities, fictitious schools whose
reports ``nianbao sample`` writes (uploaded and processed as a school would), and one account per
role with a fresh random password each run."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path

from ..sample.corpus import generate
from ..store import ROLES, Submission, reviews
from ..store import accounts as store_accounts
from . import auth
from .context import Service
from .worker import Worker

PROVINCE, CITIES = "示例省", ("示例省东州市", "示例省西州市")
YEAR = 2025


def seed(svc: Service, count: int = 6) -> list[tuple[str, str, str, str]]:
    """Fills an empty database; returns (role name, username, password, what the account sees)."""
    store = svc.store
    store_accounts.set_setting(store, "year", str(YEAR))
    province = store_accounts.create_region(store, PROVINCE)
    cities = [store_accounts.create_region(store, name, province.id) for name in CITIES]
    with tempfile.TemporaryDirectory() as folder:
        manifest = generate(Path(folder), count, seed=7, defect_rate=0.9, formats=("pdf", "docx"), year=YEAR)
        schools = []
        for k, entry in enumerate(manifest["reports"]):
            if any(d["kind"] == "bad_file" for d in entry["defects"]):
                continue
            school = store_accounts.upsert_school(store, entry["school"], entry["level"], cities[k % 2].id)
            submission = reviews.submission(store, school.id, YEAR)
            stored = secrets.token_hex(16) + Path(entry["file"]).suffix
            shutil.copyfile(Path(folder) / entry["file"], svc.upload_dir / stored)
            reviews.add_upload(store, submission.id, f"{school.name}{YEAR}年度质量报告{Path(entry['file']).suffix}",
                               stored, entry["format"], (svc.upload_dir / stored).stat().st_size, None)
            schools.append((school, submission))
    Worker(svc).run_pending()
    schools.sort(key=lambda pair: -_finding_count(svc, pair[1]))  # the demo accounts get reports with findings
    for _, submission in schools[2:4]:
        reviews.move(store, submission.id, ("draft",), "submitted")
    accounts = []

    def add(role: str, username: str, label: str, **where) -> None:
        password = secrets.token_urlsafe(8)
        store_accounts.create_account(store, username, auth.hash_password(password), role, label, **where)
        accounts.append((ROLES[role], username, password, label))

    add("admin", "admin", "系统管理员")
    add("reviewer", "shenhe", f"{PROVINCE}审核员", region_id=province.id)
    add("reviewer", "shenhe-dz", f"{CITIES[0]}审核员", region_id=cities[0].id)
    for k, (school, _) in enumerate(schools[:2], start=1):
        add("school", f"xuexiao{k}", school.name, school_id=school.id)
    return accounts


def _finding_count(svc: Service, submission: Submission) -> int:
    upload = reviews.current_upload(svc.store, submission.id)
    report = svc.store.report(upload.report_id) if upload and upload.report_id else None
    return len(report.findings) if report else 0
