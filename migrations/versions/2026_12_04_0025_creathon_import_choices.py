"""creathon imports: Arabic title and city's answer of outcomes; skipped rows and publication of imports

Revision ID: 0025
Revises: 0022
Create Date: 2026-12-04 20:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('creathon_outcomes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_ar', sa.String(length=160), nullable=True))
        batch_op.add_column(sa.Column('answer', sa.Text(), nullable=True))
    with op.batch_alter_table('creathon_imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('skipped_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('published', sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table('creathon_imports', schema=None) as batch_op:
        batch_op.drop_column('published')
        batch_op.drop_column('skipped_count')
    with op.batch_alter_table('creathon_outcomes', schema=None) as batch_op:
        batch_op.drop_column('answer')
        batch_op.drop_column('title_ar')
