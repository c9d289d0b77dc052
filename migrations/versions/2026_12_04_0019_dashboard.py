"""dashboard aggregates and district populations

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 17:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

DIMENSIONS = (
    ('breakdown', sa.String(length=10)),
    ('category_id', sa.Integer()),
    ('district_id', sa.Integer()),
    ('value', sa.String(length=20)),
    ('month', sa.String(length=7)),
)
KEY = ('breakdown', 'category_id', 'district_id', 'value', 'month')
BY_DISTRICT = ('breakdown', 'district_id', 'category_id', 'value', 'month')


def _dimensions():
    return [sa.Column(name, type_, nullable=False) for name, type_ in DIMENSIONS]


def upgrade():
    with op.batch_alter_table('districts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('population', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_districts_population_positive'), 'population IS NULL OR population >= 0')

    op.create_table(
        'dashboard_ideas',
        *_dimensions(),
        sa.Column('received', sa.Integer(), nullable=False),
        sa.Column('published', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*KEY, name=op.f('pk_dashboard_ideas')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_dashboard_ideas_by_district', 'dashboard_ideas', list(BY_DISTRICT))
    op.create_table(
        'dashboard_supports',
        *_dimensions(),
        sa.Column('supports', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*KEY, name=op.f('pk_dashboard_supports')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_dashboard_supports_by_district', 'dashboard_supports', list(BY_DISTRICT))
    op.create_table(
        'dashboard_decisions',
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('hours', sa.Integer(), nullable=False),
        sa.Column('decisions', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('month', 'action', 'hours'),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'dashboard_districts',
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('participants', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('district_id'),
    )
    op.create_table(
        'dashboard_events',
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('ideas', sa.Integer(), nullable=False),
        sa.Column('published', sa.Integer(), nullable=False),
        sa.Column('supports', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('event_id'),
    )
    op.create_table(
        'dashboard_top_ideas',
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('supports', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('category_id', 'district_id', 'rank'),
    )
    op.create_table(
        'dashboard_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('refreshed_at', sa.DateTime(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_dashboard_state_single_row')),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    for table in ('dashboard_state', 'dashboard_top_ideas', 'dashboard_events', 'dashboard_districts', 'dashboard_decisions',
                  'dashboard_supports', 'dashboard_ideas'):
        op.drop_table(table)
    with op.batch_alter_table('districts', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_districts_population_positive'), type_='check')
        batch_op.drop_column('population')
