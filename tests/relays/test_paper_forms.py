"""Paper forms: a batch per district with a short code; the sheet as HTML and as an A4 PDF whose
text (French, and Arabic shaped right to left) reads back; the code pre-fills the entry form."""

import io

from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.relays.models import PaperBatch


def _batch(client, auth, relay, district):
    db.session.commit()
    auth.login_as(relay.user)
    response = client.post("/relays/forms", data={"district": district.slug})
    assert response.status_code == 302
    return db.session.scalar(select(PaperBatch))


def test_a_batch_gets_a_short_code_naming_its_district(client, auth, relay, district):
    batch = _batch(client, auth, relay, district)
    assert batch.code == f"ANF-{batch.id:04d}"
    assert batch.district_id == district.id


def test_the_pdf_is_a4_and_carries_french_and_shaped_arabic_text(client, auth, relay, district, category):
    batch = _batch(client, auth, relay, district)
    response = client.get(f"/relays/forms/{batch.code}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    # One sheet per resident, every category listed (the default ones too): it all fits one page.
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Votre idée pour la ville" in text
    assert batch.code in text
    assert "Mobilité" in text
    # The Arabic words come back as letters (shaped glyphs map back to their characters).
    for word in ("فكرتك", "المدينة", "أنفا", "التنقل"):
        assert word in text


def test_the_html_sheet_prints_with_its_own_stylesheet_and_qr_code(client, auth, relay, district, category):
    batch = _batch(client, auth, relay, district)
    page = client.get(f"/relays/forms/{batch.code}").get_data(as_text=True)
    assert "paper-form.css" in page
    assert '<section class="sheet-lang" lang="ar" dir="rtl">' in page
    assert "<svg" in page and 'class="sheet-map"' in page
    assert "Votre idée pour la ville" in page and "فكرتك من أجل المدينة" in page


def test_the_code_prefills_batch_and_district(client, auth, relay, district):
    batch = _batch(client, auth, relay, district)
    page = client.get(f"/relays/enter?code={batch.code.lower()}").get_data(as_text=True)
    assert f'value="{batch.code}"' in page
    assert f'<option selected value="{district.slug}">' in page or f'value="{district.slug}" selected' in page


def test_an_unknown_code_is_told_clearly(client, auth, relay, district):
    _batch(client, auth, relay, district)
    response = client.get("/relays/enter?code=ZZZ-9999")
    assert response.status_code == 404
    assert "No paper form has this code" in response.get_data(as_text=True)
    assert client.get("/relays/forms/ZZZ-9999.pdf").status_code == 404


def test_a_form_entered_with_a_code_keeps_the_batch(client, auth, relay, district, category):
    batch = _batch(client, auth, relay, district)
    data = {
        "code": batch.code,
        "district": "",
        "channel": "paper",
        "resident_name": "A. K.",
        "title": "Éclairer le passage sous le pont",
        "description": "Le passage est très sombre le soir, les femmes l'évitent.",
        "category": category.slug,
        "place_label": "Passage sous le pont",
        "language": "fr",
        "consent": "y",
    }
    response = client.post("/relays/enter", data=data)
    assert response.status_code == 302 and response.location.endswith(f"code={batch.code}")
    from app.relays.models import AssistedIdea

    assisted = db.session.scalar(select(AssistedIdea))
    assert assisted.batch_id == batch.id and assisted.idea.district_id == district.id
    assert assisted.idea.channel == "paper"
