"""The queue's filters take slugs and say what they do not know; the review page's history reads
as names; each possible duplicate has its "merge into" button."""

from html import unescape

from app.extensions import db
from app.moderation import services
from app.moderation.models import ModerationAction
from tests.factories import make_category, make_idea, make_user
from tests.moderation.helpers import version


def test_queue_filters_accept_a_slug_or_an_id_and_say_when_a_value_is_unknown(client, auth):
    velo = make_category(slug="velo", fr="Vélo")
    other = make_category(slug="bancs", fr="Bancs")
    mine, theirs = make_idea(status="pending", category=velo), make_idea(status="pending", category=other)
    db.session.commit()
    auth.login(role="moderator")
    for value in ("velo", str(velo.id), "VELO"):
        page = client.get(f"/moderation?category={value}&lang=fr").get_data(as_text=True)
        assert f'id="item-{mine.id}"' in page and f'id="item-{theirs.id}"' not in page
        assert f'<option selected value="{velo.id}">' in page or f'value="{velo.id}" selected' in page
    page = unescape(
        client.get("/moderation?category=trottinette&district=nulle-part&type=bizarre&lang=fr").get_data(
            as_text=True
        )
    )
    assert "Aucune catégorie ne s'appelle « trottinette » : toutes les catégories sont affichées." in page
    assert "Aucun arrondissement ne s'appelle « nulle-part »" in page
    assert "« bizarre » n'est pas un type d'élément" in page
    assert f'id="item-{mine.id}"' in page and f'id="item-{theirs.id}"' in page


def test_the_history_names_categories_and_statuses_instead_of_ids(client, auth):
    velo = make_category(fr="Vélo", en="Cycling")
    transport = make_category(fr="Transports en commun", en="Public transport")
    idea = make_idea(category=velo)
    moderator = make_user(role="moderator")
    services.correct_idea(idea, moderator, idea.updated_at, category_id=transport.id)
    db.session.commit()
    auth.login_as(moderator)
    page = unescape(client.get(f"/moderation/ideas/{idea.id}?lang=fr").get_data(as_text=True))
    assert "Catégorie : Vélo → Transports en commun" in page
    assert "category_id" not in page and '{"category_id"' not in page


def test_each_possible_duplicate_has_a_merge_into_button(client, auth):
    original = make_idea(title="Piste cyclable boulevard Zerktouni", lat=33.5731, lng=-7.5898)
    copy = make_idea(status="pending", title="Piste cyclable boulevard Zerktouni", lat=33.5732, lng=-7.5899)
    db.session.commit()
    auth.login(role="moderator")
    page = client.get(f"/moderation/ideas/{copy.id}?lang=en").get_data(as_text=True)
    assert f"Merge into #{original.id}" in page
    assert f'name="original" value="{original.id}"' in page
    client.post(
        f"/moderation/ideas/{copy.id}/merge", data={"version": version(copy), "original": original.id}
    )
    db.session.refresh(copy)
    assert copy.status == "merged" and copy.merged_into_id == original.id
    assert db.session.query(ModerationAction).filter_by(action="merge").count() == 1
    page = client.get(f"/moderation/ideas/{copy.id}?lang=en").get_data(as_text=True)
    assert f"Merged into: #{original.id}" in page or f"Merged into: — → #{original.id}" in page
