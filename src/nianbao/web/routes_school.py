"""A school's submission: upload and processing, the annotated report with its findings, answers
and reviews of findings, the submission's state, the ledger and the decisions file."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import PurePosixPath

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.datastructures import UploadFile

from ..errors import InputError
from ..output import ledger
from ..readers import identify, pdf_pages
from ..rules.base import REGISTRY, all_rules, family_of
from ..store import SchoolInfo, Upload, reviews
from ..store import accounts as store_accounts
from . import auth, pages
from .context import XLSX, Service, attachment, redirect, render, require, service, visible_school
from .region_data import feedback_for

router = APIRouter()
EDITABLE = ("draft", "returned")  # states in which the school may upload and answer
MEDIA_TYPES = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "text": "text/plain; charset=utf-8", "ole": "application/msword"}
MAX_EXPLANATION = 2000
CHUNK = 1 << 20

anyone = require("school", "reviewer", "admin")
reviewers = require("reviewer", "admin")


def _visible_upload(svc: Service, user: auth.Viewer, public_id: str) -> tuple[Upload, SchoolInfo]:
    upload = reviews.upload(svc.store, public_id=public_id)
    school = store_accounts.school(svc.store, school_id=upload.school_id) if upload else None
    if upload is None or not user.may_see(school):
        raise auth.NotFound()
    return upload, school


def _school_page(svc: Service, request: Request, user: auth.Viewer, school: SchoolInfo, message: str = "",
                 status: int = 200):
    submission = reviews.submission(svc.store, school.id, svc.year())
    current = reviews.current_upload(svc.store, submission.id)
    report = svc.store.report(current.report_id) if current and current.report_id else None
    counts = {s: sum(f.severity == s for f in report.findings) for s in ("error", "warning", "info")} if report else {}
    headline = [v for v in report.values if v.headline] if report else []
    return render(svc, request, "school.html.j2", status, user=user, school=school, submission=submission,
                  uploads=reviews.uploads(svc.store, submission.id), current=current, report=report, counts=counts,
                  values=headline, indicator_names=_indicator_names(), editable=submission.state in EDITABLE,
                  pending=reviews.pending_uploads(svc.store, submission.id), message=message,
                  max_mb=svc.max_upload / (1024 * 1024))


def _indicator_names() -> dict[str, str]:
    from ..indicators import catalog

    return {i.id: f"{i.name}" for i in catalog().values()}


@router.get("/schools/{school_id}")
def school_page(school_id: str, request: Request, user: auth.Viewer = Depends(anyone),
                      svc: Service = Depends(service)):
    return _school_page(svc, request, user, visible_school(svc, user, school_id))


def display_name(filename: str) -> str:
    """The file's own name without any folder part (shown to people, never used as a path)."""
    return PurePosixPath(filename.replace("\\", "/")).name.strip()[:200] or "未命名文件"


@router.post("/schools/{school_id}/uploads")
async def upload_report(school_id: str, request: Request, user: auth.Viewer = Depends(require("school")),
                        svc: Service = Depends(service)):
    school = visible_school(svc, user, school_id)
    submission = reviews.submission(svc.store, school.id, svc.year())
    if submission.state not in EDITABLE:
        return _school_page(svc, request, user, school, f"报告{submission.state_name}，不能再上传。", 409)
    form = await request.form()
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _school_page(svc, request, user, school, "请选择要上传的年报文件（PDF 或 DOCX）。", 400)
    name = display_name(file.filename)
    suffix = PurePosixPath(name).suffix.lower()
    # A generated name (only the extension comes from the user, and only letters and digits).
    stored = secrets.token_hex(16) + (suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else "")
    path = svc.upload_dir / stored
    size = 0
    with open(path, "wb") as out:
        while chunk := await file.read(CHUNK):
            size += len(chunk)
            if size > svc.max_upload:
                break
            out.write(chunk)
    if size > svc.max_upload:
        path.unlink(missing_ok=True)
        return _school_page(svc, request, user, school,
                            f"{name}：文件超过 {svc.max_upload / (1024 * 1024):g} MB 的上限。请压缩图片后重新导出再上传。", 413)
    try:
        kind = identify(path, shown=name)
    except InputError as error:
        path.unlink(missing_ok=True)
        return _school_page(svc, request, user, school, f"{error.path}：{error.message}", 400)
    reviews.add_upload(svc.store, submission.id, name, stored, kind, size, user.account.id)
    request.app.state.worker.wake()
    return redirect(f"/schools/{school.public_id}")


