"""The review workflow in the store: a school's submission per year and its state, uploads and the
worker's job queue, the stored text of a report, the newest report per school and year, the
decisions on findings and the ledger they make with the current findings. Plain records out (records.py), never ORM rows."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from .database import Store
from .records import LedgerEntry, SchoolInfo, StoredDecision, StoredFinding, Submission, Upload
from .schema import ReportRow, utcnow
from .web_schema import DecisionRow, ReportTextRow, SubmissionRow, UploadRow


def _submission(row: SubmissionRow) -> Submission:
    return Submission(row.id, row.public_id, row.school_id, row.year, row.state, row.note, row.updated_at)


def _upload(row: UploadRow, submission: SubmissionRow) -> Upload:
    return Upload(row.id, row.public_id, row.submission_id, submission.school_id, submission.year, row.filename,
                  row.stored_name, row.format, row.size, row.status, row.stage, row.progress, row.error, row.report_id,
                  row.created_at, row.finished_at)


def _decision(row: DecisionRow) -> StoredDecision:
    return StoredDecision(row.fingerprint, row.code, row.heading, row.evidence, row.message, row.answer,
                          row.explanation, row.review, row.review_note, row.public_id, row.school_id, row.year,
                          row.answered_at, row.reviewed_at)


# ---- submissions ------------------------------------------------------------------------------
def submission(store: Store, school_id: int, year: int, create: bool = True) -> Submission | None:
    with store.session() as session:
        query = select(SubmissionRow).where(SubmissionRow.school_id == school_id, SubmissionRow.year == year)
        row = session.scalar(query)
        if row is None and create:
            session.add(SubmissionRow(school_id=school_id, year=year, state="draft", note=""))
            try:
                session.commit()
            except IntegrityError:  # created meanwhile by a parallel request
                session.rollback()
            row = session.scalar(query)
        return _submission(row) if row else None


def submissions(store: Store, year: int, school_ids: set[int] | None = None) -> dict[int, Submission]:
    query = select(SubmissionRow).where(SubmissionRow.year == year)
    if school_ids is not None:
        query = query.where(SubmissionRow.school_id.in_(school_ids))
    with store.session() as session:
        return {row.school_id: _submission(row) for row in session.scalars(query)}


def move(store: Store, submission_id: int, allowed_from: tuple[str, ...], to: str, note: str | None = None) -> bool:
    """Change the state only from one of ``allowed_from`` (one UPDATE, so two reviewers cannot race)."""
    values = {"state": to, "updated_at": utcnow()}
    if note is not None:
        values["note"] = note
    with store.session() as session, session.begin():
        result = session.execute(update(SubmissionRow).where(SubmissionRow.id == submission_id,
                                                             SubmissionRow.state.in_(allowed_from)).values(**values))
        return result.rowcount == 1


# ---- uploads and jobs -------------------------------------------------------------------------
def add_upload(store: Store, submission_id: int, filename: str, stored_name: str, fmt: str, size: int,
               account_id: int | None) -> Upload:
    with store.session() as session, session.begin():
        row = UploadRow(submission_id=submission_id, filename=filename, stored_name=stored_name, format=fmt, size=size,
                        status="queued", stage="排队等待", progress=0, uploaded_by=account_id)
        session.add(row)
        session.flush()
        return _upload(row, session.get(SubmissionRow, submission_id))


def _uploads(session, query) -> list[Upload]:
    return [_upload(u, s) for u, s in session.execute(query.join(SubmissionRow, UploadRow.submission_id == SubmissionRow.id)
                                                      .add_columns(SubmissionRow)).tuples()]


def upload(store: Store, *, public_id: str | None = None, upload_id: int | None = None) -> Upload | None:
    query = select(UploadRow).where(UploadRow.public_id == public_id if public_id else UploadRow.id == upload_id)
    with store.session() as session:
        found = _uploads(session, query)
        return found[0] if found else None


def uploads(store: Store, submission_id: int) -> list[Upload]:
    with store.session() as session:
        return _uploads(session, select(UploadRow).where(UploadRow.submission_id == submission_id)
                        .order_by(UploadRow.id.desc()))


def current_upload(store: Store, submission_id: int) -> Upload | None:
    """The newest upload that was processed (what the submission shows and is judged on)."""
    with store.session() as session:
        found = _uploads(session, select(UploadRow).where(UploadRow.submission_id == submission_id,
                                                          UploadRow.status == "done").order_by(UploadRow.id.desc()).limit(1))
        return found[0] if found else None


def pending_uploads(store: Store, submission_id: int) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(UploadRow).where(
            UploadRow.submission_id == submission_id, UploadRow.status.in_(("queued", "running"))))


def claim_job(store: Store) -> Upload | None:
    """Take the oldest queued upload (queued → running in one conditional UPDATE, so two workers never
    take the same one)."""
    with store.session() as session:
        candidates = list(session.scalars(select(UploadRow.id).where(UploadRow.status == "queued")
                                          .order_by(UploadRow.id).limit(5)))
    for upload_id in candidates:
        with store.session() as session, session.begin():
            taken = session.execute(update(UploadRow).where(UploadRow.id == upload_id, UploadRow.status == "queued")
                                    .values(status="running", stage="开始处理", progress=1)).rowcount
        if taken:
            return upload(store, upload_id=upload_id)
    return None


def requeue_interrupted(store: Store) -> int:
    """Jobs left running by a stopped service start again from the beginning."""
    with store.session() as session, session.begin():
        return session.execute(update(UploadRow).where(UploadRow.status == "running")
                               .values(status="queued", stage="服务重启后重新排队", progress=0)).rowcount


def job_progress(store: Store, upload_id: int, stage: str, progress: int) -> None:
    with store.session() as session, session.begin():
        session.execute(update(UploadRow).where(UploadRow.id == upload_id).values(stage=stage, progress=progress))


def finish_job(store: Store, upload_id: int, report_id: int | None = None, error: str | None = None) -> None:
    values = dict(status="failed" if error else "done", stage="处理失败" if error else "处理完成", progress=100,
                  error=error, report_id=report_id, finished_at=utcnow())
    with store.session() as session, session.begin():
        session.execute(update(UploadRow).where(UploadRow.id == upload_id).values(**values))


# ---- reports ----------------------------------------------------------------------------------
def report_text(store: Store, report_id: int) -> str | None:
    with store.session() as session:
        return session.scalar(select(ReportTextRow.lines).where(ReportTextRow.report_id == report_id))


def latest_reports(store: Store, school_ids: set[int] | None = None) -> dict[tuple[int, int], int]:
    """(school id, year) → the newest readable report's id."""
    query = (select(ReportRow.school_id, ReportRow.year, func.max(ReportRow.id))
             .where(ReportRow.status == "ok", ReportRow.school_id.is_not(None), ReportRow.year.is_not(None))
             .group_by(ReportRow.school_id, ReportRow.year))
    if school_ids is not None:
        query = query.where(ReportRow.school_id.in_(school_ids))
    with store.session() as session:
        return {(school_id, year): report_id for school_id, year, report_id in session.execute(query).tuples()}


