"""moderation: latitude band index for duplicate search

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-22 09:10:00

The queue looks for possible duplicates of a whole page of items at once; this index lets
each item's ~300 m box be read as two or three short ranges rather than a city-wide band.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_ideas_status_lat_band_lng',
        'ideas',
        ['status', sa.text('CAST(lat * 200 AS INTEGER)'), 'lng'],
        unique=False,
    )


def downgrade():
    op.drop_index('ix_ideas_status_lat_band_lng', table_name='ideas')
