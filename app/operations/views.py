"""`/readyz`: 200 when the database, the queue and Redis (if used) answer, else 503 naming them."""

from flask import jsonify

from app.operations.blueprint import bp
from app.operations.readiness import readiness


@bp.get("/readyz")
def readyz():
    checks = readiness()
    failing = sorted(name for name, state in checks.items() if state != "ok")
    body = {"status": "unavailable" if failing else "ready", "checks": checks, "failing": failing}
    return jsonify(body), 503 if failing else 200
