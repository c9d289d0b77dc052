"""A status machine: the statuses of a kind of record, their labels and which verb moves which."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    sources: tuple
    # None: the verb acts on the record and leaves its status as it is.
    target: str | None = None


class Lifecycle:
    """One owner for a record's statuses: every service, view and template asks it."""

    def __init__(self, statuses, labels, transitions):
        self.statuses = tuple(str(s) for s in statuses)
        self.labels = {str(s): labels[s] for s in statuses}
        self.transitions = {
            verb: Transition(tuple(str(s) for s in sources), None if target is None else str(target))
            for verb, (sources, target) in transitions.items()
        }
        for verb, transition in self.transitions.items():
            unknown = set(transition.sources) - set(self.statuses)
            if transition.target is not None:
                unknown |= {transition.target} - set(self.statuses)
            if unknown:
                raise ValueError(f"{verb}: unknown statuses {sorted(unknown)}")

    def allowed(self, status, verb):
        """Whether `verb` may act on a record in `status`."""
        return status in self.transitions[verb].sources

    def can(self, record, verb):
        return self.allowed(record.status, verb)

    def sources(self, verb):
        """The statuses `verb` acts on, for a conditional UPDATE's WHERE clause."""
        return self.transitions[verb].sources

    def target(self, verb):
        """The status `verb` leaves the record in (None: unchanged)."""
        return self.transitions[verb].target

    def label(self, status):
        return self.labels.get(status, status)
