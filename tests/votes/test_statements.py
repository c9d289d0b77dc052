"""A support is a handful of statements: the resident, the idea with its rules, the write."""

import pytest

from tests.factories import make_idea
from tests.statements import recorded_statements

JSON = {"Accept": "application/json"}


@pytest.fixture
def statements(db):
    with recorded_statements() as seen:
        yield seen


def _writes_expected(db, action="unvote"):
    # PostgreSQL moves the row and the counter in one statement; SQLite in two. A support also
    # follows the idea (app/follows), in one more statement.
    return (1 if db.engine.dialect.name == "postgresql" else 2) + (action == "vote")


@pytest.mark.parametrize("action", ["vote", "unvote"])
def test_a_support_or_withdrawal_reads_once_and_writes_its_row_with_the_counter(
    client, auth, db, statements, action
):
    auth.login()
    idea_id = make_idea().id
    db.session.commit()
    if action == "unvote":
        client.post(f"/ideas/{idea_id}/vote", headers=JSON)
    statements.clear()
    response = client.post(f"/ideas/{idea_id}/{action}", headers=JSON)
    assert response.json["changed"] is True
    sent = [statement for statement, _params in statements]
    reads = [s for s in sent if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2, reads  # the signed-in resident; the idea with the round's rules
    assert len(sent) - len(reads) == _writes_expected(db, action), sent
