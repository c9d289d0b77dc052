"""Shared helpers for the comment tests."""

from app.comments import services
from app.comments.models import Comment
from app.extensions import db


def post(user, idea, body="Yes, but put the bench in the shade.", **options):
    comment = services.post_comment(user, idea, body, **options)
    db.session.commit()
    return comment


def reload(comment):
    return db.session.get(Comment, comment.id, populate_existing=True)
