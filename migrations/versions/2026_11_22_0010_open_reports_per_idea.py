"""open reports per idea, and the partial index of reported ideas the queue reads

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

REPORTED = sa.text("open_reports > 0")


def upgrade():
    # A plain ADD COLUMN (a constant default is allowed): SQLite keeps the table as it is.
    op.add_column('ideas', sa.Column('open_reports', sa.Integer(), server_default='0', nullable=False))
    op.execute(
        "UPDATE ideas SET open_reports = (SELECT count(*) FROM reports"
        " WHERE reports.idea_id = ideas.id AND reports.status = 'open')"
        " WHERE id IN (SELECT idea_id FROM reports WHERE status = 'open')"
    )
    op.create_index('ix_ideas_reported', 'ideas', ['created_at', 'id', 'status'], unique=False,
                    sqlite_where=REPORTED, postgresql_where=REPORTED)


def downgrade():
    op.drop_index('ix_ideas_reported', table_name='ideas', sqlite_where=REPORTED, postgresql_where=REPORTED)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite 3.35+ drops the column in place; a batch rebuild of ideas would lose the
        # expression index of migration 0007.
        op.execute("ALTER TABLE ideas DROP COLUMN open_reports")
    else:
        op.drop_column('ideas', 'open_reports')
