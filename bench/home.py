"""The home page and the idea list at scale on SQLite: 20,000 published ideas (some with the
city's answer) and 100,000 supports, half of them this month. The home page's figures are
counted once every five minutes per process (app/core/figures.py): the first visit pays the
counts, the next ones do not.

    nice -n 10 .venv/bin/python bench/home.py [--ideas 20000] [--supports 100000]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from app import create_app  # noqa: E402
from app.accounts.models import User  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.core.time import utcnow  # noqa: E402
from app.extensions import db  # noqa: E402
from app.ideas.models import Category, Idea  # noqa: E402
from app.moderation.models import PublicStatusEntry  # noqa: E402
from app.votes.models import Vote  # noqa: E402

ANSWERS = ("under_study", "accepted", "planned", "in_progress", "done", "not_retained")


def seed(ideas, supports, rng):
    now = utcnow()
    category = Category(
        slug="mobilite", theme="mobility", name_fr="Mobilité", name_ar="التنقل", name_en="Mobility"
    )
    db.session.add(category)
    db.session.flush()
    users = 5000
    db.session.execute(
        insert(User),
        [
            {
                "email": f"u{n}@bench.local",
                "display_name": f"U{n}",
                "password_hash": "x",
                "language": "fr",
                "role": "citizen",
                "session_token": f"t{n}",
            }
            for n in range(users)
        ],
    )
    rows = []
    for n in range(ideas):
        created = now - timedelta(days=rng.uniform(0, 365))
        rows.append(
            {
                "title": f"Idée {n}",
                "description": "Un banc à l'ombre et un abri pour attendre le bus.",
                "category_id": category.id,
                "lat": 33.5 + rng.random() / 10,
                "lng": -7.7 + rng.random() / 5,
                "status": "published",
                "source": "citizen",
                "language": "fr",
                "support_count": 0,
                "created_at": created,
                "published_at": created,
                "public_status": rng.choice(ANSWERS) if n % 10 == 0 else None,
            }
        )
    db.session.execute(insert(Idea), rows)
    db.session.execute(
        insert(PublicStatusEntry),
        [
            {
                "idea_id": n + 1,
                "status": rng.choice(ANSWERS),
                "explanation": "Réponse.",
                "created_at": now - timedelta(days=rng.uniform(0, 365)),
            }
            for n in range(0, ideas, 10)
        ],
    )
    pairs = set()
    while len(pairs) < supports:
        pairs.add((rng.randrange(1, users + 1), rng.randrange(1, ideas + 1)))
    db.session.execute(
        insert(Vote),
        [
            {"user_id": u, "idea_id": i, "created_at": now - timedelta(days=rng.uniform(0, 60))}
            for u, i in pairs
        ],
    )
    db.session.commit()


def timed(client, path, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--supports", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = type(
            "BenchConfig",
            (TestConfig,),
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db",
                "INSTANCE_DIR": Path(tmp),
                "UPLOAD_DIR": Path(tmp) / "uploads",
                "TESTING": False,
                "RATELIMIT_ENABLED": False,
            },
        )
        app = create_app(config)
        with app.app_context():
            db.create_all()
            seed(args.ideas, args.supports, random.Random(21))
        client = app.test_client()
        print(f"{args.ideas:,} ideas, {args.supports:,} supports (SQLite)")
        first = timed(client, "/?lang=fr", 1)[0]
        print(f"home page, first visit (counts the month's figures): {first:8.1f} ms")
        warm = timed(client, "/?lang=ar", 50)
        print(f"home page, next visits (figures cached), median:    {statistics.median(warm):8.1f} ms")
        for path in ("/ideas?lang=fr", "/ideas?answer=planned&lang=fr", "/ideas?answer=none&page=50&lang=fr"):
            times = timed(client, path, 20)
            print(f"{path:<40} median {statistics.median(times):8.1f} ms")


if __name__ == "__main__":
    main()
