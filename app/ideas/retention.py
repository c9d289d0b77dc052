"""The daily sweep of photos held for idea forms that were never sent again."""

from datetime import UTC

from flask import current_app

from app.ideas.photos import sweep_held_photos


def purge_held_photos(now):
    """Scheduled daily: held photos older than a day go (also swept whenever a photo is held)."""
    return sweep_held_photos(current_app.config["UPLOAD_DIR"], now.replace(tzinfo=UTC).timestamp())
