"""Relays at a district office's pace: the paper form rendered as A4 PDF, typed-in forms entered
one by one (as the keyboard form does) and a spreadsheet of forms imported, on SQLite.

    nice -n 10 .venv/bin/python bench/relays.py [--forms 500]
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.creathon.readers import read_table  # noqa: E402
from app.extensions import db  # noqa: E402
from app.geometry.polygons import service_area  # noqa: E402
from app.ideas.models import Category, District  # noqa: E402
from app.ideas.services import IdeaDraft, locate  # noqa: E402
from app.relays.batches import create_batch  # noqa: E402
from app.relays.imports import Importer, import_forms  # noqa: E402
from app.relays.services import check_resident, grant_relay, submit_assisted_idea  # noqa: E402
from app.relays.sheet import sheet_pdf  # noqa: E402
from tests.factories import make_user  # noqa: E402


def _setup():
    square = [[-7.66, 33.58], [-7.62, 33.58], [-7.62, 33.61], [-7.66, 33.61], [-7.66, 33.58]]
    district = District(
        slug="anfa", name_fr="Anfa", name_ar="أنفا", name_en="Anfa",
        geometry=json.dumps({"type": "Polygon", "coordinates": [square]}),
        min_lng=-7.66, min_lat=33.58, max_lng=-7.62, max_lat=33.61, center_lat=33.595, center_lng=-7.64,
    )  # fmt: skip
    db.session.add(district)
    for n, (fr, ar) in enumerate((("Mobilité", "التنقل"), ("Espace public", "الفضاء العام"))):
        db.session.add(Category(slug=f"c{n}", theme="mobility", name_fr=fr, name_ar=ar, name_en=fr))
    admin = make_user(role="admin")
    relay = grant_relay(admin, make_user(), "Association Anfa", [district])
    db.session.commit()
    return relay, district


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    config = type("Bench", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
        "INSTANCE_DIR": folder, "OUTBOX_DIR": folder / "outbox", "UPLOAD_DIR": folder / "uploads",
    })  # fmt: skip
    app = create_app(config)
    with app.app_context(), app.test_request_context("/"):
        upgrade()
        relay, district = _setup()
        category = db.session.scalar(db.select(Category))
        batch = create_batch(relay.user, district)
        db.session.commit()
        sheet_pdf(batch)  # fonts and WeasyPrint's first import
        started = time.perf_counter()
        pdfs = [sheet_pdf(batch) for _ in range(5)]
        pdf_ms = (time.perf_counter() - started) / 5 * 1000
        print(f"paper form PDF: {pdf_ms:.0f} ms a sheet, {len(pdfs[0]) / 1024:.0f} KB")

        area = service_area(app.config)
        started = time.perf_counter()
        for n in range(args.forms):
            resident = check_resident(f"R. {n}", "paper", True, "0612345678", None, "fr")
            location = locate(area, district=district, place_label=f"Rue {n}")
            draft = IdeaDraft(
                f"Idée papier numéro {n}", "Une description tapée depuis le formulaire.", category, location
            )
            submit_assisted_idea(relay, draft, resident, batch=batch)
            db.session.commit()
        per_form = (time.perf_counter() - started) / args.forms * 1000
        print(f"keyboard entry: {args.forms} forms, {per_form:.1f} ms a form (service and commit)")

        lines = ["code;habitant;titre;description;catégorie;lieu;téléphone;accord"]
        lines += [
            f"{batch.code};H. {n};Idée du tableur {n};Texte de la fiche {n}.;Mobilité;Rue {n};0612345678;oui"
            for n in range(args.forms)
        ]
        table = read_table("\n".join(lines).encode(), "forms.csv")
        started = time.perf_counter()
        ideas, _preview = import_forms(table, Importer(relay.user, "Association Anfa", [district]), area=area)
        db.session.commit()
        elapsed = time.perf_counter() - started
        per_row = elapsed / len(ideas) * 1000
        print(f"spreadsheet import: {len(ideas)} rows in {elapsed:.2f} s ({per_row:.1f} ms a row)")


if __name__ == "__main__":
    main()
