"""Helpers for the ideas tests: square districts and a valid proposal."""

from app.ideas.districts import import_districts


def square(west, south, east, north):
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def district_document(*districts):
    """districts: (slug, name_fr, (west, south, east, north)) tuples."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "slug": slug,
                    "name_fr": name,
                    "name_ar": f"{name} ar",
                    "name_en": f"{name} en",
                },
                "geometry": {"type": "Polygon", "coordinates": [square(*box)]},
            }
            for slug, name, box in districts
        ],
    }


def make_districts():
    """Two neighbouring districts in central Casablanca: west (Maarif) and east (Derb)."""
    import_districts(
        district_document(
            ("maarif", "Maârif", (-7.65, 33.55, -7.62, 33.58)),
            ("derb", "Derb Sultan", (-7.62, 33.55, -7.59, 33.58)),
        )
    )


def proposal(category, **fields):
    data = {
        "title": "Un abri pour l'arrêt de bus",
        "description": "Les gens attendent en plein soleil, il faudrait un abri avec des bancs.",
        "category": category.slug,
        "lat": "33.5650",
        "lng": "-7.6300",
    }
    data.update(fields)
    return data
