"""Photo uploads: verified with Pillow, re-encoded without metadata, resized, stored by random name."""

import io
import re
import secrets
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1600
# Far above any phone photo, far below what would exhaust memory when decoded.
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
CONTENT_TYPES = {"jpg": "image/jpeg", "webp": "image/webp"}
# A photo held between the "similar ideas" step and the final submission; older ones are removed.
HELD_FOLDER = "held"
HELD_HOURS = 24
THUMB_FOLDER = "thumbs"
THUMB_SIDE = 240
HELD_NAME = re.compile(r"^[A-Za-z0-9_-]{32}\.(jpg|webp)$")
# Pillow warns above this many pixels and refuses above twice as many; we refuse both.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class PhotoRejected(ValueError):
    """The upload is not a photo we accept; the message is shown next to the field."""


@dataclass
class Photo:
    data: bytes
    extension: str


def _open_checked(data):
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise PhotoRejected(_l("Only JPEG, PNG and WebP photos are accepted."))
                probe.verify()
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoRejected(_l("This image has too many pixels."))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoRejected(_l("This image has too many pixels.")) from None
        except PhotoRejected:
            raise
        except Exception:  # Pillow raises many types for broken or disguised files
            raise PhotoRejected(_l("This file is not a valid JPEG, PNG or WebP image.")) from None
    return image


def process_photo(stream):
    """Read an uploaded stream and return the cleaned photo, or raise PhotoRejected."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PhotoRejected(_l("The photo must be 5 MB or smaller."))
    if not data:
        raise PhotoRejected(_l("The photo file is empty."))
    image = _open_checked(data)
    keeps_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    # Apply the camera's orientation to the pixels, since the EXIF that carried it goes away.
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    output = io.BytesIO()
    mode = "RGBA" if keeps_alpha else "RGB"
    converted = image.convert(mode)
    # A fresh image built from pixels only: no EXIF, GPS, XMP or ICC data travels along.
    clean = Image.frombytes(mode, converted.size, converted.tobytes())
    if keeps_alpha:
        clean.save(output, "WEBP", quality=85)
        extension = "webp"
    else:
        clean.save(output, "JPEG", quality=85, optimize=True)
        extension = "jpg"
    return Photo(output.getvalue(), extension)


def store_photo(upload_dir, photo):
    """Write the photo under a random name; returns the name."""
    folder = Path(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_urlsafe(24)}.{photo.extension}"
    (folder / name).write_bytes(photo.data)
    return name


def remove_photo(upload_dir, name):
    if name:
        (Path(upload_dir) / name).unlink(missing_ok=True)
        (Path(upload_dir) / THUMB_FOLDER / name).unlink(missing_ok=True)


def content_type(name):
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")


def _held_folder(upload_dir):
    return Path(upload_dir) / HELD_FOLDER


def hold_photo(upload_dir, photo):
    """Keep an already cleaned photo until the form is sent again; returns its name. Photos held
    for longer than HELD_HOURS (a form never sent again) are removed on the way."""
    folder = _held_folder(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    sweep_held_photos(upload_dir, time.time())
    name = f"{secrets.token_urlsafe(24)}.{photo.extension}"
    (folder / name).write_bytes(photo.data)
    return name


def sweep_held_photos(upload_dir, now):
    """Remove the photos held for longer than HELD_HOURS before `now` (a timestamp): their forms
    were never sent again. Returns how many went."""
    folder = _held_folder(upload_dir)
    if not folder.is_dir():
        return 0
    limit = now - HELD_HOURS * 3600
    removed = 0
    for old in folder.iterdir():
        try:
            stale = old.stat().st_mtime < limit
        except FileNotFoundError:  # taken by its form meanwhile
            continue
        if stale:
            old.unlink(missing_ok=True)
            removed += 1
    return removed


def take_held_photo(upload_dir, name):
    """The held photo `name`, removed from the holding folder, or None when it is gone."""
    if not name or not HELD_NAME.match(name):
        return None
    path = _held_folder(upload_dir) / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    path.unlink(missing_ok=True)
    return Photo(data, name.rsplit(".", 1)[1])


def drop_held_photo(upload_dir, name):
    if name and HELD_NAME.match(name):
        (_held_folder(upload_dir) / name).unlink(missing_ok=True)


def thumbnail_path(upload_dir, name):
    """The small copy of photo `name` that list cards show, made on first request and then kept
    (the stored photos are already cleaned: this only shrinks pixels)."""
    folder = Path(upload_dir) / THUMB_FOLDER
    target = folder / name
    if target.exists():
        return target
    source = Path(upload_dir) / name
    folder.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image.thumbnail((THUMB_SIDE, THUMB_SIDE))
        partial = folder / f".{secrets.token_hex(8)}-{name}"
        image.save(partial, "WEBP" if name.endswith(".webp") else "JPEG", quality=80)
    partial.replace(target)  # atomic: a concurrent request never reads half a file
    return target
