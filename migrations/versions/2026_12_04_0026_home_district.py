"""residents choose their district (users.district_id): the map opens there, the form starts there

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-04 21:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0026'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_users_district_id_districts', 'districts', ['district_id'], ['id'], ondelete='SET NULL'
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('fk_users_district_id_districts', type_='foreignkey')
        batch_op.drop_column('district_id')
