"""The reviewer's region: submission status and scores of every school, indicators by level with
quartiles, trends across years, the region's ledger, and the case library with DOCX export."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request

from ..output import ledger
from ..output.cases_docx import write_cases
from ..store import SchoolInfo, reviews
from ..store import accounts as store_accounts
from . import auth
from .context import XLSX, Service, attachment, render, require, service
from .region_data import evaluation, histogram, trends

router = APIRouter()
reviewers = require("reviewer", "admin")
CASE_HITS = 50
MAX_EXPORT = 200


def region_schools(svc: Service, user: auth.Viewer) -> list[SchoolInfo]:
    return store_accounts.schools(svc.store, user.region_ids)


def _year(svc: Service, request: Request) -> int:
    value = request.query_params.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else svc.year()


@router.get("/region")
def dashboard(request: Request, user: auth.Viewer = Depends(reviewers), svc: Service = Depends(service)):
    year = _year(svc, request)
    schools = region_schools(svc, user)
    result = evaluation(svc, year, schools)
    states = reviews.submissions(svc.store, year, {s.id for s in schools})
    scored = {s.name: s for s in result.schools}
    rows = [(school, states.get(school.id), scored.get(school.name)) for school in schools]
    rows.sort(key=lambda row: (row[2] is None, row[2].rank if row[2] else 0, row[0].name))
    tally = {}
    for _, submission, _ in rows:
        name = submission.state_name if submission else "未提交"
        tally[name] = tally.get(name, 0) + 1
    by_name = {s.name: s.public_id for s in schools}
    return render(svc, request, "region.html.j2", user=user, shown_year=year, rows=rows, tally=tally, r=result,
                  histogram=histogram(svc, year, schools), trends=trends(svc, schools),
                  page=lambda name: f"/schools/{by_name.get(name, '')}/feedback")


@router.get("/region/ledger.xlsx")
def region_ledger(request: Request, user: auth.Viewer = Depends(reviewers), svc: Service = Depends(service)):
    year = _year(svc, request)
    rows = reviews.ledger(svc.store, region_schools(svc, user), year)
    region = user.account.region or "全部地区"
    return attachment(ledger.ledger_xlsx(rows, f"{region}整改台账"), f"{region}-{year}-整改台账.xlsx", XLSX)


@router.get("/region/cases")
def case_library(request: Request, user: auth.Viewer = Depends(reviewers), svc: Service = Depends(service)):
    query = request.query_params.get("q", "").strip()[:50]
    names = {s.name for s in region_schools(svc, user)}
    hits = [h for h in svc.store.search_cases(query, limit=CASE_HITS * 10) if h.school in names][:CASE_HITS] if query else []
    return render(svc, request, "cases.html.j2", user=user, query=query, hits=hits)


@router.get("/region/cases.docx")
def case_export(request: Request, user: auth.Viewer = Depends(reviewers), svc: Service = Depends(service)):
    ids = [int(v) for v in request.query_params.getlist("id") if v.isdigit()][:MAX_EXPORT]
    names = {s.name for s in region_schools(svc, user)}
    chosen = [case for case in svc.store.cases(ids) if case.school in names]
    if not chosen:
        return render(svc, request, "error.html.j2", 400, user=user, message="请先勾选要导出的案例。")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.docx"
        write_cases(chosen, path)
        data = path.read_bytes()
    return attachment(data, "典型案例汇编.docx",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
