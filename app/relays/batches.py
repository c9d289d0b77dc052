"""Paper-form batches: a short code per printed set, naming its district."""

import re
import secrets
import unicodedata

from app.extensions import db
from app.relays import audit
from app.relays.models import PaperBatch

CODE = re.compile(r"^[A-Z]{3}-\d{4,}$")


def _prefix(district):
    letters = unicodedata.normalize("NFKD", district.slug).encode("ascii", "ignore").decode()
    letters = "".join(ch for ch in letters.upper() if ch.isalpha())
    return (letters + "XXX")[:3]


def create_batch(user, district):
    """A new batch for `district`, its code made of three letters of the district and a number
    (ANF-0007): short enough to copy by hand from a sheet."""
    batch = PaperBatch(code=f"T{secrets.token_hex(8)}", district_id=district.id, created_by_id=user.id)
    db.session.add(batch)
    db.session.flush()
    batch.code = f"{_prefix(district)}-{batch.id:04d}"
    db.session.flush()
    audit.log(user, "paper_batch", code=batch.code, district=district.slug)
    return batch
