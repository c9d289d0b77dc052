"""Messy outcome files as facilitators bring them: Excel-French CSV, Latin-1, XLSX, Decidim, JSON."""

import io
import json
import zipfile

import openpyxl

FRENCH_HEADER = [
    "Identifiant",
    "Titre",
    "Descriptif",
    "Catégorie",
    "Latitude",
    "Longitude",
    "Lieu",
    "Équipe",
    "Rang",
]
FRENCH_ROWS = [
    [
        "A1",
        "Parking libre en temps réel",
        "Places libres dans les garages d'immeubles.",
        "Mobilité",
        "33,5950",
        "-7,6187",
        "Maârif",
        "Équipe Darb",
        "1",
    ],
    [
        "A2",
        "مساعد محادثة للنقل العمومي",
        "روبوت يجيب عن أسئلة النقل.",
        "",
        "33,5898",
        "-7,6039",
        "",
        "فريق الطريق",
        "2",
    ],
    [
        "A3",
        "Coursiers de quartier",
        "Livraisons à vélo entre commerces.",
        "",
        "",
        "",
        "Sidi Belyout",
        "Équipe Wasla",
        "",
    ],
    [
        "A4",
        "Carte des trottoirs",
        "Relever les trottoirs abîmés.",
        "",
        "",
        "",
        "Rue inconnue",
        "Équipe Rasif",
        "",
    ],
]


def excel_french_csv(rows=None, header=None):
    """What Excel in French saves as "CSV UTF-8": BOM, semicolons, decimal commas, CRLF."""
    lines = [";".join(header or FRENCH_HEADER)]
    for row in FRENCH_ROWS if rows is None else rows:
        lines.append(";".join(f'"{v}"' if ";" in v or "\n" in v else v for v in row))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def latin1_csv():
    text = (
        "titre,description,lieu,équipe\n"
        "Bancs à l'ombre,Des bancs près de l'arrêt du tramway,Maârif,Équipe Été\n"
        "Piste cyclable côtière,Relier Aïn Diab à la mosquée,Corniche,Équipe Vélo\n"
    )
    return text.encode("latin-1")


def xlsx_file(header=None, rows=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header or ["Title", "Description", "Lat", "Lng", "Team", "Rank"])
    for row in (
        rows
        if rows is not None
        else [
            ["Shaded bus stop", "A shelter with live times", 33.5762, -7.6328, "Team Mahatta", 1],
            ["Safer crossing", "Lights near the school", 33.5731, -7.5898, "Team Aman", None],
        ]
    ):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def decidim_csv():
    header = "id;title/en;title/fr;body/fr;category/name/fr;latitude;longitude;address;state"
    rows = [
        "101;Bike lanes;Pistes cyclables boulevard Zerktouni;Une piste protégée;Mobilité;33.5880;-7.6300;"
        "Bd Zerktouni;accepted",
        "102;Tram shelter;Abri de tramway;Un abri contre le soleil;;;;Place des Nations Unies;evaluating",
    ]
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def json_file(wrapped=True):
    items = [
        {
            "id": 7,
            "title": {"fr": "Navette vers la gare", "ar": "حافلة إلى المحطة"},
            "body": {"fr": "Une navette du matin"},
            "latitude": 33.59,
            "longitude": -7.59,
        },
        {
            "id": 8,
            "title": {"fr": "Trottoirs élargis"},
            "body": {"fr": "Rue piétonne le dimanche"},
            "address": "Sidi Belyout",
        },
    ]
    return json.dumps({"proposals": items} if wrapped else items, ensure_ascii=False).encode("utf-8")


ENCRYPTED_XLSX = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"EncryptedPackage" * 20


def xlsx_bomb(padding_mb):
    """A valid workbook whose sheet XML holds `padding_mb` MB of blanks between its rows: huge
    once unpacked, a few kilobytes packed (a zip bomb)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_file()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with archive.open(info.filename, "w", force_zip64=True) as part:
                part.write(head)
                blank = b" " * 2**20
                for _ in range(padding_mb):
                    part.write(blank)
                part.write(b"</sheetData>" + tail)
    return buffer.getvalue()


def xlsx_with_sheet(sheet_xml):
    """A workbook whose first sheet's XML is replaced by `sheet_xml`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_file()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else source.read(info.filename)
            archive.writestr(info, data)
    return buffer.getvalue()


def nested_json(depth):
    """A proposals file whose one proposal holds lists nested `depth` levels deep."""
    return ('{"proposals": [{"title": "Abri", "extra": ' + "[" * depth + "]" * depth + "}]}").encode()


def first_category_options(**choices):
    """Import options filing rows without a known category under the first category, as a
    facilitator may choose in the column step."""
    from app.creathon.options import ImportOptions
    from app.extensions import db
    from app.ideas.models import Category

    first = db.session.scalar(db.select(Category.id).order_by(Category.position, Category.id))
    return ImportOptions(default_category=first, **choices)


