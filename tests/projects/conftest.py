"""A small city for project tests (the open-data city), staff allowed to run projects, photos."""

import io

import pytest
from PIL import Image

from app.accounts import services as account_services
from app.projects import services
from tests.factories import make_user
from tests.opendata.conftest import city  # noqa: F401


@pytest.fixture
def manager(db):
    """A moderator granted the permission to run city projects."""
    user = make_user(role="moderator", name="Nadia (voirie)")
    account_services.grant_permission(user, "manage_projects")
    db.session.commit()
    return user


def draft(**overrides):
    values = {
        "titles": {"fr": "Ombre place des Nations", "ar": "", "en": ""},
        "descriptions": {"fr": "Pergolas et arbres.", "ar": "", "en": ""},
        "department": "Parcs et jardins",
        "district_ids": [],
    }
    values.update(overrides)
    return services.ProjectDraft(**values)


@pytest.fixture
def project(db, manager, city):  # noqa: F811
    made = services.create_project(manager, draft(district_ids=[city["district"].id]), "study")
    db.session.commit()
    return made


def jpeg_bytes(color=(200, 30, 30), exif=True):
    image = Image.new("RGB", (64, 48), color)
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # Make
        image.save(out, "JPEG", exif=data.tobytes())
    else:
        image.save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def english(app):
    """A request in English, for the services' translated messages."""
    with app.test_request_context("/?lang=en"):
        yield
