"""Event pages and the facilitators' import flow; routes on `app.creathon.blueprint.bp`."""
