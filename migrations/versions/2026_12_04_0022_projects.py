"""projects: city projects with statuses, districts, links to ideas, milestones, photos, followers, log; moderators' permissions

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-04 20:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0020'
branch_labels = None
depends_on = None

# slug, French, Arabic, English, stage, position
STATUSES = (
    ("study", "Étude", "دراسة", "Study", "open", 10),
    ("procurement", "Appel d'offres", "طلب العروض", "Procurement", "open", 20),
    ("works", "Travaux", "أشغال", "Works", "open", 30),
    ("delivered", "Livré", "منجز", "Delivered", "delivered", 40),
    ("abandoned", "Abandonné", "متخلى عنه", "Abandoned", "abandoned", 50),
)
NOW = sa.text('(CURRENT_TIMESTAMP)')


def upgrade():
    op.create_table(
        'user_permissions',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('permission', sa.String(length=40), nullable=False),
        sa.CheckConstraint("permission IN ('manage_projects')", name=op.f('ck_user_permissions_permission_known')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'permission'),
    )
    statuses = op.create_table(
        'project_statuses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=40), nullable=False),
        sa.Column('name_fr', sa.String(length=80), nullable=False),
        sa.Column('name_ar', sa.String(length=80), nullable=False),
        sa.Column('name_en', sa.String(length=80), nullable=False),
        sa.Column('stage', sa.String(length=10), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.CheckConstraint("stage IN ('open', 'delivered', 'abandoned')", name=op.f('ck_project_statuses_stage_known')),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('slug'),
    )
    op.bulk_insert(
        statuses,
        [
            {"slug": s, "name_fr": fr, "name_ar": ar, "name_en": en, "stage": stage, "position": pos}
            for s, fr, ar, en, stage, pos in STATUSES
        ],
    )
    op.create_table(
        'projects',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title_fr', sa.String(length=200), nullable=True),
        sa.Column('title_ar', sa.String(length=200), nullable=True),
        sa.Column('title_en', sa.String(length=200), nullable=True),
        sa.Column('description_fr', sa.Text(), nullable=True),
        sa.Column('description_ar', sa.Text(), nullable=True),
        sa.Column('description_en', sa.Text(), nullable=True),
        sa.Column('department', sa.String(length=160), nullable=False),
        sa.Column('status_id', sa.Integer(), nullable=False),
        sa.Column('budget_mad', sa.BigInteger(), nullable=True),
        sa.Column('start_date', sa.Date(), nullable=True),
        sa.Column('end_date', sa.Date(), nullable=True),
        sa.Column('geometry', sa.Text(), nullable=True),
        sa.Column('progress_manual', sa.Integer(), nullable=True),
        sa.Column('delivered_on', sa.Date(), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=NOW, nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('title_fr IS NOT NULL OR title_ar IS NOT NULL OR title_en IS NOT NULL', name=op.f('ck_projects_has_title')),
        sa.CheckConstraint('budget_mad IS NULL OR budget_mad >= 0', name=op.f('ck_projects_budget_positive')),
        sa.CheckConstraint('start_date IS NULL OR end_date IS NULL OR start_date <= end_date', name=op.f('ck_projects_dates_in_order')),
        sa.CheckConstraint('progress_manual IS NULL OR (progress_manual >= 0 AND progress_manual <= 100)', name=op.f('ck_projects_progress_percent')),
        sa.ForeignKeyConstraint(['status_id'], ['project_statuses.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_projects_status', 'projects', ['status_id'])
    op.create_table(
        'project_districts',
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id']),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('project_id', 'district_id'),
    )
    op.create_index('ix_project_districts_district', 'project_districts', ['district_id'])
    op.create_table(
        'project_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('outcome_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=NOW, nullable=False),
        sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['outcome_id'], ['creathon_outcomes.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project_id', 'idea_id'),
    )
    op.create_index('ix_project_links_idea', 'project_links', ['idea_id'])
    op.create_table(
        'project_milestones',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('reached_on', sa.Date(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=NOW, nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_project_milestones_project', 'project_milestones', ['project_id', 'due_on'])
    op.create_table(
        'project_photos',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('milestone_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.CheckConstraint("kind IN ('before', 'progress', 'after')", name=op.f('ck_project_photos_kind_known')),
        sa.ForeignKeyConstraint(['milestone_id'], ['project_milestones.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'project_follows',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=NOW, nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'project_id'),
    )
    op.create_index('ix_project_follows_project', 'project_follows', ['project_id'])
    op.create_table(
        'project_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=30), nullable=False),
        sa.Column('explanation', sa.Text(), nullable=True),
        sa.Column('before', sa.JSON(), nullable=True),
        sa.Column('after', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=NOW, nullable=False),
        sa.CheckConstraint(
            "action IN ('created', 'edited', 'status', 'progress', 'idea_linked', 'outcome_linked', 'unlinked',"
            " 'milestone_added', 'milestone_reached')",
            name=op.f('ck_project_changes_action_known'),
        ),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id']),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_project_changes_project', 'project_changes', ['project_id', 'created_at'])


def downgrade():
    for index, table in (
        ('ix_project_changes_project', 'project_changes'),
        ('ix_project_follows_project', 'project_follows'),
        ('ix_project_milestones_project', 'project_milestones'),
        ('ix_project_links_idea', 'project_links'),
        ('ix_project_districts_district', 'project_districts'),
        ('ix_projects_status', 'projects'),
    ):
        op.drop_index(index, table_name=table)
    for table in (
        'project_changes', 'project_follows', 'project_photos', 'project_milestones', 'project_links',
        'project_districts', 'projects', 'project_statuses', 'user_permissions',
    ):
        op.drop_table(table)
