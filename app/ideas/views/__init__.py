"""Browsing, proposing and category admin pages; their routes hang on `app.ideas.blueprint.bp`."""