@router.get("/uploads/{upload_id}/status")
def upload_status(upload_id: str, user: auth.Viewer = Depends(anyone), svc: Service = Depends(service)):
    upload, _ = _visible_upload(svc, user, upload_id)
    return JSONResponse({"status": upload.status, "stage": upload.stage, "progress": upload.progress,
                         "error": upload.error, "report": f"/reports/{upload.public_id}" if upload.status == "done" else None})


@router.post("/schools/{school_id}/submit")
async def submit(school_id: str, request: Request, user: auth.Viewer = Depends(require("school")),
                 svc: Service = Depends(service)):
    school = visible_school(svc, user, school_id)
    submission = reviews.submission(svc.store, school.id, svc.year())
    if reviews.current_upload(svc.store, submission.id) is None or reviews.pending_uploads(svc.store, submission.id):
        return _school_page(svc, request, user, school, "请先上传年报并等待处理完成，再提交审核。", 409)
    if not reviews.move(svc.store, submission.id, EDITABLE, "submitted"):
        return _school_page(svc, request, user, school, f"报告当前状态为“{submission.state_name}”，不能提交。", 409)
    return redirect(f"/schools/{school.public_id}")


@router.post("/schools/{school_id}/review")
async def review_submission(school_id: str, request: Request, user: auth.Viewer = Depends(reviewers),
                            svc: Service = Depends(service)):
    school = visible_school(svc, user, school_id)
    form = await request.form()
    action, note = str(form.get("action", "")), str(form.get("note", ""))[:MAX_EXPLANATION]
    target = {"approve": "approved", "return": "returned"}.get(action)
    submission = reviews.submission(svc.store, school.id, svc.year())
    if target is None:
        return _school_page(svc, request, user, school, "请选择“审核通过”或“退回修改”。", 400)
    if not reviews.move(svc.store, submission.id, ("submitted",), target, note):
        return _school_page(svc, request, user, school, f"报告当前状态为“{submission.state_name}”，只能审核已提交的报告。", 409)
    return redirect(f"/schools/{school.public_id}")


# ---- the annotated report ---------------------------------------------------------------------
def _report_of(svc: Service, user: auth.Viewer, upload_id: str):
    upload, school = _visible_upload(svc, user, upload_id)
    if upload.status != "done" or upload.report_id is None:
        raise auth.NotFound()
    report = svc.store.report(upload.report_id)
    if report is None:
        raise auth.NotFound()
    return upload, school, report


@router.get("/reports/{upload_id}")
def report_page(upload_id: str, request: Request, user: auth.Viewer = Depends(anyone),
                      svc: Service = Depends(service)):
    upload, school, report = _report_of(svc, user, upload_id)
    lines = json.loads(reviews.report_text(svc.store, report.id) or "[]")
    if upload.format == "pdf":
        pdf = svc.upload_dir / upload.stored_name
        boxes = pages.cached_boxes(svc.page_dir / str(report.id), pdf, lines, report.findings)
        views = [pages.PageView(n, boxes=boxes.get(n, [])) for n in range(1, pdf_pages.page_count(pdf) + 1)]
        located = {b.finding_id: n for n, bs in boxes.items() for b in bs}
    else:
        views = pages.text_pages(lines, report.findings)
        located = {fid: view.number for view in views for fid in view.finding_ids}
    by_line = {}
    for finding in report.findings:
        by_line.setdefault(finding.line, []).append(finding)
    submission = reviews.submission(svc.store, school.id, upload.year, create=False)
    decided = reviews.decisions(svc.store, {school.id})
    list(all_rules())
    explain = {f.code: REGISTRY[f.code].doc() for f in report.findings if f.code in REGISTRY}
    return render(svc, request, "report.html.j2", user=user, school=school, upload=upload, report=report, pages=views,
                  located=located, by_line=by_line, explain=explain, family_of=family_of,
                  decisions={fp: d for (_, fp), d in decided.items()},
                  editable=submission is not None and submission.state in EDITABLE and user.role == "school",
                  families=sorted({family_of(f.code) for f in report.findings}))


