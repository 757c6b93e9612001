"""The database: connection, migrations, ingest and the reports read back (the web service's own
queries are in accounts.py and reviews.py). SQLite file by default, PostgreSQL by URL
(postgresql+psycopg://…); the schema is created and upgraded by Alembic migrations. What it returns
are the plain records of records.py; no ORM row leaves this package."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, func, insert, or_, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..errors import InputError, os_reason
from . import DEFAULT_URL, NoDatabase
from .records import (
    CaseHit,
    ReportRecord,
    StoredCase,
    StoredFact,
    StoredFinding,
    StoredReport,
    StoredSchool,
    StoredValue,
    YearlyValue,
)
from .schema import CaseRow, FactRow, FindingRow, IndicatorValueRow, ReportRow, SchoolRow
from .web_schema import ReportTextRow

URL_FORMS = "请使用 sqlite:///文件.db 或 postgresql+psycopg://用户@主机/库名。"
FTS_MIN_CHARS = 3  # the trigram tokenizer cannot match shorter queries; those fall back to LIKE
SNIPPET_CHARS = 40


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL waits for a parallel process too
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL still survives a killed process (what a resumed batch relies on); it only
    # skips the fsync per commit, which made the single writer of a batch the bottleneck.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _snippet(text_: str, query: str) -> str:
    at = text_.find(query)
    if at < 0:
        return text_[: SNIPPET_CHARS * 2]
    start = max(0, at - SNIPPET_CHARS)
    end = min(len(text_), at + len(query) + SNIPPET_CHARS)
    return ("…" if start else "") + text_[start:end] + ("…" if end < len(text_) else "")


def _stored(row: ReportRow, parts: bool = True) -> StoredReport:
    """A report row as a plain record; ``parts``: with its findings and values (loaded by the query)."""
    school = StoredSchool(row.school.name, row.school.level) if row.school else None
    findings = [StoredFinding(f.code, f.severity, f.message, f.line, f.page, f.evidence, f.dimension, f.heading,
                              f.fingerprint, f.id) for f in row.findings] if parts else []
    values = [StoredValue(v.indicator, v.value, v.unit, v.line, v.page, v.evidence, v.confidence, v.headline, v.source,
                          v.source_table, v.source_row, v.source_column) for v in row.values] if parts else []
    return StoredReport(row.id, row.content_hash, row.file, row.format, row.year, row.level, row.title, row.score,
                        row.status, row.error, school, findings, values)


def _fact_row(fact) -> dict:
    """A model.Fact as the columns of FactRow."""
    q, source = fact.qualifiers, fact.source
    return dict(line=fact.span.line, page=fact.span.page, subject=fact.subject, value=fact.value, unit=fact.unit,
                kind=fact.kind, approximate=fact.approximate, raw=fact.raw, source_table=source.table, source_row=source.row,
                source_column=source.column, year=q.year, period=q.period, scope=q.scope, level=q.level,
                subset_of=q.subset_of, new=q.new, direction=q.direction, evidence=fact.evidence)


def _school_name(row: CaseRow) -> str:
    return row.report.school.name if row.report.school else Path(row.report.file).stem


SQLITE_HEADER = b"SQLite format 3\x00"
SAVE_ATTEMPTS = 3  # a parallel ingest may insert the same school or content between our read and write
MIGRATION_LOCK = 7351_2016  # PostgreSQL advisory lock key: one process migrates at a time


def _sqlite_file(url: URL, create: bool) -> None:
    """An SQLite URL names a file: refuse what would silently become a new, empty database (a typed
    path whose folder does not exist, or a missing file unless ``create``) and what is no database."""
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        return
    path = Path(url.database)
    if path.is_dir():
        raise InputError(str(path), "这是一个文件夹，不是数据库文件。请在 --db 中写出数据库文件名，如 sqlite:///年报.db。")
    if not path.exists():
        if not path.parent.is_dir():
            raise InputError(str(path), f"数据库所在的文件夹“{path.parent}”不存在。请检查 --db 的路径是否写错。")
        if not create:
            raise NoDatabase(str(path), "数据库文件不存在。请检查 --db 的路径是否写错")
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InputError(str(path), f"无法打开数据库文件（{os_reason(exc)}）。请检查路径和权限。") from None
    if head and head != SQLITE_HEADER:
        raise InputError(str(path), "这个文件不是 SQLite 数据库（可能写错了文件名，或是别的文件）。"
                                    "请检查 --db 的路径；新建数据库请换一个不存在的文件名。")


def _connection_problem(url: URL, error: Exception) -> InputError:
    """Why the database could not be opened, in Chinese; the driver's own (English) text stays out."""
    said = str(getattr(error, "orig", error)).lower()
    if url.get_backend_name() == "sqlite":
        if "not a database" in said or "malformed" in said:
            return InputError(url.database or str(url), "数据库文件已损坏或不是 SQLite 数据库。请检查 --db 的路径，或从备份恢复。")
        if "readonly" in said or "read-only" in said:
            return InputError(url.database or str(url), "数据库文件是只读的。请检查文件和所在文件夹的写入权限。")
        if "locked" in said or "busy" in said:
            return InputError(url.database or str(url), "数据库正被其他程序长时间占用。请稍后再试。")
        return InputError(url.database or str(url), "无法打开数据库文件。请检查路径以及文件和所在文件夹的读写权限。")
    shown = url.render_as_string(hide_password=True)
    server = f"{url.host or '本机'}" + (f":{url.port}" if url.port else "")
    if "password" in said or "authentication" in said:
        reason = f"用户“{url.username}”的用户名或密码不对"
    elif "role" in said and "does not exist" in said:
        reason = f"服务器上没有用户“{url.username}”"
    elif "database" in said and "does not exist" in said:
        reason = f"服务器上没有数据库“{url.database}”，请先用 createdb 创建"
    elif "refused" in said or "could not connect" in said or "no such file" in said:
        reason = f"连不上服务器 {server}（服务没有启动，或主机、端口写错了）"
    elif "timeout" in said or "timed out" in said:
        reason = f"连接服务器 {server} 超时"
    elif "could not translate host name" in said or "name or service not known" in said:
        reason = f"找不到主机“{url.host}”"
    elif "permission denied" in said:
        reason = "数据库用户没有建表或写入的权限"
    else:
        reason = "数据库服务器拒绝了连接或操作"
    return InputError(shown, f"无法连接数据库：{reason}。请检查数据库地址、服务是否已启动以及访问权限。")


