"""What a slot costs next to the include it replaced: a list of idea cards, each with its
support box, rendered through `render_slot` and through a plain `include` of the same
partial (with the votes helpers in the page's context), alternately in one process; prints
the time per card and the ratio.

    nice -n 10 .venv/bin/python bench/slots.py [--cards 20] [--rounds 200]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import render_template_string  # noqa: E402
from flask_login import login_user  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.extensions import db  # noqa: E402
from app.votes.context import template_helpers  # noqa: E402
from tests.factories import make_idea, make_user  # noqa: E402

SLOT = '{% for idea in ideas %}{{ render_slot("idea_card.support", idea=idea) }}{% endfor %}'
INCLUDE = '{% for idea in ideas %}{% include "votes/_support.html" %}{% endfor %}'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    config = type(
        "BenchConfig",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.db'}",
            "INSTANCE_DIR": tmp,
            "UPLOAD_DIR": tmp / "uploads",
            "OUTBOX_DIR": tmp / "outbox",
        },
    )
    app = create_app(config)
    with app.app_context():
        upgrade()
        user = make_user()
        ideas = [make_idea() for _ in range(args.cards)]
        db.session.commit()
        timings = {"slot": [], "include": []}
        for _ in range(args.rounds):
            for name, source in (("slot", SLOT), ("include", INCLUDE)):
                with app.test_request_context("/ideas?lang=en"):
                    login_user(user)
                    extra = template_helpers() if name == "include" else {}
                    start = time.perf_counter()
                    html = render_template_string(source, ideas=ideas, **extra)
                    timings[name].append(time.perf_counter() - start)
                    assert html.count("data-support-count") == args.cards
    median = {name: sorted(values)[len(values) // 2] for name, values in timings.items()}
    for name, value in median.items():
        print(f"{name:<8} {1e6 * value / args.cards:7.1f} µs per card (median of {args.rounds} pages)")
    print(f"slot / include: {median['slot'] / median['include']:.2f}")


if __name__ == "__main__":
    main()