def data_version(store: Store) -> tuple:
    """Changes whenever a report is stored or removed (what cached regional figures depend on)."""
    with store.session() as session:
        return tuple(session.execute(select(func.count(ReportRow.id), func.max(ReportRow.id))).one())


# ---- decisions --------------------------------------------------------------------------------
def decisions(store: Store, school_ids: set[int]) -> dict[tuple[int, str], StoredDecision]:
    """(school id, fingerprint) → decision."""
    with store.session() as session:
        rows = session.scalars(select(DecisionRow).where(DecisionRow.school_id.in_(school_ids)).order_by(DecisionRow.id))
        return {(row.school_id, row.fingerprint): _decision(row) for row in rows}


def decision(store: Store, public_id: str) -> StoredDecision | None:
    with store.session() as session:
        row = session.scalar(select(DecisionRow).where(DecisionRow.public_id == public_id))
        return _decision(row) if row else None


def answer(store: Store, school_id: int, finding: StoredFinding, year: int | None, verdict: str, explanation: str,
           account_id: int) -> StoredDecision:
    """The school's answer on a finding (a new answer clears an earlier review: it must be judged again)."""
    with store.session() as session, session.begin():
        row = session.scalar(select(DecisionRow).where(DecisionRow.school_id == school_id,
                                                       DecisionRow.fingerprint == finding.fingerprint))
        if row is None:
            row = DecisionRow(school_id=school_id, fingerprint=finding.fingerprint, year=year, review_note="")
            session.add(row)
        row.code, row.message, row.evidence, row.heading = finding.code, finding.message, finding.evidence, finding.heading
        row.answer, row.explanation, row.answered_by, row.answered_at = verdict, explanation, account_id, utcnow()
        row.review, row.review_note, row.reviewed_by, row.reviewed_at = None, "", None, None
        session.flush()
        return _decision(row)


def review(store: Store, public_id: str, verdict: str, note: str, account_id: int) -> StoredDecision | None:
    """The reviewer's verdict on an answered decision (None when there is no answer to judge)."""
    with store.session() as session, session.begin():
        row = session.scalar(select(DecisionRow).where(DecisionRow.public_id == public_id))
        if row is None or row.answer is None:
            return None
        row.review, row.review_note, row.reviewed_by, row.reviewed_at = verdict, note, account_id, utcnow()
        session.flush()
        return _decision(row)


def ledger(store: Store, schools: list[SchoolInfo], year: int) -> list[LedgerEntry]:
    """问题清单 / 整改台账 of the schools: every finding of each school's newest report of the year with
    the decision on it, then the school's decisions whose finding no longer appears."""
    latest = latest_reports(store, {s.id for s in schools})
    decided = decisions(store, {s.id for s in schools})
    entries = []
    for school in schools:
        report_id = latest.get((school.id, year))
        report = store.report(report_id) if report_id else None
        findings = report.findings if report else []
        present = {f.fingerprint for f in findings}
        entries += [LedgerEntry(school, f, decided.get((school.id, f.fingerprint))) for f in findings]
        entries += [LedgerEntry(school, None, d) for (school_id, fp), d in decided.items()
                    if school_id == school.id and fp not in present]
    return entries
