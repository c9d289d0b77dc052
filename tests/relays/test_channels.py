"""Every idea and support records its channel; /transparency and the dashboard show
participation by channel and by district, and never a resident's phone."""

import re

from app.extensions import db
from app.moderation.services import approve_idea
from app.relays.queries import participation_by_channel, participation_by_district
from app.relays.services import record_support
from app.votes.services import cast_vote
from tests.factories import make_idea, make_user
from tests.relays.helpers import assisted_idea


def _figures(relay, category, district):
    online = make_idea(category=category, district=district)
    cast_vote(make_user(), online)
    paper = assisted_idea(relay, category, district, phone="0612345678", channel="paper", premoderation=False)
    assisted_idea(relay, category, district, channel="workshop", title="En attente de modération")
    record_support(relay, paper, "S. A.", "in_person", True)
    record_support(relay, online, "Y. B.", "workshop", True)
    db.session.commit()
    return online, paper


def test_ideas_and_votes_default_to_the_online_channel(relay, category):
    idea = make_idea(category=category)
    cast_vote(make_user(), idea)
    db.session.flush()
    from app.votes.models import Vote

    assert idea.channel == "online" and db.session.scalar(db.select(Vote.channel)) == "online"


def test_participation_by_channel_counts_published_ideas_and_supports_apart(relay, category, district):
    _figures(relay, category, district)
    figures = participation_by_channel()
    assert figures["online"] == {"ideas": 1, "supports": 1}
    assert figures["paper"] == {"ideas": 1, "supports": 0}
    assert figures["in_person"]["supports"] == 1 and figures["workshop"] == {"ideas": 0, "supports": 1}
    ((name, by_channel, total, supports),) = participation_by_district("fr")
    assert name == "Anfa" and total == 2 and by_channel["paper"] == 1
    assert supports == {"online": 1, "in_person": 2}


def test_transparency_and_dashboard_show_the_channels(client, auth, relay, category, district):
    _figures(relay, category, district)
    page = client.get("/transparency").get_data(as_text=True)
    assert "Participation by channel" in page and "Paper form" in page and "Anfa" in page
    assert "612345678" not in page
    auth.login(role="moderator")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Participation by channel" in page
    district_table = page[page.index('id="by-district-caption"') :]
    district_table = district_table[: district_table.index("</table>")]
    assert "Supports collected in person" in district_table
    assert re.search(
        r"<th scope=\"row\">Anfa</th>(<td>[^<]*</td>){5}<td>2</td><td>1</td><td>2</td>", district_table
    )


def test_approving_a_relay_idea_keeps_its_channel(relay, category, district):
    idea = assisted_idea(relay, category, district, channel="phone")
    db.session.commit()
    approve_idea(idea, make_user(role="moderator"), idea.updated_at)
    db.session.commit()
    assert participation_by_channel()["phone"]["ideas"] == 1
