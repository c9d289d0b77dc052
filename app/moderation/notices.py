"""How each moderation notification reads, in the reader's language (declared in blueprint.py).

The renderers run with the reader's locale active, so every part of a notice (the sentence, the
reason, the words around the moderators' message, the city's answer) is in that language; only
what a person typed (a title, a message) stays as they wrote it. Admins may reword some kinds
(texts.EDITABLE_NOTICES) per language."""

from flask_babel import get_locale
from flask_babel import gettext as _

from app.moderation import texts
from app.moderation.labels import public_status_label, reason_label


def _with_message(text, params):
    message = (params.get("message") or "").strip()
    if not message:
        return text
    # Not an f-string: the extractor reads only plain calls, and a missing msgid is never translated.
    return text + " " + _("Message from the moderators: %(message)s", message=message)


def _answer(params):
    """The city's answer in the reader's language, else the first written, marked as such."""
    translations = params.get("explanations") or {}
    language = str(get_locale())
    if translations.get(language):
        return translations[language]
    explanation = (params.get("explanation") or "").strip()
    if explanation and translations:
        return _("(Not translated into your language:) %(text)s", text=explanation)
    return explanation


def _explained(text, params):
    explanation = _answer(params)
    return f"{text} {explanation}" if explanation else text


def _editable(kind, builtin):
    """The admin's wording of `kind` in the reader's language, else the built-in renderer."""

    def render(params):
        custom_text = texts.custom(texts.notice_key(kind))
        if not custom_text:
            return builtin(params)
        values = {"title": params.get("title", ""), "reason": reason_label(params.get("reason"))}
        return _with_message(texts.fill(custom_text, **values), params)

    return render


KINDS = {
    "idea_published": lambda p: _("Your idea “%(title)s” has been published.", title=p["title"]),
    "idea_rejected": lambda p: _with_message(
        _(
            "Your idea “%(title)s” was not published. Reason: %(reason)s.",
            title=p["title"],
            reason=reason_label(p.get("reason")),
        ),
        p,
    ),
    "idea_changes_requested": lambda p: _with_message(
        _(
            "The moderators ask you to change your idea “%(title)s” before it is published; edit it and"
            " submit it again.",
            title=p["title"],
        ),
        p,
    ),
    "idea_hidden": lambda p: _with_message(
        _(
            "Your idea “%(title)s” has been hidden. Reason: %(reason)s.",
            title=p["title"],
            reason=reason_label(p.get("reason")),
        ),
        p,
    ),
    "supported_idea_hidden": lambda p: _(
        "An idea you support, “%(title)s”, has been hidden. Reason: %(reason)s.",
        title=p["title"],
        reason=reason_label(p.get("reason")),
    ),
    "idea_auto_hidden": lambda p: _(
        "Your idea “%(title)s” was reported by several people and is hidden until a moderator reviews it.",
        title=p["title"],
    ),
    "idea_restored": lambda p: _("Your idea “%(title)s” is visible again.", title=p["title"]),
    "supported_idea_restored": lambda p: _(
        "An idea you support, “%(title)s”, is visible again.", title=p["title"]
    ),
    "idea_merged": lambda p: _(
        "Your idea “%(title)s” covers the same proposal as “%(target)s”; the two have been merged"
        " and its supports now count for “%(target)s”.",
        title=p["title"],
        target=p.get("target", ""),
    ),
    "supported_idea_merged": lambda p: _(
        "An idea you support, “%(title)s”, has been merged into “%(target)s”; your support now"
        " counts for it.",
        title=p["title"],
        target=p.get("target", ""),
    ),
    "idea_corrected": lambda p: _(
        "A moderator corrected the category or the place of your idea “%(title)s”.", title=p["title"]
    ),
    "edit_approved": lambda p: _(
        "Your correction to the idea “%(title)s” has been approved and is now public.", title=p["title"]
    ),
    "edit_rejected": lambda p: _with_message(
        _(
            "Your correction to the idea “%(title)s” was not accepted; the idea stays as it was."
            " Reason: %(reason)s.",
            title=p["title"],
            reason=reason_label(p.get("reason")),
        ),
        p,
    ),
    "idea_public_status": lambda p: _explained(
        _(
            "The city's answer to your idea “%(title)s”: %(status)s.",
            title=p["title"],
            status=public_status_label(p.get("status")),
        ),
        p,
    ),
    "supported_idea_public_status": lambda p: _explained(
        _(
            "The city's answer to an idea you support, “%(title)s”: %(status)s.",
            title=p["title"],
            status=public_status_label(p.get("status")),
        ),
        p,
    ),
    "account_blocked": lambda p: _with_message(
        _(
            "Your account has been blocked: you can no longer propose or support ideas. Reason: %(reason)s.",
            reason=reason_label(p.get("reason")),
        ),
        p,
    ),
}
# The built-in wording, shown to admins beside their own.
BUILTIN = dict(KINDS)
for _kind in texts.EDITABLE_NOTICES:
    KINDS[_kind] = _editable(_kind, BUILTIN[_kind])
