"""A resident's export and deletion with 10,000 supports against 100, on SQLite.

    nice -n 10 .venv/bin/python bench/privacy_export.py [--supports 10000]

Migrates a fresh SQLite database under /tmp, bulk-inserts published ideas and one resident's
supports of them, then downloads the resident's ZIP through the app (the response read chunk by
chunk, as a server sends it) and records the time, the archive's size, the number of chunks and
the peak of Python memory allocated meanwhile (tracemalloc). Then it times the deletion of the
account (every support withdrawn through the votes feature) and checks that `flask verify`
finds no drift. Prints the figures for both sizes and their ratios.
"""

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.extensions import db  # noqa: E402
from app.ideas.models import Idea  # noqa: E402
from app.votes.models import Vote  # noqa: E402
from tests.factories import PASSWORD, make_category, make_user  # noqa: E402


def _config(uri, instance):
    return type(
        "BenchConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": uri, "INSTANCE_DIR": instance, "UPLOAD_DIR": instance / "uploads"},
    )


def _resident(category, supports, n):
    user = make_user(email=f"resident{n}@example.org")
    author = make_user()
    rows = [
        {
            "title": f"Idée {n}-{i} : des bancs à l'ombre le long du boulevard",
            "description": "Des bancs et des arbres.",
            "category_id": category.id,
            "lat": 33.5 + i * 1e-6,
            "lng": -7.6,
            "author_id": author.id,
            "status": "published",
            "support_count": 1,
        }
        for i in range(supports)
    ]
    ids = db.session.scalars(insert(Idea).returning(Idea.id), rows).all()
    db.session.execute(insert(Vote), [{"user_id": user.id, "idea_id": idea_id} for idea_id in ids])
    db.session.commit()
    return user


def _export(app, user, trace):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user.get_id(), True
    if trace:  # tracemalloc slows Python down: memory and time are measured in separate runs
        tracemalloc.start()
    start = time.perf_counter()
    # Each request in its own app context, as a server runs it (its own `g` and session).
    with app.app_context():
        response = client.get("/account/export", buffered=False)
        assert response.status_code == 200, response.status_code
        size = chunks = 0
        for chunk in response.response:
            size += len(chunk)
            chunks += 1
        response.close()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    return {"ms": elapsed * 1000, "bytes": size, "chunks": chunks, "peak_mb": peak / 2**20}, client


def _delete(app, client):
    start = time.perf_counter()
    with app.app_context():
        response = client.post("/account/delete", data={"ideas": "keep", "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return (time.perf_counter() - start) * 1000


def run(supports):
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        app = create_app(_config(f"sqlite:///{instance / 'bench.db'}", instance))
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            category = make_category()
            results = {}
            _export(app, _resident(category, 10, 99), False)  # warm-up: templates and statements
            for n, size in enumerate((100, supports)):
                user = _resident(category, size, n)
                figures, client = _export(app, user, trace=False)
                figures["peak_mb"] = _export(app, user, trace=True)[0]["peak_mb"]
                figures["delete_ms"] = _delete(app, client)
                results[size] = figures
            verify = app.test_cli_runner().invoke(args=["verify"])
        small, large = results[100], results[supports]
        for size, f in results.items():
            print(
                f"{size:>6} supports: export {f['ms']:7.0f} ms, {f['bytes'] / 1024:7.0f} KiB in"
                f" {f['chunks']:4d} chunks, peak Python memory {f['peak_mb']:5.1f} MiB;"
                f" deletion {f['delete_ms']:6.0f} ms"
            )
        print(
            f"ratios {supports}/100: time {large['ms'] / small['ms']:.1f}x,"
            f" size {large['bytes'] / small['bytes']:.1f}x,"
            f" peak memory {large['peak_mb'] / small['peak_mb']:.1f}x,"
            f" deletion {large['delete_ms'] / small['delete_ms']:.1f}x"
        )
        print("flask verify after both deletions:", verify.output.strip())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--supports", type=int, default=10_000)
    run(parser.parse_args().supports)
