"""The open-data city serves the API tests too."""

from tests.opendata.conftest import city  # noqa: F401
