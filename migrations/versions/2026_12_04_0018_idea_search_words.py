"""one search index: words of titles and descriptions of every idea, in place of the map's title words

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 18:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

ORDER_INDEXES = {
    'ix_ideas_status_created': ['status', 'created_at', 'id'],
    'ix_ideas_status_support': ['status', 'support_count', 'id'],
}


def _term_columns(placed_only):
    return [
        sa.Column('term', sa.String(length=64).with_variant(sa.String(length=64, collation='C'), 'postgresql'), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('map_key', sa.BigInteger(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('district_id', sa.Integer(), nullable=True),
        sa.Column('lng', sa.Float(), nullable=not placed_only),
        sa.Column('lat', sa.Float(), nullable=not placed_only),
    ]


def upgrade():
    op.create_table('idea_terms',
    *_term_columns(placed_only=False),
    sa.PrimaryKeyConstraint('term', 'status', 'map_key', 'idea_id', name=op.f('pk_idea_terms'),
                            postgresql_include=['category_id', 'district_id', 'lng', 'lat']),
    sqlite_with_rowid=False
    )
    op.create_index('ix_idea_terms_idea', 'idea_terms', ['idea_id', 'term'], unique=False)
    op.drop_index('ix_map_terms_idea', table_name='map_terms')
    op.drop_table('map_terms')
    # The list's and the API's orders in full, so that a page of a search is read in order from
    # an index (ties on supports: the latest idea first, as the API's cursor pages).
    for name, columns in ORDER_INDEXES.items():
        op.drop_index(name, table_name='ideas')
        op.create_index(name, 'ideas', columns, unique=False)
    # Every idea already in the database gets its words now (title and description, placed or
    # not), computed by the search module itself so that the index equals what its hooks keep.
    from app.ideas.search_index import rebuild_terms

    rebuild_terms(op.get_bind())


def downgrade():
    op.create_table('map_terms',
    *_term_columns(placed_only=True),
    sa.PrimaryKeyConstraint('term', 'status', 'map_key', 'idea_id', name=op.f('pk_map_terms'),
                            postgresql_include=['category_id', 'district_id', 'lng', 'lat']),
    sqlite_with_rowid=False
    )
    op.create_index('ix_map_terms_idea', 'map_terms', ['idea_id', 'term'], unique=False)
    op.drop_index('ix_idea_terms_idea', table_name='idea_terms')
    op.drop_table('idea_terms')
    for name, columns in ORDER_INDEXES.items():
        op.drop_index(name, table_name='ideas')
        op.create_index(name, 'ideas', columns[:2], unique=False)
    # The older code's `flask --app wsgi geo rebuild-cells` refills map_terms with title words.
