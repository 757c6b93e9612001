"""Initial schema: schools, reports, findings, indicator values, cases and the case search index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schools",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("level", sa.String(10)),
        sa.UniqueConstraint("name", name="uq_schools_name"),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("school_id", sa.Integer, sa.ForeignKey("schools.id")),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("format", sa.String(10)),
        sa.Column("year", sa.Integer),
        sa.Column("level", sa.String(10)),
        sa.Column("title", sa.Text),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("score", sa.Float),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("content_hash", name="uq_reports_content_hash"),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("dimension", sa.String(20), nullable=False),
    )
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("indicator", sa.String(60), nullable=False, index=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("headline", sa.Boolean, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Trigram FTS5 over title and text, kept in step with the cases table by triggers.
        op.execute("CREATE VIRTUAL TABLE cases_fts USING fts5(title, text, content='cases', content_rowid='id', "
                   "tokenize='trigram')")
        op.execute("CREATE TRIGGER cases_ai AFTER INSERT ON cases BEGIN "
                   "INSERT INTO cases_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END")
        op.execute("CREATE TRIGGER cases_ad AFTER DELETE ON cases BEGIN "
                   "INSERT INTO cases_fts(cases_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_cases_search ON cases USING gin ((title || ' ' || text) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE cases_fts")
    for table in ("cases", "indicator_values", "findings", "reports", "schools"):
        op.drop_table(table)
