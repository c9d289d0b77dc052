"""Recognising columns in French, English, Arabic and Decidim's names; parsing coordinates."""

import pytest

from app.creathon.mapping import MappingError, check_mapping, guess_mapping
from app.creathon.readers import Row
from app.creathon.rows import parse_number, parse_pair, parse_row
from app.geometry.polygons import bbox_shape

CASABLANCA = bbox_shape(-7.80, 33.45, -7.35, 33.68)


def test_french_headers_are_recognised_whatever_the_case_and_accents():
    mapping = guess_mapping(
        ["IDENTIFIANT", "Titre", "Descriptif", "categorie", "Latitude", "Longitude", "Lieu", "Equipe", "Rang"]
    )
    assert mapping == {
        "identifier": 0,
        "title": 1,
        "description": 2,
        "category": 3,
        "latitude": 4,
        "longitude": 5,
        "coordinates": None,
        "place": 6,
        "team": 7,
        "rank": 8,
        "title_ar": None,
        "district": None,
        "state": None,
        "answer": None,
        "amendment": None,
    }


def test_arabic_headers_are_recognised():
    mapping = guess_mapping(
        ["العنوان", "الوصف", "الفئة", "خط العرض", "خط الطول", "المكان", "الفريق", "الترتيب", "المعرف"]
    )
    assert [
        mapping[f]
        for f in (
            "title",
            "description",
            "category",
            "latitude",
            "longitude",
            "place",
            "team",
            "rank",
            "identifier",
        )
    ] == list(range(9))


def test_english_short_names_and_coordinates_column():
    mapping = guess_mapping(["id", "title", "lat", "lon", "address"])
    assert (mapping["identifier"], mapping["latitude"], mapping["longitude"], mapping["place"]) == (
        0,
        2,
        3,
        4,
    )
    assert guess_mapping(["Titre", "Coordonnées GPS"])["coordinates"] == 1


def test_decidim_columns_prefer_french_text():
    header = [
        "id",
        "title/en",
        "title/fr",
        "body/en",
        "body/fr",
        "category/name/fr",
        "latitude",
        "longitude",
        "address",
    ]
    mapping = guess_mapping(header)
    assert (mapping["title"], mapping["description"], mapping["category"]) == (2, 4, 5)
    assert (mapping["identifier"], mapping["place"]) == (0, 8)


def test_missing_title_column_is_a_clear_error(app):
    with pytest.raises(MappingError) as error:
        check_mapping(guess_mapping(["nom de la rue", "quartier"]), ["nom de la rue", "quartier"])
    assert "No column holds the titles" in str(error.value)


def test_latitude_without_longitude_is_refused(app):
    with pytest.raises(MappingError, match="both the latitude and the longitude"):
        check_mapping({"title": 0, "latitude": 1, "longitude": None}, ["t", "lat"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("33.5731", 33.5731),
        ("33,5731", 33.5731),
        ("-7,5898", -7.5898),
        (" +33.5 ", 33.5),
        ("٣٣٫٥", 33.5),
        ("abc", None),
        ("33.57.1", None),
        ("", None),
    ],
)
def test_single_coordinates_with_decimal_point_or_comma(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "33.5731, -7.5898",
        "33,5731 ; -7,5898",
        "33.5731;-7.5898",
        "(33.5731 -7.5898)",
        "33,5731,-7,5898",
        "33.5731 / -7.5898",
    ],
)
def test_both_coordinates_in_one_cell(text):
    assert parse_pair(text) == (33.5731, -7.5898)


def _row(values, mapping, line=2):
    return parse_row(Row(line, values), mapping, CASABLANCA)


def test_out_of_range_and_swapped_coordinates_are_row_errors(app):
    mapping = {"title": 0, "latitude": 1, "longitude": 2}
    assert "out of range" in str(_row(["Abri", "133,5", "-7,5"], mapping).errors[0])
    assert "swapped" in str(_row(["Abri", "-7.5898", "33.5731"], mapping).errors[0])
    assert "outside the city" in str(_row(["Abri", "48.85", "2.35"], mapping).errors[0])
    assert "not a coordinate" in str(_row(["Abri", "nord", "-7.5"], mapping).errors[0])
    assert _row(["Abri", "33,5731", "-7,5898"], mapping).errors == []


def test_formula_like_titles_are_kept_as_plain_text(app):
    mapping = {"title": 0}
    for title in ('=HYPERLINK("http://evil")', "+33 6 12", "-Trottoirs", "@équipe"):
        parsed = _row([title], mapping)
        assert parsed.errors == [] and parsed.title == title


def test_rank_accepts_french_ordinals_and_refuses_words(app):
    mapping = {"title": 0, "rank": 1}
    assert _row(["A", "1er prix"], mapping).rank == 1
    assert _row(["A", "2e"], mapping).rank == 2
    assert "not a whole number" in str(_row(["A", "premier"], mapping).errors[0])
    assert "not a whole number" in str(_row(["A", "0"], mapping).errors[0])


def test_empty_and_too_long_titles_are_errors(app):
    assert "empty" in str(_row(["  "], {"title": 0}).errors[0])
    assert "longer than 160" in str(_row(["x" * 161], {"title": 0}).errors[0])


def test_banner_lines_above_the_column_names_are_skipped(app):
    from app.creathon.mapping import find_header
    from app.creathon.readers import read_table
    from tests.creathon.files import xlsx_file

    data = xlsx_file(
        header=["Créathon mobilité – 20 avril 2018"],
        rows=[[], ["Équipe", "Titre", "Lieu"], ["Équipe A", "Abri de bus", "Maârif"]],
    )
    table = find_header(read_table(data, "banner.xlsx"))
    assert table.header == ["Équipe", "Titre", "Lieu"]
    assert [(r.line, r.values[1]) for r in table.rows] == [(4, "Abri de bus")]
