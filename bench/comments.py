"""The page of an idea with 10,000 comments against one with 10: p95 server time.

    nice -n 10 .venv/bin/python bench/comments.py [--comments 10000] [--requests 60]

Migrates a fresh SQLite database under /tmp, bulk-inserts the comments (a third of them
replies, stances mixed, supports spread), then requests each idea page `--requests` times,
interleaved, in every order (oldest, newest, most supported; and a deep page by its cursor),
and prints the median and 95th percentile of the server time of each, and their ratio.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from app.comments import queries  # noqa: E402
from app.comments.models import Comment  # noqa: E402
from app.comments.services import recount  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.core.time import utcnow  # noqa: E402
from app.extensions import db  # noqa: E402
from tests.factories import make_idea, make_user  # noqa: E402


def _config(uri, instance):
    return type(
        "BenchConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": uri, "INSTANCE_DIR": instance, "UPLOAD_DIR": instance / "uploads"},
    )


def _thread(idea, authors, count):
    rng = random.Random(count)
    start = utcnow() - timedelta(days=30)
    tops = count - count // 3
    rows = [
        {
            "idea_id": idea.id,
            "author_id": rng.choice(authors),
            "body": f"Comment {n}: shade, benches and https://example.org/{n} for the square.",
            "stance": rng.choice(("for", "against", "neutral", None)),
            "language": "fr",
            "support_count": rng.randrange(50),
            "created_at": start + timedelta(seconds=n),
            "updated_at": start + timedelta(seconds=n),
        }
        for n in range(tops)
    ]
    db.session.execute(insert(Comment), rows)
    top_ids = db.session.scalars(select(Comment.id).where(Comment.idea_id == idea.id)).all()
    replies = [
        {
            "idea_id": idea.id,
            "parent_id": rng.choice(top_ids),
            "author_id": rng.choice(authors),
            "body": f"Reply {n}",
            "created_at": start + timedelta(seconds=tops + n),
            "updated_at": start + timedelta(seconds=tops + n),
        }
        for n in range(count - tops)
    ]
    if replies:
        db.session.execute(insert(Comment), replies)
        db.session.execute(
            Comment.__table__.update().values(
                reply_count=select(db.func.count())
                .where(Comment.__table__.c.parent_id == Comment.__table__.c.id)
                .correlate(Comment.__table__)
                .scalar_subquery()
            )
        )
    recount(idea.id)
    db.session.commit()


def _p95(values):
    return statistics.quantiles(values, n=20)[-1]


def run(uri, instance, count, requests):
    app = create_app(_config(uri, instance))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        authors = [make_user().id for _ in range(50)]
        small, large = make_idea(title="Dix commentaires"), make_idea(title="Dix mille commentaires")
        db.session.commit()
        _thread(small, authors, 10)
        _thread(large, authors, count)
        deep = None
        page = queries.thread_page(large.id, "oldest")
        for _ in range(100):  # the cursor of the 101st page
            page = queries.thread_page(large.id, "oldest", page.next_cursor)
            deep = page.next_cursor or deep
        client = app.test_client()
        paths = {
            "oldest": "",
            "newest": "?sort=newest",
            "most supported": "?sort=supported",
            "page 101": f"?after={deep}",
        }
        for idea in (small, large):
            client.get(f"/ideas/{idea.id}")  # compile templates and statements
        times = {(label, size): [] for label in paths for size in (10, count)}
        for _ in range(requests):
            for label, query in paths.items():
                for size, idea in ((10, small), (count, large)):
                    start = time.perf_counter()
                    response = client.get(f"/ideas/{idea.id}{query}")
                    times[label, size].append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
        for label in paths:
            few, many = times[label, 10], times[label, count]
            print(
                f"  {label:<15} 10 comments: median {statistics.median(few):6.1f} ms, p95 {_p95(few):6.1f} ms"
                f" | {count:,} comments: median {statistics.median(many):6.1f} ms, p95 {_p95(many):6.1f} ms"
                f" | p95 ratio {_p95(many) / _p95(few):.2f}"
            )
        db.engine.dispose()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp)
        print(f"sqlite: idea page, {args.requests} requests per order and size")
        run(f"sqlite:///{instance / 'bench.db'}", instance, args.comments, args.requests)


if __name__ == "__main__":
    main()
