"""Choosing the page language: ?lang=, then the session, the profile, Accept-Language."""

from urllib.parse import urlencode

from flask import current_app, g, request, session
from flask_login import current_user

RTL_LANGUAGES = {"ar"}
CHOSEN_SIGNED_OUT = "lang_chosen"


def _supported(code):
    return code if code in current_app.config["LANGUAGES"] else None


def select_locale():
    cached = getattr(g, "locale", None)
    if cached:
        return cached
    chosen = (
        _supported(request.args.get("lang", ""))
        or _supported(session.get("lang", ""))
        or (_supported(current_user.language) if current_user.is_authenticated else None)
        or request.accept_languages.best_match(current_app.config["LANGUAGES"])
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
    g.locale = chosen
    return chosen


def remember_requested_language():
    """Persist `?lang=` in the session, and in the profile of a signed-in user."""
    from app.extensions import db

    code = _supported(request.args.get("lang", ""))
    if not code:
        return
    session["lang"] = code
    if not current_user.is_authenticated:
        # Chosen before signing in: the sign-in keeps it (app/accounts/views.py).
        session[CHOSEN_SIGNED_OUT] = True
    elif current_user.language != code:
        current_user.language = code
        db.session.commit()


def text_direction(locale):
    return "rtl" if str(locale) in RTL_LANGUAGES else "ltr"


def url_for_language(code):
    """The current URL with `lang` replaced, for the language switcher."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    # script_root: the path the site is served under, which request.path leaves out.
    return f"{request.script_root}{request.path}?{urlencode(args, doseq=True)}"
