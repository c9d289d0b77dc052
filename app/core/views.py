"""Home page, health check and the development outbox."""

from flask import current_app, jsonify, render_template
from sqlalchemy import text

from app.core.blueprint import bp
from app.core.outbox import outbox_messages
from app.core.permissions import role_required
from app.extensions import db


@bp.get("/")
def home():
    return render_template("core/home.html")


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # any driver error means the database cannot serve us
        db.session.rollback()
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "degraded", database=database), status


@bp.get("/admin/outbox")
@role_required("admin")
def outbox():
    uses_outbox = current_app.config["MAIL_BACKEND"] == "app.core.outbox.EmailBackend"
    return render_template(
        "core/outbox.html", messages=outbox_messages() if uses_outbox else [], uses_outbox=uses_outbox
    )
