"""title-word index for the map's text filter, in place of the trigram index

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 11:00:00

"""
import importlib.util
from pathlib import Path

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _trigram_index():
    """Migration 0008, whose objects this one removes and a downgrade puts back."""
    path = Path(__file__).with_name("2026_11_22_0008_title_trigram_index.py")
    spec = importlib.util.spec_from_file_location("agora_migration_0008", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade():
    op.create_table('map_terms',
    sa.Column('term', sa.String(length=64).with_variant(sa.String(length=64, collation='C'), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('map_key', sa.BigInteger(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('lng', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('term', 'status', 'map_key', 'idea_id', name=op.f('pk_map_terms'),
                            postgresql_include=['category_id', 'district_id', 'lng', 'lat']),
    sqlite_with_rowid=False
    )
    op.create_index('ix_map_terms_idea', 'map_terms', ['idea_id', 'term'], unique=False)
    _trigram_index().downgrade()
    # Filled by migration 0018, which replaces this table by `idea_terms` and indexes every idea.


def downgrade():
    _trigram_index().upgrade()
    op.drop_index('ix_map_terms_idea', table_name='map_terms')
    op.drop_table('map_terms')
