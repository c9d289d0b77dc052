"""a random session token per user in place of the integer security stamp

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 12:00:00

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

users = sa.table('users', sa.column('id', sa.Integer()), sa.column('session_token', sa.String(64)))


def upgrade():
    op.add_column('users', sa.Column('session_token', sa.String(length=64), nullable=True))
    # Each account its own random token, made here rather than by SQL so that both databases
    # draw it from the same source as the application (secrets). Sessions signed with the old
    # stamp end: everyone signs in again once.
    ids = op.get_bind().execute(sa.select(users.c.id)).scalars().all()
    if ids:
        op.get_bind().execute(
            users.update().where(users.c.id == sa.bindparam('uid')).values(session_token=sa.bindparam('token')),
            [{'uid': uid, 'token': secrets.token_urlsafe(32)} for uid in ids],
        )
    # SQLite cannot add NOT NULL to a column in place: batch rebuilds `users` (no index or
    # trigger of its own to lose; env.py turns foreign keys off meanwhile).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_column('security_stamp')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('security_stamp', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_column('session_token')
