"""A resident's own district: chosen in the account settings, it opens the map there and starts
new ideas there; a bad choice changes nothing and says why."""

import re

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.ideas.models import District
from tests.ideas.helpers import make_districts


def _district(slug):
    from app.extensions import db

    return db.session.scalar(select(District).where(District.slug == slug))


def _reload(db, user):
    db.session.expire_all()
    return db.session.get(User, user.id)


@pytest.mark.parametrize(
    ("lang", "label", "saved"),
    [
        ("fr", "Mon quartier", "Votre quartier est enregistré"),
        ("ar", "حيّي", "تم حفظ حيّك"),
        ("en", "My district", "Your district is saved"),
    ],
)
def test_the_settings_page_saves_the_residents_district(client, db, auth, lang, label, saved):
    make_districts()
    user = auth.login()
    page = client.get(f"/account?lang={lang}").get_data(as_text=True)
    assert label in page and 'action="/account/district"' in page and 'value="derb"' in page
    response = client.post("/account/district", data={"district": "derb"}, follow_redirects=True)
    assert saved in response.get_data(as_text=True)
    assert _reload(db, user).district_id == _district("derb").id
    page = client.get(f"/account?lang={lang}").get_data(as_text=True)
    assert re.search(r'<option selected value="derb">|<option value="derb" selected>', page)


def test_the_map_opens_on_the_residents_district_unless_the_filters_choose_another(client, db, auth):
    make_districts()
    user = auth.login()
    client.post("/account/district", data={"district": "derb"})
    assert _reload(db, user).district_id is not None
    assert 'data-bounds="[[33.55, -7.62], [33.58, -7.59]]"' in client.get("/map").get_data(as_text=True)
    assert 'data-bounds="[[33.55, -7.65], [33.58, -7.62]]"' in client.get("/map?district=maarif").get_data(
        as_text=True
    )
    auth.logout()
    assert "data-bounds" not in client.get("/map").get_data(as_text=True)


def test_the_list_offers_the_residents_district_in_one_press(client, db, auth):
    make_districts()
    auth.login()
    assert "Ideas in my district" not in client.get("/ideas?lang=en").get_data(as_text=True)
    client.post("/account/district", data={"district": "derb"})
    page = client.get("/ideas?lang=en").get_data(as_text=True)
    assert '<a class="button button-secondary button-small" href="/ideas?district=derb">' in page
    assert "Ideas in my district: Derb Sultan en" in page
    # Once the list shows that district, the shortcut has nothing more to offer.
    assert "Ideas in my district" not in client.get("/ideas?district=derb&lang=en").get_data(as_text=True)


def test_a_new_idea_starts_in_the_residents_district(client, db, auth):
    make_districts()
    auth.login()
    page = client.get("/ideas/new").get_data(as_text=True)
    assert not re.search(r'<option selected value="derb">', page)
    client.post("/account/district", data={"district": "derb"})
    page = client.get("/ideas/new").get_data(as_text=True)
    assert re.search(r'<option selected value="derb">|<option value="derb" selected>', page)
    # The proposal map is centred on the district (Derb's centre), closer in than the city.
    derb = _district("derb")
    assert f"[{derb.center_lat}, {derb.center_lng}]" in page and '"zoom": 14' in page


def test_an_empty_choice_goes_back_to_the_whole_city(client, db, auth):
    make_districts()
    user = auth.login()
    client.post("/account/district", data={"district": "derb"})
    response = client.post("/account/district?lang=en", data={"district": ""}, follow_redirects=True)
    assert "The map now opens on the whole city." in response.get_data(as_text=True)
    assert _reload(db, user).district_id is None


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("fr", "Choisissez un quartier dans la liste."),
        ("ar", "اختر حيًّا من القائمة."),
        ("en", "Choose a district from the list."),
    ],
)
def test_an_unknown_district_changes_nothing_and_says_why(client, db, auth, lang, message):
    make_districts()
    user = auth.login()
    client.post("/account/district", data={"district": "derb"})
    response = client.post(
        f"/account/district?lang={lang}", data={"district": "atlantis"}, follow_redirects=True
    )
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _reload(db, user).district_id == _district("derb").id


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    make_districts()
    response = client.post("/account/district", data={"district": "derb"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_without_districts_the_setting_is_not_offered(client, db, auth):
    auth.login()
    assert 'action="/account/district"' not in client.get("/account").get_data(as_text=True)


def test_the_district_is_in_the_data_export_and_goes_with_the_account(client, db, auth):
    from app.privacy.export import profile
    from app.privacy.services import delete_account

    make_districts()
    user = auth.login()
    client.post("/account/district", data={"district": "maarif"})
    user = _reload(db, user)
    assert profile(user)["district"] == "maarif"
    delete_account(user, keep_ideas=True)
    db.session.commit()
    assert _reload(db, user).district_id is None


def test_deleting_a_district_forgets_it_for_the_residents_who_chose_it(client, db, auth):
    make_districts()
    user = auth.login()
    client.post("/account/district", data={"district": "maarif"})
    db.session.delete(_district("maarif"))
    db.session.commit()
    assert _reload(db, user).district_id is None
