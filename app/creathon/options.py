"""The facilitator's choices for one import (categories, look-alike rows, publication), carried
from the column step to the preview and the commit as query or form values; pure."""

from dataclasses import dataclass, field

from app.creathon.text import normalize

SKIP = "skip"
DUPLICATE_CHOICES = ("skip", "create")
# A file rarely holds more distinct unknown categories than this; more are left unmapped.
MAX_CATEGORY_VALUES = 50


def _choice(value, category_ids):
    """A category id, SKIP, or None for a submitted value."""
    value = str(value or "").strip()
    if value == SKIP:
        return SKIP
    if value.isdigit() and int(value) in category_ids:
        return int(value)
    return None


@dataclass
class ImportOptions:
    # Rows without a (known) category: a category id, SKIP (not imported) or None (in error).
    default_category: object = None
    # Unknown category cells as written in the file, to a category id or SKIP.
    category_map: dict = field(default_factory=dict)
    # New rows that look like outcomes already imported: "skip", "create", or None (ask).
    duplicates: str | None = None
    # Publish the new outcomes at once, or send them to moderation; None: the event's choice.
    publish: bool | None = None

    @classmethod
    def from_values(cls, values, category_ids):
        """Options read from request.args / request.form (a MultiDict) or a plain dict."""
        getlist = values.getlist if hasattr(values, "getlist") else lambda k: values.get(k) or []
        mapped = {}
        pairs = zip(getlist("cat_value"), getlist("cat_choice"), strict=False)
        for value, choice in list(pairs)[:MAX_CATEGORY_VALUES]:
            chosen = _choice(choice, category_ids)
            if chosen is not None and normalize(value):
                mapped[value] = chosen
        duplicates = values.get("duplicates")
        publish = values.get("publish")
        return cls(
            default_category=_choice(values.get("default_category"), category_ids),
            category_map=mapped,
            duplicates=duplicates if duplicates in DUPLICATE_CHOICES else None,
            publish=None if publish not in ("0", "1") else publish == "1",
        )

    def category_for(self, value):
        """The choice made for an unknown category cell, or None."""
        norm = normalize(value)
        return next((c for v, c in self.category_map.items() if normalize(v) == norm), None)

    def to_query(self):
        """Values for a link (url_for spreads lists) or hidden inputs."""
        query = {
            "default_category": "" if self.default_category is None else str(self.default_category),
        }
        if self.publish is not None:
            query["publish"] = "1" if self.publish else "0"
        if self.duplicates:
            query["duplicates"] = self.duplicates
        if self.category_map:
            query["cat_value"] = list(self.category_map)
            query["cat_choice"] = [str(c) for c in self.category_map.values()]
        return query

    def query_items(self):
        """(name, value) pairs, lists spread, for hidden inputs."""
        for name, value in self.to_query().items():
            for item in value if isinstance(value, list) else [value]:
                yield name, item
