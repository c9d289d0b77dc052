"""The printable paper form of a batch: French and Arabic on one A4 sheet, the district's
outline as an SVG drawn from its polygon, a QR code and the short code; as HTML and as PDF."""

import json
import math

import segno
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from app.core.urls import external_url
from app.ideas.queries import categories_in_order

MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 240, 170, 8


def _rings(geometry):
    shape = json.loads(geometry)
    if shape.get("type") == "Feature":
        shape = shape["geometry"]
    if shape["type"] == "Polygon":
        return shape["coordinates"]
    if shape["type"] == "MultiPolygon":
        return [ring for polygon in shape["coordinates"] for ring in polygon]
    return []


def district_svg(district, label):
    """An SVG of the district's outline (no tiles, no server): equirectangular, north up."""
    rings = _rings(district.geometry)
    scale_x = math.cos(math.radians((district.min_lat + district.max_lat) / 2))
    width = max((district.max_lng - district.min_lng) * scale_x, 1e-9)
    height = max(district.max_lat - district.min_lat, 1e-9)
    factor = min((MAP_WIDTH - 2 * MAP_MARGIN) / width, (MAP_HEIGHT - 2 * MAP_MARGIN) / height)

    def point(lng, lat):
        x = MAP_MARGIN + (lng - district.min_lng) * scale_x * factor
        y = MAP_MARGIN + (district.max_lat - lat) * factor
        return f"{x:.1f},{y:.1f}"

    path = " ".join("M" + " L".join(point(lng, lat) for lng, lat, *_rest in ring) + " Z" for ring in rings)
    return Markup(  # noqa: S704  (numbers and an escaped label only)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sheet-map" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" '
        f'width="{MAP_WIDTH}" height="{MAP_HEIGHT}" role="img" aria-label="{Markup.escape(label)}">'
        f'<rect x="0" y="0" width="{MAP_WIDTH}" height="{MAP_HEIGHT}" fill="#fff" stroke="#999"/>'
        f'<path d="{path}" fill="#e8f1f4" stroke="#1f6f8b" stroke-width="1.5" fill-rule="evenodd"/></svg>'
    )


def qr_svg(url):
    """The QR code of `url` as inline SVG (segno)."""
    return Markup(segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#000"))  # noqa: S704


def sheet_texts(locale):
    """The sheet's printed words in `locale` (the sheet carries fr and ar whatever the page's language)."""
    with force_locale(locale):
        return {
            "heading": _("Your idea for the city"),
            "intro": _(
                "Write your idea for the public space or mobility of your district. "
                "A relay will enter it on Agora."
            ),
            "name": _("Your name or initials, as you wish them shown"),
            "title": _("Title of the idea"),
            "description": _("Description: what is the problem, what would you change?"),
            "category": _("Category (tick one)"),
            "place": _("Where? Mark the place on the map or describe it"),
            "contact": _("Phone or email to hear of the outcome (optional, never published)"),
            "consent": _(
                "I agree that my idea is published under the name above and that my phone "
                "or email is used to tell me the outcome."
            ),
            "signature": _("Date and signature"),
            "code": _("Form code"),
            "district": _("District"),
        }


def sheet_context(batch):
    district = batch.district
    categories = categories_in_order()
    fr, ar = sheet_texts("fr"), sheet_texts("ar")
    url = external_url("relays.enter", code=batch.code)
    return {
        "batch": batch,
        "district": district,
        "fr": fr,
        "ar": ar,
        "categories": categories,
        "map_svg": district_svg(district, f"{district.name_fr} / {district.name_ar}"),
        "qr_svg": qr_svg(url),
        "entry_url": url,
    }


def sheet_pdf(batch):
    """The sheet as PDF bytes (WeasyPrint: pango shapes the Arabic, DejaVu has its glyphs)."""
    from weasyprint import HTML

    html = render_template("relays/sheet_pdf.html", **sheet_context(batch))
    return HTML(string=html, base_url=current_app.static_folder.rstrip("/") + "/").write_pdf()