@router.get("/reports/{upload_id}/pages/{number}.png")
def page_image(upload_id: str, number: int, user: auth.Viewer = Depends(anyone), svc: Service = Depends(service)):
    upload, _, report = _report_of(svc, user, upload_id)
    if upload.format != "pdf":
        raise auth.NotFound()
    path = pages.page_png(svc.page_dir / str(report.id), svc.upload_dir / upload.stored_name, number)
    if path is None:
        raise auth.NotFound()
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/reports/{upload_id}/file")
def original_file(upload_id: str, user: auth.Viewer = Depends(anyone), svc: Service = Depends(service)):
    upload, _ = _visible_upload(svc, user, upload_id)
    return FileResponse(svc.upload_dir / upload.stored_name, media_type=MEDIA_TYPES.get(upload.format, "application/octet-stream"),
                        filename=upload.filename, headers={"Cache-Control": "private, no-store"})


@router.post("/reports/{upload_id}/answer")
async def answer_finding(upload_id: str, request: Request, user: auth.Viewer = Depends(require("school")),
                         svc: Service = Depends(service)):
    upload, school, report = _report_of(svc, user, upload_id)
    form = await request.form()
    finding = next((f for f in report.findings if f.fingerprint == form.get("fingerprint")), None)
    verdict, explanation = str(form.get("answer", "")), str(form.get("explanation", "")).strip()[:MAX_EXPLANATION]
    submission = reviews.submission(svc.store, school.id, upload.year, create=False)
    if finding is None:
        raise auth.NotFound()
    if submission is None or submission.state not in EDITABLE:
        return render(svc, request, "error.html.j2", 409, user=user, message="报告已提交或已审核通过，不能再修改答复。")
    if verdict not in ("fixed", "explained") or (verdict == "explained" and not explanation):
        return render(svc, request, "error.html.j2", 400, user=user, message="请选择“已整改”，或选择“说明理由”并填写理由。")
    reviews.answer(svc.store, school.id, finding, report.year, verdict, explanation, user.account.id)
    return redirect(f"/reports/{upload.public_id}#f-{finding.id}")


@router.post("/decisions/{decision_id}/review")
async def review_decision(decision_id: str, request: Request, user: auth.Viewer = Depends(reviewers),
                          svc: Service = Depends(service)):
    decision = reviews.decision(svc.store, decision_id)
    if decision is None or not user.may_see(store_accounts.school(svc.store, school_id=decision.school_id)):
        raise auth.NotFound()
    form = await request.form()
    verdict = str(form.get("verdict", ""))
    if verdict not in ("accepted", "rejected"):
        return render(svc, request, "error.html.j2", 400, user=user, message="请选择“接受”或“驳回”。")
    if reviews.review(svc.store, decision_id, verdict, str(form.get("note", "")).strip()[:MAX_EXPLANATION],
                      user.account.id) is None:
        return render(svc, request, "error.html.j2", 409, user=user, message="学校尚未答复这一问题，暂不能审核。")
    back = str(form.get("back", ""))
    return redirect(back if back.startswith("/reports/") and "//" not in back else "/")


# ---- ledger, decisions file, feedback ---------------------------------------------------------
@router.get("/schools/{school_id}/ledger")
def school_ledger(school_id: str, request: Request, user: auth.Viewer = Depends(anyone),
                        svc: Service = Depends(service)):
    school = visible_school(svc, user, school_id)
    rows = reviews.ledger(svc.store, [school], svc.year())
    current = reviews.current_upload(svc.store, reviews.submission(svc.store, school.id, svc.year()).id)
    return render(svc, request, "ledger.html.j2", user=user, school=school, rows=rows, current=current)


@router.get("/schools/{school_id}/ledger.xlsx")
def school_ledger_xlsx(school_id: str, user: auth.Viewer = Depends(anyone), svc: Service = Depends(service)):
    school = visible_school(svc, user, school_id)
    rows = reviews.ledger(svc.store, [school], svc.year())
    return attachment(ledger.ledger_xlsx(rows, f"{school.name}整改台账"), f"{school.name}-{svc.year()}-整改台账.xlsx", XLSX)


@router.get("/schools/{school_id}/decisions.json")
def school_decisions(school_id: str, user: auth.Viewer = Depends(anyone), svc: Service = Depends(service)):
    school = visible_school(svc, user, school_id)
    rows = reviews.ledger(svc.store, [school], svc.year())
    return attachment(ledger.decisions_file(rows, school.name), f"{school.name}-决定文件.json", "application/json")


@router.get("/schools/{school_id}/feedback")
def school_feedback(school_id: str, request: Request, user: auth.Viewer = Depends(anyone),
                          svc: Service = Depends(service)):
    school = visible_school(svc, user, school_id)
    regional, result = feedback_for(svc, school)
    return render(svc, request, "feedback.html.j2", user=user, school=school, r=regional, s=result)
