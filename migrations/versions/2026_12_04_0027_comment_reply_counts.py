"""comments: reply_count counts the published replies only (those every reader sees)

Revision ID: 0027
Revises: 0023
Create Date: 2026-12-04 23:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0027'
down_revision = '0023'
branch_labels = None
depends_on = None

RECOUNT = (
    "UPDATE comments SET reply_count = (SELECT count(*) FROM comments AS replies"
    " WHERE replies.parent_id = comments.id AND replies.status = 'published')"
)


def upgrade():
    op.execute(RECOUNT)


def downgrade():
    # Before, every reply still in the table was counted, whatever its status.
    op.execute(
        "UPDATE comments SET reply_count = (SELECT count(*) FROM comments AS replies"
        " WHERE replies.parent_id = comments.id)"
    )
