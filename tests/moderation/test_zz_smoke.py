from app.extensions import db
from tests.factories import make_idea, make_user, make_category

def test_smoke(client, auth):
    a = make_user(language="ar")
    i1 = make_idea(author=a, status="pending", title="Idée une")
    i2 = make_idea(status="pending", title="Idée deux")
    db.session.commit()
    auth.login(role="admin")
    for url in ["/moderation", "/moderation?category=nope&assigned=mine", f"/moderation/ideas/{i1.id}", "/moderation/log", "/moderation/stats", "/moderation/texts", "/moderation/export.csv", "/moderation/export.xlsx", "/moderation/log/export.csv", "/moderation/log/export.xlsx", "/moderation/log?since=bad&idea=x"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.data[:3000])
