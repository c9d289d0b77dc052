"""The preview asks before duplicating, lets unknown categories be chosen, states the
publication, and says exactly what `flask creathon import --dry-run` prints."""

import html
import io
import re

import pytest
from werkzeug.datastructures import MultiDict

from app.creathon.models import ImportRecord, Outcome
from app.ideas.models import Idea

FIRST = "id;titre;équipe;catégorie\n1;Abri de bus;Équipe A;Mobilité\n2;Banc ombragé;Équipe B;Mobilité\n"
SECOND = (
    "N° de dossier;Titre;Équipe;Catégorie\nB-1;ABRI DE BUS;equipe a;Mobilité\nB-2;Fontaine;Équipe C;Culture\n"
)


def _upload(client, data, name="p.csv"):
    response = client.post(
        "/events/creathon-test/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    return re.search(r"/import/([A-Za-z0-9_-]+)", response.headers["Location"]).group(1)


def _mapping_post(client, token, **choices):
    """Accept the guessed columns, with `choices` (default_category, publish)."""
    page = client.get(f"/events/creathon-test/import/{token}").get_data(as_text=True)
    data = {}
    for name, options in re.findall(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', page, re.S):
        found = re.search(r'<option selected value="([^"]*)"', options)
        data[name] = found.group(1) if found else ""
    data.update(choices)
    response = client.post(f"/events/creathon-test/import/{token}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def _commit_form(page):
    """The hidden and checked values of the preview's commit form."""
    form = page[page.index('action="/events/creathon-test/import/') :]
    form = form[: form.index("</form>")]
    values = [
        (n, html.unescape(v))
        for n, v in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)
    ]
    return form, values


@pytest.fixture
def imported_first(client, auth, db, event, category):
    auth.login(role="facilitator")
    token = _upload(client, FIRST.encode())
    preview = _mapping_post(client, token, publish="1")
    page = client.get(preview).get_data(as_text=True)
    _form, values = _commit_form(page)
    client.post(f"/events/creathon-test/import/{token}/preview", data=MultiDict(values))
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 2


def test_preview_warns_about_look_alikes_and_commit_needs_a_decision(
    client, db, event, category, imported_first
):
    token = _upload(client, SECOND.encode())
    preview_url = _mapping_post(client, token, default_category=str(category.id), publish="1")
    page = client.get(preview_url).get_data(as_text=True)
    assert "1 row looks like an outcome already imported" in page
    assert 'href="/events/creathon-test/outcomes/' in page and "(looks like an existing outcome)" in page
    assert "Skip them: they are already imported" in page
    _form, values = _commit_form(page)
    response = client.post(
        f"/events/creathon-test/import/{token}/preview", data=MultiDict(values), follow_redirects=True
    )
    assert "choose whether to skip them or to create them anyway" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 2
    client.post(
        f"/events/creathon-test/import/{token}/preview", data=MultiDict([*values, ("duplicates", "skip")])
    )
    db.session.expire_all()
    titles = sorted(db.session.scalars(db.select(Idea.title)))
    assert titles == ["Abri de bus", "Banc ombragé", "Fontaine"]
    record = db.session.scalar(db.select(ImportRecord).order_by(ImportRecord.id.desc()))
    assert (record.created_count, record.skipped_count) == (1, 1)


def test_unknown_categories_are_chosen_in_the_preview(client, auth, db, event, category):
    auth.login(role="facilitator")
    token = _upload(client, SECOND.encode())
    preview_url = _mapping_post(client, token, publish="0")
    page = client.get(preview_url).get_data(as_text=True)
    assert "Categories that match none" in page and "Rows whose category is “Culture”" in page
    assert "Unknown category “Culture”" in page and "Import these rows" not in page
    page = client.get(preview_url + f"&cat_value=Culture&cat_choice={category.id}").get_data(as_text=True)
    assert "Import these rows" in page and "Filed under “Mobilité”, as chosen." in page
    assert "will wait in the moderation queue" in page
    page = client.get(preview_url + "&cat_value=Culture&cat_choice=skip").get_data(as_text=True)
    assert "1 row not imported" in page


def test_mapping_page_offers_the_default_category_and_the_publication(client, auth, db, event, category):
    event.publish_directly = False
    db.session.commit()
    auth.login(role="facilitator")
    token = _upload(client, FIRST.encode())
    page = client.get(f"/events/creathon-test/import/{token}").get_data(as_text=True)
    assert "Rows without a known category" in page and "Do not import these rows" in page
    assert re.search(r'<input checked id="publish-0" name="publish" type="radio" value="0">', page)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_dry_run_prints_what_the_preview_shows(
    client, auth, db, event, category, runner, tmp_path, lang, imported_first
):
    data = (SECOND + "B-3;Quai;;\n").encode("utf-8")
    path = tmp_path / "second.csv"
    path.write_bytes(data)
    result = runner.invoke(
        args=[
            "creathon",
            "import",
            str(path),
            "--event",
            "creathon-test",
            "--dry-run",
            "--default-category",
            "mobilite",
            "--publish",
            "--lang",
            lang,
        ]
    )
    assert result.exit_code == 1  # look-alike rows wait for a decision
    # The last two lines close the command (a sentence, then the result line for scripts).
    printed = [line.removeprefix("! ") for line in result.stdout.splitlines()[:-2]]
    assert result.stdout.splitlines()[-1] == "result created=0 updated=0 unchanged=0 skipped=0 errors=0"
    token = _upload(client, data)
    preview_url = _mapping_post(client, token, default_category=str(category.id), publish="1")
    page = html.unescape(client.get(preview_url + f"&lang={lang}").get_data(as_text=True))
    assert len(printed) == 7, result.output
    for line in printed:
        assert line in page, line
