"""What the project pages cost with a city's worth of projects: N projects, each answering a few
published ideas and with a few milestones, served on SQLite through the test client; prints the
median time of the list with its map, a project page, a linked idea's page (its banner),
/transparency (its figures), a district report and the projects download.

    nice -n 10 .venv/bin/python bench/projects.py [--projects 300] [--rounds 20]
"""

import argparse
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=20)
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
            "/api/v1/projects": "/api/v1/projects",
        }
    client = app.test_client()
    for label, url in urls.items():
        timings, size = [], 0
        for _ in range(args.rounds):
            start = time.perf_counter()
            response = client.get(url)
            size = len(response.get_data())
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label:<30} {1000 * statistics.median(timings):7.1f} ms  {size / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
