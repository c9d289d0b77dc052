"""relays: relays, assisted ideas, in-person supports, paper batches, their audit log; the channel of every idea and vote

Revision ID: 0023
Revises: 0026
Create Date: 2026-12-04 20:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('paper_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_paper_batches_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_paper_batches_district_id_districts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_batches')),
    sa.UniqueConstraint('code', name=op.f('uq_paper_batches_code'))
    )
    op.create_table('relays',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=120), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('granted_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_relays_granted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_relays_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_relays'))
    )
    op.create_table('assisted_ideas',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('relay_id', sa.Integer(), nullable=True),
    sa.Column('organisation', sa.String(length=120), nullable=False),
    sa.Column('resident_name', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('consent_by', sa.String(length=80), nullable=False),
    sa.Column('consent_at', sa.DateTime(), nullable=False),
    sa.Column('consent_scope', sa.String(length=20), nullable=False),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("channel IN ('in_person', 'phone', 'paper', 'workshop')", name=op.f('ck_assisted_ideas_assisted_channel_known')),
    sa.CheckConstraint("consent_scope IN ('publish', 'publish_contact')", name=op.f('ck_assisted_ideas_consent_scope_known')),
    sa.ForeignKeyConstraint(['batch_id'], ['paper_batches.id'], name=op.f('fk_assisted_ideas_batch_id_paper_batches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'], name=op.f('fk_assisted_ideas_claimed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_assisted_ideas_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['relay_id'], ['users.id'], name=op.f('fk_assisted_ideas_relay_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('idea_id', name=op.f('pk_assisted_ideas'))
    )
    with op.batch_alter_table('assisted_ideas', schema=None) as batch_op:
        batch_op.create_index('ix_assisted_ideas_email', ['email'], unique=False)
        batch_op.create_index('ix_assisted_ideas_relay', ['relay_id', 'created_at'], unique=False)

    op.create_table('in_person_supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('relay_id', sa.Integer(), nullable=True),
    sa.Column('supporter_name', sa.String(length=80), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('consent_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("channel IN ('in_person', 'phone', 'paper', 'workshop')", name=op.f('ck_in_person_supports_support_channel_known')),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_in_person_supports_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['relay_id'], ['users.id'], name=op.f('fk_in_person_supports_relay_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_in_person_supports'))
    )
    with op.batch_alter_table('in_person_supports', schema=None) as batch_op:
        batch_op.create_index('ix_in_person_supports_idea', ['idea_id'], unique=False)

    op.create_table('relay_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('target_user_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_relay_audit_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_relay_audit_idea_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_user_id'], ['users.id'], name=op.f('fk_relay_audit_target_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relay_audit'))
    )
    with op.batch_alter_table('relay_audit', schema=None) as batch_op:
        batch_op.create_index('ix_relay_audit_created', ['created_at'], unique=False)

    op.create_table('relay_districts',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_relay_districts_district_id_districts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['relays.user_id'], name=op.f('fk_relay_districts_user_id_relays'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'district_id', name=op.f('pk_relay_districts'))
    )
    # Every idea and vote so far came through the site: the server default backfills "online".
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=20), server_default='online', nullable=False))

    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=20), server_default='online', nullable=False))



def downgrade():
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of `ideas` would lose its expression index.
    op.execute("ALTER TABLE votes DROP COLUMN channel")
    op.execute("ALTER TABLE ideas DROP COLUMN channel")

    op.drop_table('relay_districts')
    with op.batch_alter_table('relay_audit', schema=None) as batch_op:
        batch_op.drop_index('ix_relay_audit_created')

    op.drop_table('relay_audit')
    with op.batch_alter_table('in_person_supports', schema=None) as batch_op:
        batch_op.drop_index('ix_in_person_supports_idea')

    op.drop_table('in_person_supports')
    with op.batch_alter_table('assisted_ideas', schema=None) as batch_op:
        batch_op.drop_index('ix_assisted_ideas_relay')
        batch_op.drop_index('ix_assisted_ideas_email')

    op.drop_table('assisted_ideas')
    op.drop_table('relays')
    op.drop_table('paper_batches')
