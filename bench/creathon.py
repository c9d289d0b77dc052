"""Créathon import at scale: a 10,000-row messy file validated, imported and linked against
20,000 published citizens' ideas on SQLite, each step timed.

    nice -n 10 .venv/bin/python bench/creathon.py [--rows 10000] [--ideas 20000]
"""

import argparse
import io
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_babel import force_locale  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.creathon import importer, linking, services  # noqa: E402
from app.creathon.mapping import guess_mapping  # noqa: E402
from app.creathon.models import Outcome  # noqa: E402
from app.creathon.options import ImportOptions  # noqa: E402
from app.creathon.readers import read_table  # noqa: E402
from app.extensions import db  # noqa: E402
from app.geometry.polygons import service_area  # noqa: E402
from app.ideas.models import Category, District, Idea  # noqa: E402

WEST, SOUTH, EAST, NORTH = -7.72, 33.50, -7.45, 33.63
WORDS_FR = (
    "abri bus ombragé piste cyclable trottoir élargi passage piéton éclairage arrêt tramway banc "
    "parking vélo navette gare marché école parc jardin fontaine rampe accessible carrefour "
    "feu signalisation horaires application données ouvertes covoiturage quartier"
).split()
WORDS_AR = "إنارة ممر الراجلين حافلة محطة حديقة مدرسة رصيف دراجة موقف طريق سوق نقل الترامواي ساحة".split()
# Approximate centres, for the benchmark only.
DISTRICTS = (
    ("anfa", "Anfa", "أنفا", 33.589, -7.650),
    ("maarif", "Maârif", "المعاريف", 33.583, -7.632),
    ("sidi-belyout", "Sidi Belyout", "سيدي بليوط", 33.597, -7.615),
    ("ain-chock", "Ain Chock", "عين الشق", 33.545, -7.600),
    ("hay-hassani", "Hay Hassani", "الحي الحسني", 33.560, -7.670),
    ("al-fida", "Derb Sultan", "درب السلطان", 33.575, -7.595),
    ("ben-msick", "Ben Msick", "ابن امسيك", 33.555, -7.570),
    ("sidi-bernoussi", "Sidi Bernoussi", "سيدي البرنوصي", 33.610, -7.510),
)
PLACES = (
    "Maârif",
    "Sidi Belyout",
    "Anfa",
    "Ain Chock",
    "Hay Hassani",
    "Rue inconnue",
    "الحي الحسني",
    "Derb Sultan",
)


def _phrase(rng, n):
    words = WORDS_AR if rng.random() < 0.3 else WORDS_FR
    return " ".join(rng.choice(words) for _ in range(n))


def _comma(value):
    return f"{value:.5f}".replace(".", ",")


