"""What the project pages cost with a city's worth of projects: N projects, each answering a few
published ideas and with a few milestones, served on SQLite through the test client; prints the
median time of the list with its map, a project page, a linked idea's page (its banner),
/transparency (its figures), a district report and the projects download.

`--scale 20,2000` instead times the first page of `/projects` (20 cards, the map with every
matching project), unfiltered and filtered by status, with 20 projects, then with 2,000, and
prints the ratios: what the list costs as the city's projects grow. Those projects are written
in bulk (four milestones each, no links, the five statuses in turn).

    nice -n 10 .venv/bin/python bench/projects.py [--projects 300] [--rounds 20] [--scale 20,2000]
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.extensions import db  # noqa: E402
from app.projects import services  # noqa: E402
from app.projects.models import Milestone, Project, ProjectStatus  # noqa: E402
from tests.e2e.scenery import make_district  # noqa: E402
from tests.factories import make_category, make_idea, make_user  # noqa: E402

IDEAS_PER_PROJECT, MILESTONES_PER_PROJECT = 3, 4


def _seed(app, count):
    district = make_district()
    category = make_category()
    manager = make_user(role="admin")
    author = make_user()
    with app.test_request_context("/"):
        for n in range(count):
            project = services.create_project(
                manager,
                services.ProjectDraft(
                    titles={"fr": f"Projet {n}", "ar": f"مشروع {n}", "en": ""},
                    descriptions={"fr": "Aménagement.", "ar": "", "en": ""},
                    department=f"Service {n % 7}",
                    district_ids=[district.id],
                    geometry={"type": "Point", "coordinates": [-7.61 + n * 1e-5, 33.59]},
                    budget_mad=100_000 + n,
                ),
                ("study", "works", "delivered")[n % 3],
            )
            for _ in range(IDEAS_PER_PROJECT):
                idea = make_idea(author=author, category=category, district=district)
                services.link_idea(project, manager, idea, "Rattachée.")
            for m in range(MILESTONES_PER_PROJECT):
                services.add_milestone(
                    project,
                    manager,
                    date(2026, 1 + m, 1),
                    f"Étape {m}",
                    "fr",
                    upload_dir=app.config["UPLOAD_DIR"],
                )
            if n % 50 == 49:
                db.session.commit()
        db.session.commit()
    return project, idea


def _bulk(count, start, district, statuses):
    """`count` projects written straight to the database, each with a place and four milestones
    (half of them reached)."""
    for n in range(start, start + count):
        project = Project(
            title_fr=f"Projet {n}",
            title_ar=f"مشروع {n}",
            description_fr="Aménagement.",
            department=f"Service {n % 7}",
            status=statuses[n % len(statuses)],
            geometry=json.dumps(
                {
                    "type": "Point",
                    "coordinates": [round(-7.7 + (n % 400) * 5e-4, 6), round(33.55 + n // 400 * 5e-3, 6)],
                }
            ),
            budget_mad=100_000 + n,
            districts=[district],
        )
        project.milestones = [
            Milestone(
                due_on=date(2026, 1 + m, 1), text=f"Étape {m}", reached_on=date(2026, 1, 2) if m < 2 else None
            )
            for m in range(MILESTONES_PER_PROJECT)
        ]
        db.session.add(project)
    db.session.commit()


def _time(client, url, rounds):
    timings, size = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        size = len(response.get_data())
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), size


def scale(app, sizes, rounds):
    """/projects with `sizes[0]` projects, then with `sizes[1]`: medians and their ratio."""
    urls = {
        "/projects (page 1 + map)": "/projects?lang=en",
        "/projects?status=works": "/projects?status=works&lang=en",
    }
    with app.app_context():
        district = make_district()
        statuses = db.session.scalars(db.select(ProjectStatus).order_by(ProjectStatus.position)).all()
    client, done, results = app.test_client(), 0, {}
    for size in sizes:
        with app.app_context():
            _bulk(size - done, done, db.session.merge(district), [db.session.merge(s) for s in statuses])
        done = size
        for label, url in urls.items():
            results[label, size] = _time(client, url, rounds)
            median, length = results[label, size]
            print(f"{label:<26} {size:>6} projects {1000 * median:7.1f} ms  {length / 1024:8.1f} KB")
    small, large = sizes
    for label in urls:
        ratio = results[label, large][0] / results[label, small][0]
        print(f"{label:<26} {large} / {small} projects: x{ratio:.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scale", help="two sizes, for example 20,2000")
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
    if args.scale:
        scale(app, [int(n) for n in args.scale.split(",")], args.rounds)
        return
    with app.app_context():
        start = time.perf_counter()
        project, idea = _seed(app, args.projects)
        print(f"seeded {args.projects} projects in {time.perf_counter() - start:.1f} s")
        urls = {
            "/projects (list + map)": "/projects?lang=en",
            "/projects?status=works": "/projects?status=works&lang=en",
            "/projects/<id>": f"/projects/{project.id}?lang=en",
            "/ideas/<id> (banner)": f"/ideas/{idea.id}?lang=en",
            "/transparency": "/transparency?lang=en",
            "/projects/districts/<slug>": "/projects/districts/sidi-belyout?lang=en",
            "/open-data/projects.csv": "/open-data/projects.csv",
            "/api/v1/projects (first page)": "/api/v1/projects",
        }
    client = app.test_client()
    for label, url in urls.items():
        median, size = _time(client, url, args.rounds)
        print(f"{label:<30} {1000 * median:7.1f} ms  {size / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
