"""moderation team: claims, private notes, editable texts, account changes, signed multilingual answers

Revision ID: 0024
Revises: 0021
Create Date: 2026-12-04 20:15:00

Queue items can be claimed by (or assigned to) a moderator, moderators leave private notes on an
item, admins override the built-in rejection reasons and notification texts per language, the
users admin keeps a log of role changes and blocks and shows the last sign-in, the city's answer
is signed by the city or a department and written in several languages, and a decision can be
undone for a short time (the audit log's `undo` action).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0021'
branch_labels = None
depends_on = None

ACTIONS = (
    'approve', 'reject', 'request_changes', 'hide', 'restore', 'merge', 'correct', 'block_user',
    'dismiss_reports', 'auto_hide', 'public_status', 'approve_edit', 'reject_edit',
    # From 0021: the decisions on comments.
    'hide_comment', 'restore_comment', 'dismiss_comment_reports', 'auto_hide_comment',
    'approve_comment', 'reject_comment',
)


def _in(values):
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _set_known_actions(actions):
    """Replace the check on moderation_actions.action. SQLite rebuilds the table for that,
    which drops its append-only triggers: they are created again afterwards."""
    name = 'ck_moderation_actions_action_known'
    condition = f"action IN {_in(actions)}"
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_constraint(op.f(name), 'moderation_actions', type_='check')
        op.create_check_constraint(op.f(name), 'moderation_actions', condition)
        return
    op.execute("DROP TRIGGER moderation_actions_no_update")
    op.execute("DROP TRIGGER moderation_actions_no_delete")
    with op.batch_alter_table('moderation_actions', recreate='always') as batch_op:
        batch_op.drop_constraint(batch_op.f(name), type_='check')
        batch_op.create_check_constraint(batch_op.f(name), condition)
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER moderation_actions_no_{verb.lower()} BEFORE {verb} ON moderation_actions"
            " BEGIN SELECT RAISE(ABORT, 'moderation_actions is append-only'); END"
        )


def upgrade():
    op.create_table(
        'moderation_claims',
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('assigned_by_id', sa.Integer(), nullable=True),
        sa.Column('claimed_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_moderation_claims_idea_id_ideas'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_moderation_claims_user_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_moderation_claims_assigned_by_id_users')),
        sa.PrimaryKeyConstraint('idea_id', name=op.f('pk_moderation_claims')),
    )
    op.create_index('ix_moderation_claims_user', 'moderation_claims', ['user_id'], unique=False)
    op.create_table(
        'moderation_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_moderation_notes_idea_id_ideas'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_moderation_notes_author_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_notes')),
    )
    op.create_index('ix_moderation_notes_idea', 'moderation_notes', ['idea_id', 'created_at'], unique=False)
    op.create_table(
        'moderation_texts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_moderation_texts_updated_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_texts')),
        sa.UniqueConstraint('key', 'language', name=op.f('uq_moderation_texts_key')),
    )
    op.create_table(
        'account_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('change', sa.String(length=10), nullable=False),
        sa.Column('old_value', sa.String(length=20), nullable=True),
        sa.Column('new_value', sa.String(length=20), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.CheckConstraint("change IN ('role', 'block', 'unblock')", name=op.f('ck_account_changes_change_known')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_changes_user_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_account_changes_actor_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_changes')),
    )
    op.create_index('ix_account_changes_created', 'account_changes', ['created_at'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_login_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('public_status_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))
    _set_known_actions(ACTIONS + ('undo',))


def downgrade():
    # The log is append-only: `undo` rows written meanwhile stay, so the check keeps the action.
    with op.batch_alter_table('public_status_entries', schema=None) as batch_op:
        batch_op.drop_column('translations')
        batch_op.drop_column('signature')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_login_at')
    op.drop_index('ix_account_changes_created', table_name='account_changes')
    op.drop_table('account_changes')
    op.drop_table('moderation_texts')
    op.drop_index('ix_moderation_notes_idea', table_name='moderation_notes')
    op.drop_table('moderation_notes')
    op.drop_index('ix_moderation_claims_user', table_name='moderation_claims')
    op.drop_table('moderation_claims')