def messy_file(rows, rng):
    """Excel-French CSV: BOM, semicolons, decimal commas; some rows with one coordinates cell,
    some with only a place name, formula-like titles, Arabic text."""
    lines = ["Identifiant;Titre;Descriptif;Catégorie;Latitude;Longitude;Coordonnées;Lieu;Équipe;Rang"]
    for i in range(rows):
        lat, lng = rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)
        title = _phrase(rng, rng.randint(3, 7)).capitalize()
        if i % 97 == 0:
            title = "=" + title
        lat_cell = lng_cell = pair = place = ""
        kind = i % 5
        if kind in (0, 1, 2):
            lat_cell, lng_cell = _comma(lat), _comma(lng)
        elif kind == 3:
            pair = f'"{_comma(lat)} ; {_comma(lng)}"'
        place = rng.choice(PLACES)
        rank = str(i + 1) if i < 3 else ""
        description = _phrase(rng, rng.randint(10, 30))
        lines.append(
            f"CR-{i:05d};{title};{description};Mobilité;{lat_cell};{lng_cell};{pair};{place};"
            f"Équipe {i % 400};{rank}"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def without_identifiers(data):
    """The same file without its identifier column, as another export of the same proposals."""
    lines = data.decode("utf-8-sig").split("\r\n")
    return ("\ufeff" + "\r\n".join(line.split(";", 1)[-1] for line in lines)).encode("utf-8")


def as_xls(table):
    """The table as an Excel 97-2003 workbook (xlwt, from requirements-dev.txt)."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Propositions")
    for r, values in enumerate([table.header, *(row.values for row in table.rows)]):
        for c, value in enumerate(values):
            if value:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def seed(ideas, rng):
    category = Category(
        slug="mobilite", theme="mobility", name_fr="Mobilité", name_ar="التنقل", name_en="Mobility"
    )
    db.session.add(category)
    for slug, fr, ar, lat, lng in DISTRICTS:
        db.session.add(
            District(
                slug=slug,
                name_fr=fr,
                name_ar=ar,
                name_en=fr,
                geometry=json.dumps(
                    {
                        "type": "Polygon",
                        "coordinates": [
                            [
                                [lng - 0.02, lat - 0.02],
                                [lng + 0.02, lat - 0.02],
                                [lng + 0.02, lat + 0.02],
                                [lng - 0.02, lat + 0.02],
                                [lng - 0.02, lat - 0.02],
                            ]
                        ],
                    }
                ),
                min_lng=lng - 0.02,
                min_lat=lat - 0.02,
                max_lng=lng + 0.02,
                max_lat=lat + 0.02,
                center_lat=lat,
                center_lng=lng,
            )
        )
    db.session.flush()
    district_ids = db.session.scalars(db.select(District.id)).all()
    batch = [
        {
            "title": _phrase(rng, rng.randint(3, 8))[:160],
            "description": _phrase(rng, rng.randint(10, 40)),
            "category_id": category.id,
            "lat": rng.uniform(SOUTH, NORTH),
            "lng": rng.uniform(WEST, EAST),
            "status": "published",
            "source": "citizen",
            "language": "fr",
            "support_count": rng.randint(0, 50),
            "district_id": rng.choice(district_ids),
        }
        for _ in range(ideas)
    ]
    db.session.execute(insert(Idea), batch)
    event = services.create_event(
        None, "bench", title="Bench", start_date=date(2018, 4, 20), theme="mobility"
    )
    db.session.commit()
    return event


def clock():
    """Wall-clock and CPU seconds, so that a busy machine shows as the gap between them."""
    return Clock(time.perf_counter(), time.process_time())


class Clock(tuple):
    def __new__(cls, wall, cpu):
        return super().__new__(cls, (wall, cpu))

    def __sub__(self, other):
        return Clock(self[0] - other[0], self[1] - other[1])

    def __radd__(self, other):
        return self if other == 0 else Clock(self[0] + other[0], self[1] + other[1])

    def __add__(self, other):
        return Clock(self[0] + other[0], self[1] + other[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--ideas", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(2018)
    with tempfile.TemporaryDirectory() as tmp:
        config = type(
            "BenchConfig",
            (TestConfig,),
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db",
                "INSTANCE_DIR": Path(tmp),
                "UPLOAD_DIR": Path(tmp) / "uploads",
                "TESTING": False,
            },
        )
        app = create_app(config)
        with app.app_context(), force_locale("en"):
            db.create_all()
            event = seed(args.ideas, rng)
            data = messy_file(args.rows, rng)
            figures = {}

            start = clock()
            table = read_table(data, "bench.csv")
            mapping = guess_mapping(table.header)
            area = service_area(app.config)
            options = ImportOptions(publish=True)
            preview = importer.preview_rows(
                event, table.rows, mapping, header=table.header, area=area, options=options
            )
            figures["read + validate (preview)"] = clock() - start
            assert not preview.has_errors, preview.errors()[:3]

            start = clock()
            record, _ = importer.import_rows(
                event,
                table.rows,
                mapping,
                filename="bench.csv",
                data=data,
                header=table.header,
                area=area,
                options=options,
            )
            db.session.commit()
            created = record.created_count
            figures["import (one transaction)"] = clock() - start

            start = clock()
            index = linking.CandidateIndex.load(app.config["SERVICE_AREA_BBOX"])
            figures["  of which: trigram index of ideas"] = clock() - start
            outcomes = db.session.scalars(db.select(Outcome).where(Outcome.event_id == event.id)).all()
            unplaced = sum(outcome.unplaced for outcome in outcomes)
            suggested = sum(
                1 for outcome in outcomes if index.suggest(linking.outcome_target(outcome), limit=5)
            )
            figures["link suggestions (all outcomes)"] = clock() - start
            figures["  of which: trigram index of ideas"] = figures.pop("  of which: trigram index of ideas")

            start = clock()
            again = importer.preview_rows(
                event, read_table(data, "bench.csv").rows, mapping, area=area, options=options
            )
            figures["re-import preview (all unchanged)"] = clock() - start

            # The same rows from another export without the identifier column: every row is
            # compared with the outcomes by normalised title and team.
            other = without_identifiers(data)
            start = clock()
            other_table = read_table(other, "other.csv")
            alike = importer.preview_rows(
                event,
                other_table.rows,
                guess_mapping(other_table.header),
                header=other_table.header,
                area=area,
                options=options,
            )
            figures["re-import from another file (look-alikes)"] = clock() - start

            xls = as_xls(table)
            start = clock()
            xls_rows = len(read_table(xls, "bench.xls").rows)
            figures["read the same rows as .xls"] = clock() - start

    cpu = time.process_time()
    print(f"{args.rows:,} rows ({len(data) / 2**20:.1f} MB), {args.ideas:,} published ideas, SQLite")
    print(
        f"created {created}, unplaced {unplaced}, "
        f"outcomes with suggestions {suggested}, unchanged on re-import {again.counts['unchanged']}, "
        f"look-alikes found from another file {len(alike.lookalikes)}, .xls rows read {xls_rows}"
    )
    print(f"  {'step':<36} {'wall':>7} {'CPU':>7}")
    for name, (wall, cpu_seconds) in figures.items():
        print(f"  {name:<36} {wall:6.2f}s {cpu_seconds:6.2f}s")
    total = sum(
        seconds for name, seconds in figures.items() if not name.startswith((" ", "re-import", "read the"))
    )
    print(f"  {'total (validate + import + link)':<36} {total[0]:6.2f}s {total[1]:6.2f}s  (target < 30 s)")
    print(f"  CPU time of the whole run, seeding included: {cpu:.2f} s")
    return 0 if total[0] < 30 else 1


if __name__ == "__main__":
    sys.exit(main())
