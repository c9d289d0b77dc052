"""a créathon event names the open-data snapshot its teams worked from

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('creathon_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('open_data_snapshot', sa.String(length=100), nullable=True))


def downgrade():
    with op.batch_alter_table('creathon_events', schema=None) as batch_op:
        batch_op.drop_column('open_data_snapshot')
