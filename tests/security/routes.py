"""URLs for every rule of the app, built from the objects of a World. A rule whose arguments
cannot be built here makes the security tests fail: a new route is never silently skipped."""

from flask import url_for

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def generic_arguments(world):
    """Values for argument names that mean the same object on every route."""
    return {
        "idea_id": world.published.id,
        "slug": world.event.slug,
        "outcome_id": world.outcome.id,
        "import_id": world.import_record.id,
        "link_id": world.link.id,
        "edit_id": world.edit.id,
        "user_id": world.users["neighbour"].id,
        "category_id": world.category.id,
        "comment_id": world.comment.id,
        "verb": "approve",
        "project_id": world.extra["project"].id,
        "milestone_id": world.extra["project"].milestones[0].id,
    }


def endpoint_arguments(world):
    """Arguments that only make sense for one route (tokens) or that pick a telling object."""
    upload = {"token": world.upload_token}
    preview = {"token": world.upload_token, **world.upload_query}
    return {
        "static": {"filename": "css/agora.css"},
        # No job fails in the World: the CSRF check answers before the job is looked up.
        "jobs.retry": {"job_id": 1},
        # No bulk decision in the World: an unknown batch is refused as one whose window closed.
        "moderation.undo_batch": {"batch": "0" * 32},
        "accounts.reset_password": {"token": world.reset_token},
        "accounts.verify": {"token": world.verify_token},
        "privacy.delete_by_link": {"token": world.delete_token},
        "follows.unsubscribe": {"token": world.unsubscribe_token},
        "follows.unsubscribe_now": {"token": world.unsubscribe_token},
        "creathon.mapping": upload,
        "creathon.cancel": upload,
        "creathon.commit": preview,
        "creathon.preview": preview,
        "creathon.error_report": preview,
        # The citizen's own pending idea: only its author and staff may open these.
        "ideas.detail": {"idea_id": world.pending.id},
        "ideas.photo": {"idea_id": world.pending.id},
        "ideas.edit": {"idea_id": world.pending.id},
        "ideas.withdraw": {"idea_id": world.pending.id},
        "votes.box": {"idea_id": world.published.id},
        # Map of the whole city, close enough for single ideas rather than clusters.
        "api.ideas_geojson": {"bbox": "-7.8,33.45,-7.35,33.68", "zoom": "17"},
        "opendata.download": {"name": "ideas", "fmt": "csv"},
        "opendata.snapshot": {"filename": "agora-open-data-20261204T153000Z.zip"},
        "dashboard.download": {"name": "months"},
        "moderation.export_queue": {"fmt": "csv"},
        "moderation.export_log": {"fmt": "xlsx"},
        # No undoable decision in the World: the CSRF check answers before the action is looked up.
        "moderation.undo_action": {"action_id": 1},
        "accounts.admin_block": {"verb": "block"},
        "projects.photo": {"name": world.extra["project"].milestones[0].photos[0].name},
        "projects.district_report": {"slug": world.district.slug},
        # Nobody in the World is a relay: the relays' pages refuse before the code is looked up.
        "relays.sheet": {"code": "ZZZ-0001"},
        "relays.sheet_download": {"code": "ZZZ-0001"},
        # The facilitator's créathon upload: not one of the relays' uploads, so it is not found.
        "relays.import_preview": {"token": world.upload_token, "organisation": "Maison des jeunes"},
    }


class MissingArguments(LookupError):
    pass


def url_for_rule(rule, world):
    """The path (and query) of `rule` with arguments from `world`; MissingArguments otherwise."""
    values = generic_arguments(world)
    values.update(endpoint_arguments(world).get(rule.endpoint, {}))
    missing = sorted(rule.arguments - values.keys())
    if missing:
        raise MissingArguments(
            f"{rule.rule} ({rule.endpoint}): no value for {', '.join(missing)}; "
            "add one to tests/security/routes.py"
        )
    chosen = {k: v for k, v in values.items() if k in rule.arguments}
    query = endpoint_arguments(world).get(rule.endpoint, {})
    extra = {k: v for k, v in query.items() if k not in rule.arguments}
    return url_for(rule.endpoint, **chosen, **extra, _external=False)


def rules_with(app, methods):
    """(rule, method) for every rule and each of its methods in `methods`, in a stable order."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        for method in sorted((rule.methods or set()) & methods):
            found.append((rule, method))
    return found
