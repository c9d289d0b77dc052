"""After a deletion, no text column of any table holds the person's email, name or IP address
(run on SQLite and on PostgreSQL with TEST_DATABASE_URL)."""

import re

from sqlalchemy import JSON, String, Text, cast, select

from app.accounts.models import User
from app.extensions import db as _db
from app.ideas.models import Idea
from tests.factories import PASSWORD, make_category, make_user

EMAIL, NAME, IP = "yasmine.trace@example.org", "Yasmine Tracewell", "203.0.113.77"


def _text_columns():
    for table in _db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text | JSON):
                yield table, column


def _found(needles):
    """Every (table.column, needle) where a row holds the needle, case-insensitively."""
    hits = []
    for table, column in _text_columns():
        value = cast(column, Text) if isinstance(column.type, JSON) else column
        for (text,) in _db.session.execute(select(value).where(column.is_not(None))):
            for needle in needles:
                if needle.lower() in str(text).lower():
                    hits.append((f"{table.name}.{column.name}", needle))
    return hits


def test_deleting_an_account_leaves_no_email_name_or_address_in_any_column(app, client, db, runner):
    environ = {"REMOTE_ADDR": IP}
    category = make_category()
    neighbour_idea = _published_idea(category)
    db.session.commit()
    registered = client.post(
        "/register",
        data={
            "email": EMAIL,
            "display_name": NAME,
            "password": PASSWORD,
            "confirm": PASSWORD,
            "language": "fr",
            "accept_privacy": "y",
        },
        environ_base=environ,
    )
    assert registered.status_code == 302
    user = db.session.scalar(select(User).where(User.email == EMAIL))
    user.email_verified_at = user.created_at
    db.session.commit()
    client.post("/login", data={"email": EMAIL, "password": PASSWORD}, environ_base=environ)
    client.post(f"/ideas/{neighbour_idea.id}/vote", environ_base=environ)
    client.post(
        f"/ideas/{neighbour_idea.id}/report",
        data={"reason": "spam", "target": "idea", "details": "Spam."},
        environ_base=environ,
    )
    db.session.expire_all()
    assert db.session.get(Idea, neighbour_idea.id).support_count == 1
    assert db.session.get(Idea, neighbour_idea.id).open_reports == 1
    assert ("users.email", EMAIL) in _found([EMAIL])  # the scan does see what is there

    db.session.commit()  # on PostgreSQL, the request's commit must not sit inside a read of ours
    client.post("/account/delete", data={"ideas": "keep", "password": PASSWORD}, environ_base=environ)
    db.session.expire_all()
    assert _found([EMAIL, NAME, IP, EMAIL.split("@")[0]]) == []
    assert db.session.get(Idea, neighbour_idea.id).support_count == 0
    assert runner.invoke(args=["verify"]).exit_code == 0


def _published_idea(category):
    from tests.factories import make_idea

    return make_idea(author=make_user(), category=category, title="Crossing near the school")


def test_the_pseudonym_is_not_made_from_the_email(app, db):
    user = make_user(email=EMAIL, name=NAME)
    db.session.commit()
    from app.privacy.services import pseudonym

    name = pseudonym(user.id)
    assert re.fullmatch(r"Participant [0-9a-f]{6}", name)
    app.config["SECRET_KEY"] = "another-key"
    assert pseudonym(user.id) != name
