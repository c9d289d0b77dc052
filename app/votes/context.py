"""Template helpers for the support partial, loading what a page needs once per request."""

from flask import g
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from app.core.figures import cached_figure
from app.core.time import month_start
from app.votes import queries, services


def _cache():
    if "votes_cache" not in g:
        g.votes_cache = {"ids": set(), "known": set(), "all": False, "round": None, "left": ...}
    return g.votes_cache


def _idea_id(item):
    return item if isinstance(item, int) else item.id


def supported_ids(ideas):
    """Ids, among `ideas` (objects or ids), that the current user supports: one query."""
    if not current_user.is_authenticated:
        return set()
    cache = _cache()
    wanted = {_idea_id(item) for item in ideas}
    unknown = set() if cache["all"] else wanted - cache["known"]
    if unknown:
        cache["ids"] |= queries.supported_idea_ids(current_user.id, unknown)
        cache["known"] |= unknown
    return cache["ids"] & wanted


def has_supported(idea):
    """Whether the current user supports `idea`; a page calls the database at most once."""
    if not current_user.is_authenticated:
        return False
    cache = _cache()
    if not cache["all"] and idea.id not in cache["known"]:
        # A list that did not call supported_ids(): one query for all of the user's supports.
        cache["ids"] = queries.supported_idea_ids(current_user.id)
        cache["all"] = True
    return idea.id in cache["ids"]


def _round():
    cache = _cache()
    if cache["round"] is None:
        cache["round"] = (queries.round_settings(), queries.closed_category_ids())
    return cache["round"]


def supports_left():
    """Supports the current user may still give, or None without a maximum (or signed out)."""
    if not current_user.is_authenticated:
        return None
    cache = _cache()
    if cache["left"] is ...:
        cache["left"] = queries.supports_left(current_user.id, _round()[0])
    return cache["left"]


def left_text(left, maximum):
    """The "supports left: 7 of 10" line, or None when there is no maximum."""
    if left is None or maximum is None:
        return None
    return _("Supports left: %(count)s of %(max)s", count=format_decimal(left), max=format_decimal(maximum))


def supports_left_text():
    return left_text(supports_left(), _round()[0].max_per_user)


def support_state(idea):
    """What the partial shows for `idea`: the form's action, whether supported, a notice."""
    supported = has_supported(idea)
    state = {"supported": supported, "action": None, "notice": None}
    if not current_user.is_authenticated:
        return state
    settings, closed_ids = _round()
    try:
        if supported:
            services.ensure_can_withdraw(idea, settings, closed_ids)
            state["action"] = "unvote"
        else:
            services.ensure_can_support(current_user, idea, settings, closed_ids)
            if supports_left() == 0:
                state["notice"] = str(services.maximum_reached(settings.max_per_user))
            else:
                state["action"] = "vote"
    except services.VoteNotAllowed as refusal:
        if refusal.reason != "not_published":
            state["notice"] = str(refusal)
    return state


def support_script_needed():
    """True the first time a page asks, so the script tag appears once however many buttons."""
    cache = _cache()
    first = not cache.get("script")
    cache["script"] = True
    return first


def support_messages():
    """Sentences the script announces, with {count} and {left} for it to fill in."""
    maximum = _round()[0].max_per_user
    return {
        "counted": _("Your support is counted. Supports: %(count)s", count="{count}"),
        "already": _("You already support this idea. Supports: %(count)s", count="{count}"),
        "withdrawn": _("Your support is withdrawn. Supports: %(count)s", count="{count}"),
        "absent": _("You were not supporting this idea. Supports: %(count)s", count="{count}"),
        "left": _("Supports left: %(count)s of %(max)s", count="{left}", max=format_decimal(maximum))
        if maximum
        else None,
        "failed": _("Something went wrong. Please try again."),
    }


def template_helpers():
    return {
        "supported_ids": supported_ids,
        "has_supported": has_supported,
        "supports_left": supports_left,
        "supports_left_text": supports_left_text,
        "support_state": support_state,
        "support_script_needed": support_script_needed,
        "support_messages": support_messages,
    }


def support_partial(**_):
    """The slots other features' pages offer for the support button and its script."""
    return template_helpers()


def month_figure(**_):
    """The home page's figures: supports given this month."""
    start = month_start()
    return {"supports_this_month": cached_figure(("supports", start), lambda: queries.supports_since(start))}
