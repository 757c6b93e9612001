"""Web review service: regions, accounts, sessions, login failures, settings, submissions, upload
jobs, report texts and decisions; schools get a public id and a region, findings their heading
path and fingerprint.

Revision ID: 0002_web_review
Revises: 0001
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002_web_review"
down_revision = "0001"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _public_id() -> sa.Column:
    return sa.Column("public_id", sa.String(32), nullable=False, unique=True)


def upgrade() -> None:
    op.create_table(
        "regions", _id(), _public_id(),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("regions.id")),
    )
    # Plain ADD COLUMN (no batch copy: SQLite cannot drop a table other tables refer to); the public
    # id stays nullable in the database, the application always sets it.
    op.add_column("schools", sa.Column("public_id", sa.String(32)))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":  # SQLite declares a new column's reference inline only
        op.execute("ALTER TABLE schools ADD COLUMN region_id INTEGER REFERENCES regions (id)")
    else:
        op.add_column("schools", sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id", name="fk_schools_region")))
    schools = sa.table("schools", sa.column("id", sa.Integer), sa.column("public_id", sa.String))
    for (school_id,) in bind.execute(sa.select(schools.c.id)).all():
        bind.execute(schools.update().where(schools.c.id == school_id).values(public_id=secrets.token_urlsafe(12)))
    op.create_index("uq_schools_public_id", "schools", ["public_id"], unique=True)
    op.create_index("ix_schools_region_id", "schools", ["region_id"])
    op.add_column("findings", sa.Column("heading", sa.Text, nullable=False, server_default=""))
    op.add_column("findings", sa.Column("fingerprint", sa.String(40), nullable=False, server_default=""))
    op.create_index("ix_findings_fingerprint", "findings", ["fingerprint"])
    op.create_index("ix_reports_school_year", "reports", ["school_id", "year"])

    op.create_table(
        "accounts", _id(), _public_id(),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("school_id", sa.Integer, sa.ForeignKey("schools.id")),
        sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id")),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "web_sessions", _id(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "login_failures", _id(),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_login_failures_key_at", "login_failures", ["key", "at"])
    op.create_table("settings", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False))
    op.create_table(
        "submissions", _id(), _public_id(),
        sa.Column("school_id", sa.Integer, sa.ForeignKey("schools.id"), nullable=False, index=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("school_id", "year", name="uq_submissions_school_year"),
    )
    op.create_table(
        "uploads", _id(), _public_id(),
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False, index=True),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("stored_name", sa.String(64), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("status", sa.String(10), nullable=False, index=True),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("progress", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="SET NULL")),
        sa.Column("uploaded_by", sa.Integer, sa.ForeignKey("accounts.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
    )
    op.create_table(
        "report_texts",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("lines", sa.Text, nullable=False),
    )
    op.create_table(
        "decisions", _id(), _public_id(),
        sa.Column("school_id", sa.Integer, sa.ForeignKey("schools.id"), nullable=False, index=True),
        sa.Column("fingerprint", sa.String(40), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("heading", sa.Text, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("answer", sa.String(10)),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("answered_by", sa.Integer, sa.ForeignKey("accounts.id", ondelete="SET NULL")),
        sa.Column("answered_at", sa.DateTime),
        sa.Column("review", sa.String(10)),
        sa.Column("review_note", sa.Text, nullable=False),
        sa.Column("reviewed_by", sa.Integer, sa.ForeignKey("accounts.id", ondelete="SET NULL")),
        sa.Column("reviewed_at", sa.DateTime),
        sa.UniqueConstraint("school_id", "fingerprint", name="uq_decisions_school_fingerprint"),
    )


def downgrade() -> None:
    for table in ("decisions", "report_texts", "uploads", "submissions", "settings", "login_failures",
                  "web_sessions", "accounts"):
        op.drop_table(table)
    op.drop_index("ix_reports_school_year", "reports")
    op.drop_index("ix_findings_fingerprint", "findings")
    op.drop_index("ix_schools_region_id", "schools")
    op.drop_index("uq_schools_public_id", "schools")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_schools_region", "schools", type_="foreignkey")
    for table, column in (("findings", "fingerprint"), ("findings", "heading"), ("schools", "region_id"),
                          ("schools", "public_id")):
        op.drop_column(table, column)
    op.drop_table("regions")
