"""Telling followers never happens in the request: the request records one job, the worker
does the rest."""

import pytest

from app.follows import services
from app.follows.jobs import follow_fanout
from app.jobs.models import Job
from app.notifications.models import Notification
from tests.factories import make_idea, make_user


@pytest.fixture
def app_config(app_config):
    return type("QueuedConfig", (app_config,), {"JOBS_IMMEDIATE": False})


def test_the_city_answer_to_a_followed_idea_queues_one_job_and_the_worker_tells_everyone(client, auth, db):
    idea = make_idea()
    followers = [make_user() for _ in range(40)]
    for follower in followers:
        services.follow(follower, "idea", idea.id)
    db.session.commit()
    auth.login(role="moderator")
    client.post(
        f"/moderation/ideas/{idea.id}/public-status", data={"status": "planned", "explanation": "Soon."}
    )
    told = db.select(db.func.count(Notification.id)).where(Notification.kind == "followed_public_status")
    assert db.session.scalar(told) == 0
    (job,) = db.session.scalars(db.select(Job).where(Job.name == "follow_fanout")).all()
    assert job.status == "pending"
    follow_fanout(job.payload)
    db.session.commit()
    assert db.session.scalar(told) == 40
    mails = db.select(db.func.count(Job.id)).where(Job.name == "follow_mail")
    assert db.session.scalar(mails) == 40
