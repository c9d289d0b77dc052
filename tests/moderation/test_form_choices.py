"""Select fields are given SelectChoice options, so WTForms warns about nothing on any page that has them."""

import warnings

import pytest

from app.extensions import db
from tests.factories import make_idea, make_user


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("moderator", "/moderation?type=edit"),
        ("moderator", "/moderation/ideas/{id}"),
        ("moderator", "/moderation/ideas/{id}/public-status"),
        ("citizen", "/ideas/{id}/report"),
        ("author", "/ideas/{id}/correction"),
        ("admin", "/admin/votes"),
        ("citizen", "/ideas?status=published"),
    ],
)
def test_pages_with_select_fields_raise_no_deprecation_warning(client, auth, role, path):
    author = make_user()
    idea = make_idea(author=author)
    db.session.commit()
    auth.login_as(author) if role == "author" else auth.login(role=role)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get(path.format(id=idea.id))
    assert response.status_code == 200
    assert [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)] == []