# A Decidim proposals export as a city gets it: semicolons, bodies over several lines, one
# column per language, a scope (district), the city's answer, an amendment and a withdrawn one.
DECIDIM_HEADER = [
    "id",
    "category/id",
    "category/name/fr",
    "scope/id",
    "scope/name/fr",
    "participatory_space/id",
    "component/id",
    "title/fr",
    "title/ar",
    "body/fr",
    "address",
    "latitude",
    "longitude",
    "state",
    "reference",
    "answer/fr",
    "endorsements/total_count",
    "comments",
    "published_at",
    "url",
    "is_amend",
    "original_proposal/title",
]
DECIDIM_ROWS = [
    [
        "311",
        "4",
        "Mobilité",
        "2",
        "Sidi Belyout",
        "7",
        "21",
        "Pistes cyclables boulevard Zerktouni",
        "مسارات الدراجات بشارع الزرقطوني",
        "Une piste protégée\ndes deux côtés du boulevard.\n\nAvec des arceaux.",
        "Bd Zerktouni",
        "33.5880",
        "-7.6300",
        "accepted",
        "CAS-PROP-2018-04-311",
        "La ville retient la proposition\npour 2019.",
        "12",
        "3",
        "2018-04-20 10:00:00 UTC",
        "https://decidim.example/processes/p/f/21/proposals/311",
        "false",
        "",
    ],
    [
        "312",
        "",
        "",
        "2",
        "Sidi Belyout",
        "7",
        "21",
        "Abri de tramway",
        "",
        "Un abri contre le soleil ; et la pluie.",
        "Place des Nations Unies",
        "",
        "",
        "evaluating",
        "CAS-PROP-2018-04-312",
        "",
        "4",
        "0",
        "2018-04-20 11:00:00 UTC",
        "https://decidim.example/processes/p/f/21/proposals/312",
        "false",
        "",
    ],
    [
        "313",
        "4",
        "Mobilité",
        "",
        "",
        "7",
        "21",
        "Pistes cyclables des deux côtés",
        "",
        "Amendement : les deux côtés.",
        "",
        "",
        "",
        "evaluating",
        "CAS-PROP-2018-04-313",
        "",
        "0",
        "0",
        "2018-04-21 09:00:00 UTC",
        "https://decidim.example/processes/p/f/21/proposals/313",
        "true",
        "Pistes cyclables boulevard Zerktouni",
    ],
    [
        "314",
        "4",
        "Mobilité",
        "",
        "",
        "7",
        "21",
        "Navette de nuit",
        "",
        "Retirée par ses auteurs.",
        "",
        "",
        "",
        "withdrawn",
        "CAS-PROP-2018-04-314",
        "",
        "0",
        "0",
        "2018-04-21 10:00:00 UTC",
        "https://decidim.example/processes/p/f/21/proposals/314",
        "false",
        "",
    ],
]


def decidim_semicolon_csv():
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(DECIDIM_HEADER)
    writer.writerows(DECIDIM_ROWS)
    return out.getvalue().encode("utf-8")


def decidim_nested_json():
    """The same proposals as Decidim's JSON export: translated fields nested by language."""
    items = []
    for row in DECIDIM_ROWS:
        cells = dict(zip(DECIDIM_HEADER, row, strict=True))
        items.append(
            {
                "id": int(cells["id"]),
                "category": {"id": cells["category/id"], "name": {"fr": cells["category/name/fr"]}},
                "scope": {"id": cells["scope/id"], "name": {"fr": cells["scope/name/fr"]}},
                "title": {"fr": cells["title/fr"], "ar": cells["title/ar"]},
                "body": {"fr": cells["body/fr"]},
                "address": cells["address"],
                "latitude": float(cells["latitude"]) if cells["latitude"] else None,
                "longitude": float(cells["longitude"]) if cells["longitude"] else None,
                "state": cells["state"],
                "reference": cells["reference"],
                "answer": {"fr": cells["answer/fr"]},
                "endorsements": {"total_count": int(cells["endorsements/total_count"])},
                "is_amend": cells["is_amend"] == "true",
                "original_proposal": {"title": cells["original_proposal/title"]},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2).encode("utf-8")


def decidim_broken_json():
    """An export cut short in the middle of a proposal."""
    return decidim_nested_json()[:700]


def windows_1252_csv():
    """What Excel saves as "CSV (séparateur: point-virgule)" from an Arabic sheet: the Arabic
    letters become question marks."""
    text = "titre;équipe\nPiste cyclable;????? ??????\n?????? ????;Équipe Été\n"
    return text.encode("cp1252")


def xls_file(header, rows):
    """An Excel 97-2003 workbook, as old municipal exports are."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Propositions")
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            if value is not None:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