class Store:
    def __init__(self, url: str | None = None, migrate: bool = True, create: bool = True):
        """``create``: an SQLite file that does not exist yet may be created (the command line allows
        it only for the default path or with --create, so a mistyped path is not a new database)."""
        self.url = url or DEFAULT_URL
        try:
            parsed = make_url(self.url)
        except ArgumentError:
            raise InputError(self.url, f"数据库地址无法识别。{URL_FORMS}") from None
        if parsed.get_backend_name() == "sqlite":
            _sqlite_file(parsed, create)
        try:
            self.engine: Engine = create_engine(self.url)
        except (ArgumentError, ImportError):
            raise InputError(self.url, f"数据库地址中的类型“{parsed.get_backend_name()}”不受支持。{URL_FORMS}") from None
        self.parsed = parsed
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest migration (creates it in an empty database). Processes that
        start together (two ingests on a new database) migrate one after the other: the first takes
        a lock (SQLite: a write transaction; PostgreSQL: an advisory lock), the others find the
        schema current when they get it."""
        config = Config()
        config.set_main_option("script_location", str(resources.files(__package__).joinpath("migrations")))
        head = ScriptDirectory.from_config(config).get_current_head()
        try:
            with self.engine.connect() as connection:
                if MigrationContext.configure(connection).get_current_revision() == head:
                    return
            with self.engine.begin() as connection:
                if self.dialect == "sqlite":
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                elif self.dialect == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except DBAPIError as exc:
            raise _connection_problem(self.parsed, exc) from exc

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # ---- ingest -------------------------------------------------------------------------------
    def known_hashes(self, include_errors: bool = False) -> set[str]:
        query = select(ReportRow.content_hash)
        if not include_errors:
            query = query.where(ReportRow.status == "ok")
        with self.session() as session:
            return set(session.scalars(query))

    def save(self, record: ReportRecord) -> int:
        """Store one file's result; the id of its report row."""
        return self.store_report(record)[0]

    def store_report(self, record: ReportRecord) -> tuple[int, bool]:
        """Store one file's result in one transaction (so an interrupted batch loses nothing it
        committed and never half a report): its report id, and whether this call stored it (False
        when the content was stored already, by an earlier batch or a parallel one). A previous
        error row for the same content is replaced. When a parallel process inserts the same school
        or content between our read and our write, the transaction is tried again and finds it."""
        for _ in range(SAVE_ATTEMPTS - 1):
            try:
                return self._store_report(record)
            except IntegrityError:
                continue
        return self._store_report(record)

    def _store_report(self, record: ReportRecord) -> tuple[int, bool]:
        with self.session() as session, session.begin():
            old = session.scalar(select(ReportRow).where(ReportRow.content_hash == record.content_hash))
            if old is not None:
                if old.status == "ok":
                    return old.id, False
                session.delete(old)
                session.flush()
            school = None
            if record.school:
                school = session.scalar(select(SchoolRow).where(SchoolRow.name == record.school))
                if school is None:
                    school = SchoolRow(name=record.school, level=record.level)
                    session.add(school)
            row = ReportRow(
                school=school, content_hash=record.content_hash, file=record.file, format=record.format,
                year=record.year, level=record.level, title=record.title, score=record.score,
                status="error" if record.error else "ok", error=record.error,
            )
            session.add(row)
            session.flush()
            # Core inserts: a report brings hundreds of values, and the batch writes them all from one process.
            rows = {
                FindingRow: [dict(code=f.code, severity=f.severity, message=f.shown, line=f.span.line, page=f.span.page,
                                  evidence=f.evidence, dimension=f.dimension, heading=f.heading,
                                  fingerprint=f.fingerprint) for f in record.findings],
                IndicatorValueRow: [dict(indicator=v.id, value=v.value, unit=v.unit, line=v.line, page=v.page,
                                         evidence=v.evidence, confidence=v.confidence, headline=v.headline, source=v.source,
                                         source_table=v.table, source_row=v.row, source_column=v.column)
                                    for v in record.values],
                FactRow: [_fact_row(f) for f in record.facts],
                CaseRow: [vars(c) for c in record.cases],
            }
            for entity, values in rows.items():
                if values:
                    session.connection().execute(insert(entity.__table__), [{**v, "report_id": row.id} for v in values])
            if record.lines is not None:
                session.add(ReportTextRow(report_id=row.id, lines=json.dumps(record.lines, ensure_ascii=False)))
            return row.id, True

    # ---- reading ------------------------------------------------------------------------------
    def failures(self) -> list[StoredReport]:
        query = (select(ReportRow).where(ReportRow.status == "error").options(selectinload(ReportRow.school))
                 .order_by(ReportRow.file))
        with self.session() as session:
            return [_stored(row, parts=False) for row in session.scalars(query)]

    def years(self) -> list[int]:
        with self.session() as session:
            query = select(ReportRow.year).where(ReportRow.status == "ok", ReportRow.year.is_not(None)).distinct()
            return sorted(session.scalars(query))

    def reports(self, year: int | None = None) -> list[StoredReport]:
        """Readable reports with school, values and findings loaded; one per school (the latest
        ingested) when a school has several for the year."""
        query = (select(ReportRow).where(ReportRow.status == "ok")
                 .options(selectinload(ReportRow.school), selectinload(ReportRow.values), selectinload(ReportRow.findings))
                 .order_by(ReportRow.id))
        if year is not None:
            query = query.where(ReportRow.year == year)
        with self.session() as session:
            latest: dict[object, ReportRow] = {}
            for row in session.scalars(query):
                latest[(row.school_id or row.file, row.year)] = row
            return [_stored(row) for row in latest.values()]

    def yearly_values(self, schools: set[str] | None = None) -> list[YearlyValue]:
        """Every school's headline indicator values in every year it has a report (the latest ingested
        report of a school and year), by school, year and indicator: the series year over year."""
        query = (select(SchoolRow.name, ReportRow.year, ReportRow.id, IndicatorValueRow.indicator,
                        IndicatorValueRow.value, IndicatorValueRow.line)
                 .join(ReportRow, ReportRow.school_id == SchoolRow.id)
                 .join(IndicatorValueRow, IndicatorValueRow.report_id == ReportRow.id)
                 .where(ReportRow.status == "ok", ReportRow.year.is_not(None), IndicatorValueRow.headline.is_(True))
                 .order_by(ReportRow.id))
        if schools is not None:
            query = query.where(SchoolRow.name.in_(schools))
        latest: dict[tuple[str, int], tuple[int, dict[str, YearlyValue]]] = {}
        with self.session() as session:
            for name, year, report_id, indicator, value, line in session.execute(query):
                if latest.get((name, year), (report_id,))[0] != report_id:  # in id order: a newer report replaces it
                    del latest[name, year]
                _, by_indicator = latest.setdefault((name, year), (report_id, {}))
                by_indicator[indicator] = YearlyValue(name, year, indicator, value, line)
        values = [value for _, by_indicator in latest.values() for value in by_indicator.values()]
        return sorted(values, key=lambda v: (v.school, v.year, v.indicator))

    def report(self, report_id: int) -> StoredReport | None:
        """One report by id, with its school, findings and values."""
        query = (select(ReportRow).where(ReportRow.id == report_id)
                 .options(selectinload(ReportRow.school), selectinload(ReportRow.values), selectinload(ReportRow.findings)))
        with self.session() as session:
            row = session.scalar(query)
            return _stored(row) if row else None

    def facts(self, report_id: int) -> list[StoredFact]:
        """The stated figures of one report, in the order of the text."""
        with self.session() as session:
            rows = session.scalars(select(FactRow).where(FactRow.report_id == report_id).order_by(FactRow.id))
            return [StoredFact(r.line, r.page, r.subject, r.value, r.unit, r.kind, r.approximate, r.raw, r.source_table,
                               r.source_row, r.source_column, r.year, r.period, r.scope, r.level, r.subset_of, r.new,
                               r.direction, r.evidence) for r in rows]

    def counts(self) -> dict[str, int]:
        with self.session() as session:
            return {
                "schools": session.scalar(select(func.count()).select_from(SchoolRow)),
                "reports": session.scalar(select(func.count()).select_from(ReportRow).where(ReportRow.status == "ok")),
                "errors": session.scalar(select(func.count()).select_from(ReportRow).where(ReportRow.status == "error")),
                "findings": session.scalar(select(func.count()).select_from(FindingRow)),
                "values": session.scalar(select(func.count()).select_from(IndicatorValueRow)),
                "facts": session.scalar(select(func.count()).select_from(FactRow)),
                "cases": session.scalar(select(func.count()).select_from(CaseRow)),
            }

    def snapshot(self) -> list[tuple]:
        """Every stored fact without ids or timestamps, sorted: two databases holding the same
        ingested content give the same snapshot (used to prove a resumed batch equals a clean one)."""
        with self.session() as session:
            rows = []
            for report in session.scalars(select(ReportRow).options(
                    selectinload(ReportRow.school), selectinload(ReportRow.values), selectinload(ReportRow.facts),
                    selectinload(ReportRow.findings), selectinload(ReportRow.cases))):
                head = (report.content_hash, report.file, report.status, report.error, report.year, report.level,
                        report.school.name if report.school else None, report.score)
                rows.append(("report", *head))
                rows += [("value", report.content_hash, v.indicator, v.value, v.unit, v.line, v.headline, v.source)
                         for v in report.values]
                rows += [("fact", report.content_hash, f.line, f.value, f.unit, f.subject, f.source_row, f.source_column)
                         for f in report.facts]
                rows += [("finding", report.content_hash, f.code, f.line, f.message) for f in report.findings]
                rows += [("case", report.content_hash, c.number, c.title, len(c.text)) for c in report.cases]
            return sorted(rows, key=repr)

    # ---- case library -------------------------------------------------------------------------
    def _case_match(self, query: str):
        """What matches ``query``: the FTS phrase (SQLite, three characters or more) or a substring
        condition (short queries, and PostgreSQL, where pg_trgm's index serves ILIKE)."""
        if self.dialect == "sqlite" and len(query) >= FTS_MIN_CHARS:
            return '"' + query.replace('"', '""') + '"'
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return or_(CaseRow.title.ilike(pattern, escape="\\"), CaseRow.text.ilike(pattern, escape="\\"))

    def count_cases(self, query: str) -> int:
        """How many cases ``search_cases`` finds without a limit."""
        query = query.strip()
        if not query:
            return 0
        match = self._case_match(query)
        with self.session() as session:
            if isinstance(match, str):
                return session.scalar(text("SELECT count(*) FROM cases_fts WHERE cases_fts MATCH :q"), {"q": match})
            return session.scalar(select(func.count()).select_from(CaseRow).where(match))

    def search_cases(self, query: str, limit: int = 20) -> list[CaseHit]:
        query = query.strip()
        if not query:
            return []
        match = self._case_match(query)
        with self.session() as session:
            if isinstance(match, str):
                ids = list(session.scalars(
                    text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q ORDER BY bm25(cases_fts) LIMIT :n"),
                    {"q": match, "n": limit}))
            else:
                ids = list(session.scalars(select(CaseRow.id).where(match).order_by(CaseRow.id).limit(limit)))
            by_id = {row.id: row for row in session.scalars(
                select(CaseRow).where(CaseRow.id.in_(ids)).options(selectinload(CaseRow.report).selectinload(ReportRow.school)))}
            hits = []
            for case_id in ids:
                row = by_id[case_id]
                hits.append(CaseHit(row.id, _school_name(row), row.report.year, row.number, row.title, _snippet(row.text, query)))
            return hits

    def cases(self, ids: list[int]) -> list[StoredCase]:
        """Cases by id, in the order asked, each with its school's name and report year."""
        with self.session() as session:
            rows = {row.id: row for row in session.scalars(
                select(CaseRow).where(CaseRow.id.in_(ids)).options(selectinload(CaseRow.report).selectinload(ReportRow.school)))}
            return [StoredCase(row.id, row.number, row.title, row.text, row.line, _school_name(row), row.report.year)
                    for row in (rows[i] for i in ids if i in rows)]
