"""What the ideas pages' templates get, and the latest ideas the home page shows."""

from flask import request
from flask_babel import get_locale
from flask_login import current_user

from app.core.figures import cached_figure
from app.core.time import month_start
from app.geometry.distance import distance_m
from app.ideas.forms import HomeDistrictForm
from app.ideas.labels import public_status_label, theme_label
from app.ideas.lifecycle import can, status_label
from app.ideas.queries import (
    any_illustrative_district,
    districts_by_name,
    home_district,
    latest_published,
    published_since,
)
from app.ideas.services import can_edit


def _distance_to(idea, point):
    if not idea.is_placed or point is None:
        return None
    return distance_m(point[0], point[1], idea.lat, idea.lng)


def template_helpers():
    """For the ideas blueprint's own pages; none of these runs a query until a page calls it."""
    return {
        "status_label": status_label,
        "theme_label": theme_label,
        "public_status_label": public_status_label,
        # Templates ask the lifecycle as services do: `{% if can(idea, "withdraw") %}`.
        "can": can,
        "can_edit_idea": lambda idea: can_edit(idea, current_user),
        "distance_to": _distance_to,
        "has_illustrative_districts": any_illustrative_district,
    }


def latest_ideas(**_):
    """The home page's slot: the five newest published ideas."""
    return {"latest": latest_published(5)}


def month_figure(**_):
    """The home page's figures: ideas published this month."""
    start = month_start()
    return {"ideas_this_month": cached_figure(("ideas", start), lambda: published_since(start))}


def home_district_form():
    """The "my district" form: the posted choice, else the one saved."""
    locale = str(get_locale())
    form = HomeDistrictForm(districts=districts_by_name(locale), locale=locale)
    if request.method != "POST":
        saved = home_district(current_user)
        form.district.data = saved.slug if saved else ""
    return form


def home_district_partial(**_):
    """The account settings' slot: the form, when there are districts to choose from."""
    form = home_district_form()
    return {"district_form": form} if len(form.district.choices) > 1 else None
