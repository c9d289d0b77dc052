"""Categories are data: seeded by the migration, edited by admins on /admin/categories."""

from sqlalchemy import select

from app.ideas.models import Category
from tests.factories import make_category


def _form(**fields):
    data = {
        "slug": "benches",
        "theme": "public_space",
        "name_fr": "Bancs",
        "name_ar": "كراسي",
        "name_en": "Benches",
        "color": "#AA3300",
        "position": "5",
        "is_active": "y",
    }
    data.update(fields)
    return data


def test_default_categories_cover_both_themes_in_three_languages(app, db):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return  # PostgreSQL tests truncate tables; the migration data is checked on SQLite.
    categories = {c.slug: c for c in db.session.scalars(select(Category)).all()}
    assert {
        "public-transport",
        "walking",
        "cycling",
        "parking",
        "road-safety",
        "accessible-transport",
        "parks-greenery",
        "squares-placemaking",
        "street-furniture-shade",
        "lighting",
        "cleanliness",
        "accessibility",
    } <= set(categories)
    assert {c.theme for c in categories.values()} == {"mobility", "public_space"}
    lighting = categories["lighting"]
    assert (lighting.name("fr"), lighting.name("ar"), lighting.name("en")) == (
        "Éclairage public",
        "الإنارة العمومية",
        "Lighting",
    )


def test_admin_adds_a_category(client, db, auth):
    auth.login(role="admin")
    response = client.post("/admin/categories", data={f"new-{k}": v for k, v in _form().items()})
    assert response.status_code == 302
    category = db.session.scalar(select(Category).where(Category.slug == "benches"))
    assert (category.name_ar, category.color, category.position, category.is_active) == (
        "كراسي",
        "#aa3300",
        5,
        True,
    )


def test_admin_edits_names_colour_position_and_deactivates(client, db, auth):
    category = make_category(slug="benches")
    auth.login(role="admin")
    response = client.post(
        f"/admin/categories/{category.id}",
        data=_form(name_en="Seating", color="#004488", position="2", is_active=""),
    )
    assert response.status_code == 302
    db.session.expire_all()
    category = db.session.get(Category, category.id)
    assert (category.name_en, category.color, category.position, category.is_active) == (
        "Seating",
        "#004488",
        2,
        False,
    )


def test_bad_category_input_shows_errors_and_changes_nothing(client, db, auth):
    make_category(slug="taken")
    auth.login(role="admin")
    response = client.post(
        "/admin/categories?lang=en",
        data={f"new-{k}": v for k, v in _form(slug="taken", color="red", name_fr="").items()},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Use a colour such as #1f6f8b." in page and "Enter a name." in page
    response = client.post(
        "/admin/categories?lang=en", data={f"new-{k}": v for k, v in _form(slug="taken").items()}
    )
    assert "Another category already uses this identifier." in response.get_data(as_text=True)
    assert db.session.scalar(select(Category).where(Category.name_fr == "Bancs")) is None


def test_only_admins_manage_categories(client, auth):
    assert client.get("/admin/categories").status_code == 302
    auth.login(role="moderator")
    assert client.get("/admin/categories").status_code == 403
    auth.login(role="admin")
    assert client.get("/admin/categories").status_code == 200
