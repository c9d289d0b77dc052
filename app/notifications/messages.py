"""Notification texts: the kinds each feature declares, worded in the reader's language."""

from flask import current_app


class UnknownKind(LookupError):
    """A notification kind that no registered feature declared."""


class NotificationKinds:
    """One application's notification kinds: `{kind: renderer(params) -> str}`."""

    def __init__(self):
        self._renderers = {}

    def declare(self, kinds):
        for kind, renderer in kinds.items():
            if self._renderers.get(kind, renderer) is not renderer:
                raise ValueError(f"notification kind {kind!r} is declared twice")
            self._renderers[kind] = renderer

    def __contains__(self, kind):
        return kind in self._renderers

    def check(self, kind):
        if kind not in self._renderers:
            raise UnknownKind(f"no feature declares the notification kind {kind!r}")
        return kind

    def text(self, kind, params):
        """The renderer is called with the reader's locale active."""
        return self._renderers[self.check(kind)](params or {})


def kinds_of(app):
    return app.extensions.setdefault("notification_kinds", NotificationKinds())


def declare_kinds(bp, kinds):
    """From a feature's blueprint.py: the kinds it sends, known to each app that registers `bp`."""
    bp.record_once(lambda state: kinds_of(state.app).declare(kinds))


def check_kind(kind):
    """`kind`, or UnknownKind when the running app has no such kind."""
    return kinds_of(current_app).check(kind)


def notification_text(kind, params):
    return kinds_of(current_app).text(kind, params)
