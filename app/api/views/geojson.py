"""API views: read the query string, run one query, answer JSON."""

import hashlib
import json

from flask import Response, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from app.api.blueprint import bp
from app.api.params import BadParameter, parse_bbox, parse_filter, parse_zoom
from app.api.queries import ideas_feature_collection
from app.core.errors import render_error
from app.ideas.lifecycle import IdeaStatus

PUBLIC_CACHE = "public, max-age=30"


@bp.get("/ideas.geojson")
def ideas_geojson():
    can_moderate = current_user.is_authenticated and current_user.has_role("moderator")
    try:
        bbox = parse_bbox(request.args.get("bbox"))
        zoom = parse_zoom(request.args.get("zoom"))
        flt = parse_filter(request.args, can_moderate)
    except BadParameter as error:
        return render_error(400, str(error))
    except PermissionError as error:
        return render_error(403, str(error))
    # Built once: every idea's page differs from idea 0's only by its id.
    idea_page = url_for("ideas.detail", idea_id=0).removesuffix("0")
    collection = ideas_feature_collection(
        bbox, zoom, flt, str(get_locale()), lambda idea_id: f"{idea_page}{idea_id}"
    )
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    response = Response(body, mimetype="application/geo+json")
    response.set_etag(hashlib.sha1(body, usedforsecurity=False).hexdigest())
    # Unpublished ideas are for moderators only: never stored by a shared cache.
    response.headers["Cache-Control"] = (
        PUBLIC_CACHE if flt.status == IdeaStatus.PUBLISHED else "private, no-store"
    )
    response.vary.update(("Accept-Language", "Cookie"))
    return response.make_conditional(request)
