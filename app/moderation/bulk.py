"""One decision applied to several queue items, each through the service that owns it."""

from uuid import uuid4

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.ideas.lifecycle import IDEAS, status_label
from app.ideas.models import Category
from app.moderation import services
from app.moderation.models import HIDE_REASONS, REJECT_REASONS
from app.moderation.queries import last_decider_name

# verb: the lifecycle verb that must allow it (None: the idea must have open reports)
BULK_VERBS = {
    "approve": "approve",
    "reject": "reject",
    "hide": "hide",
    "dismiss_reports": None,
    "category": "correct",
}
# What the moderator is told about a selected item the decision does not apply to.
NOT_APPLICABLE = {
    "approve": _l("“%(title)s” (%(status)s): only a waiting idea can be approved; nothing was changed."),
    "reject": _l("“%(title)s” (%(status)s): only a waiting idea can be rejected; nothing was changed."),
    "hide": _l("“%(title)s” (%(status)s): only a published idea can be hidden; nothing was changed."),
    "dismiss_reports": _l("“%(title)s” has no open reports; nothing was changed."),
    "category": _l("“%(title)s” (%(status)s): its category cannot be changed; nothing was changed."),
}


def _applies(idea, verb):
    lifecycle_verb = BULK_VERBS[verb]
    if lifecycle_verb is not None:
        return IDEAS.can(idea, lifecycle_verb)
    return idea.open_reports > 0


def _not_applicable(idea, verb):
    return services.ModerationError(
        str(NOT_APPLICABLE[verb]) % {"title": idea.title, "status": status_label(idea.status)}
    )


def _check(verb, reason, category_id):
    if verb not in BULK_VERBS:
        raise services.ModerationError(_l("Choose a decision."))
    if verb == "reject" and reason not in REJECT_REASONS:
        raise services.ModerationError(_l("Choose a reason for the rejection."))
    if verb == "hide" and reason not in HIDE_REASONS:
        raise services.ModerationError(_l("Choose a reason for hiding."))
    if verb == "category" and (category_id is None or db.session.get(Category, category_id) is None):
        raise services.ModerationError(_l("Choose the new category."))


def _one(idea, moderator, version, verb, reason, message, category_id, batch):
    if verb == "approve":
        return services.approve_idea(idea, moderator, version, batch=batch)
    if verb == "reject":
        return services.reject_idea(idea, moderator, version, reason, message, batch=batch)
    if verb == "hide":
        return services.hide_idea(idea, moderator, version, reason, message)
    if verb == "dismiss_reports":
        return services.dismiss_reports(idea, moderator, version)
    return services.correct_idea(idea, moderator, version, category_id=category_id)


def bulk_decide(items, moderator, verb, reason=None, message=None, category_id=None):
    """Apply one decision to several (idea, version) pairs; returns (decisions, skipped), where
    each skipped item comes with the reason it was left as it was (it changed meanwhile, or the
    decision does not apply to it). Approvals and rejections taken together carry one batch
    mark in the log, so that they are undone together (undo.undo_batch)."""
    _check(verb, reason, category_id)
    batch = uuid4().hex if verb in ("approve", "reject") else None
    decisions, skipped = [], []
    services.lock_ideas(idea.id for idea, _version in items)
    for idea, version in items:
        db.session.refresh(idea)  # the status now, under the lock, not when the page was built
        if not _applies(idea, verb):
            if version is not None and idea.updated_at != version:
                # It changed since the page was built: say who decided it, as a single decision does.
                skipped.append((idea, services.AlreadyDecided(last_decider_name(idea.id))))
            else:
                skipped.append((idea, _not_applicable(idea, verb)))
            continue
        try:
            with db.session.begin_nested():
                decisions.append(_one(idea, moderator, version, verb, reason, message, category_id, batch))
        except services.ModerationError as error:
            skipped.append((idea, error))
    return decisions, skipped


def batch_of(decisions):
    """The batch mark of these bulk decisions, when they can be undone together, else None."""
    return next((d.action.after.get("batch") for d in decisions if d.action is not None), None)
