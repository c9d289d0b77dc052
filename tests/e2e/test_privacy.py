"""A resident downloads their data, then deletes their account, with and without JavaScript;
the privacy pages pass axe in French, Arabic and English."""

import io
import json
import zipfile

import pytest

from app.accounts.models import User
from app.ideas.models import Idea
from app.privacy import services as privacy_services
from tests.e2e.scenery import build_city, sign_in, tr
from tests.factories import PASSWORD, make_idea

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_exports_then_deletes_their_account(app, db, live_url, open_page, javascript):
    city = build_city()
    citizen, supported = city["citizen"], city["idea"]
    own = make_idea(author=citizen, category=city["category"], title="Un abri pour le bus")
    db.session.commit()
    citizen_id, own_id = citizen.id, own.id
    page = open_page(javascript=javascript)
    sign_in(page, live_url, citizen, lang="en")

    page.goto(f"{live_url}/account?lang=en")
    with page.expect_download() as waiting:
        page.click("text=Download my data (ZIP)")
    archive = zipfile.ZipFile(io.BytesIO(open(waiting.value.path(), "rb").read()))
    assert json.loads(archive.read("profile.json"))["email"] == citizen.email
    assert [s["idea_id"] for s in json.loads(archive.read("supports.json"))] == [supported.id]
    assert [i["title"] for i in json.loads(archive.read("ideas.json"))] == ["Un abri pour le bus"]
    assert "Karim Moderator" not in str([archive.read(n) for n in archive.namelist()])

    page.goto(f"{live_url}/account?lang=en")
    page.click("text=Delete my account")
    page.wait_for_url(f"{live_url}/account/delete")
    page.check("input[name=ideas][value=keep]")
    page.fill("#password", "not the password")
    page.click("text=Delete my account for good")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    page.check("input[name=ideas][value=keep]")
    page.fill("#password", PASSWORD)
    page.click("text=Delete my account for good")
    page.wait_for_url(f"{live_url}/")
    assert tr(app, "en", "Your account is deleted. Thank you for taking part.") in page.content()

    db.session.expire_all()
    user = db.session.get(User, citizen_id)
    assert user.email is None and user.is_deleted
    assert db.session.get(Idea, supported.id).support_count == 0
    page.goto(f"{live_url}/ideas/{own_id}?lang=en")
    assert "A former participant" in page.content() and "Salma" not in page.content()
    page.goto(f"{live_url}/account")
    assert "/login" in page.url
    assert page.problems == []


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_privacy_pages_have_no_serious_accessibility_violation(app, db, live_url, open_page, audit, lang):
    city = build_city()
    citizen = city["citizen"]
    with app.test_request_context():
        token = privacy_services.deletion_token(citizen)
    db.session.commit()
    visitor, resident = open_page(), open_page(citizen)
    report = {}
    for page, path in [
        (visitor, "/privacy"),
        (visitor, "/register"),
        (resident, "/account"),
        (resident, "/privacy/accept"),
        (resident, "/account/delete"),
        (visitor, f"/account/delete/{token}"),
        (visitor, "/account/delete/not-a-valid-link"),
    ]:
        page.goto(f"{live_url}{path}?lang={lang}")
        page.wait_for_load_state("networkidle")
        violations = audit(page)
        if violations:
            report[path] = violations
    # Sent back with errors: the summary and the messages tied to their fields.
    for path, submit in [
        ("/account/delete", "form[action$='/account/delete'] button[type=submit]"),
        ("/privacy/accept", "main form button[type=submit]"),
    ]:
        resident.goto(f"{live_url}{path}?lang={lang}")
        resident.click(submit)
        resident.wait_for_load_state()
        assert resident.locator(".error-summary").count() == 1
        violations = audit(resident)
        if violations:
            report[f"{path} (errors)"] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())
    assert visitor.problems == [] and resident.problems == []
