"""Staff see a resident's email only where their work needs it: admins on the users page,
never moderators in the queue or on the review page."""

from tests.factories import make_category, make_idea, make_user

EMAIL = "hamza.private@example.org"


def test_moderators_never_see_a_residents_email(client, auth, db):
    author = make_user(email=EMAIL, name="Hamza")
    idea = make_idea(author=author, category=make_category(), status="pending", title="Crosswalk")
    db.session.commit()
    auth.login(role="moderator")
    for path in ("/moderation", f"/moderation/ideas/{idea.id}"):
        page = client.get(path).get_data(as_text=True)
        assert "Hamza" in page and EMAIL not in page, path
    assert client.get("/admin/users").status_code == 403


def test_admins_see_addresses_on_the_users_page(client, auth, db):
    make_user(email=EMAIL)
    db.session.commit()
    auth.login(role="admin")
    assert EMAIL in client.get("/admin/users").get_data(as_text=True)


def test_open_data_never_names_a_deleted_account(app, client, auth, db):
    from tests.factories import PASSWORD

    app.config["OPEN_DATA_AUTHOR_NAMES"] = True
    author = make_user(name="Hamza Visible")
    make_idea(author=author, category=make_category(), title="Kept idea")
    db.session.commit()
    assert "Hamza Visible" in client.get("/open-data/ideas.csv").get_data(as_text=True)
    auth.login_as(author)
    client.post("/account/delete", data={"ideas": "keep", "password": PASSWORD})
    csv = client.get("/open-data/ideas.csv").get_data(as_text=True)
    assert "Kept idea" in csv and "Participant" not in csv and "Hamza" not in csv
