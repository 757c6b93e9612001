"""Facts: every stated figure of a report (subject, qualifiers, value, unit, kind, source cell);
indicator values say where they come from (prose, a table, the appended annex) and for which table
row and column.

Revision ID: 0003_facts
Revises: 0002_web_review
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_facts"
down_revision = "0002_web_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("subject", sa.Text, nullable=False, server_default=""),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(10), nullable=False, server_default=""),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("approximate", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("raw", sa.Text, nullable=False, server_default=""),
        sa.Column("source_table", sa.String(20), nullable=False, server_default=""),
        sa.Column("source_row", sa.Text, nullable=False, server_default=""),
        sa.Column("source_column", sa.Text),
        sa.Column("year", sa.String(20), nullable=False, server_default=""),
        sa.Column("period", sa.String(40), nullable=False, server_default=""),
        sa.Column("scope", sa.Text, nullable=False, server_default=""),
        sa.Column("level", sa.String(20), nullable=False, server_default=""),
        sa.Column("subset_of", sa.Text, nullable=False, server_default=""),
        sa.Column("new", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("direction", sa.String(10), nullable=False, server_default=""),
        sa.Column("evidence", sa.Text, nullable=False, server_default=""),
    )
    op.add_column("indicator_values", sa.Column("source", sa.String(10), nullable=False, server_default="text"))
    op.add_column("indicator_values", sa.Column("source_table", sa.String(20), nullable=False, server_default=""))
    op.add_column("indicator_values", sa.Column("source_row", sa.Text, nullable=False, server_default=""))
    op.add_column("indicator_values", sa.Column("source_column", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("indicator_values") as batch:
        for column in ("source_column", "source_row", "source_table", "source"):
            batch.drop_column(column)
    op.drop_table("facts")
