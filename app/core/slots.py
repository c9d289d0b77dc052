"""Named places on a page that other features fill (Indico's template hooks).

The feature that owns a page declares its slots in its blueprint.py; another feature fills one
from its own blueprint.py with a partial and, if the partial needs data, a context callable.
Each application has its own registry, filled when the blueprints are registered, and
`create_app` checks it: a filler for an undeclared slot or with a missing template is an error
at start-up, and rendering an undeclared slot is an error too; nothing fails into a blank.
"""

from dataclasses import dataclass

from flask import current_app
from jinja2 import pass_context
from markupsafe import Markup


class UndeclaredSlot(LookupError):
    """A slot that no page declares."""


@dataclass(frozen=True)
class Filler:
    template: str
    # `context(**slot_arguments)` returns the partial's extra variables, or None to show nothing
    # (it runs only when the slot renders, so its queries run on the pages that show it).
    context: object = None
    order: int = 100


class Slots:
    """One application's slots: {name: description} and {name: [Filler, ...]}."""

    def __init__(self):
        self.declared = {}
        self.fillers = {}

    def declare(self, name, description):
        if name in self.declared:
            raise ValueError(f"slot {name!r} is declared twice")
        self.declared[name] = description

    def fill(self, name, template, context=None, order=100):
        fillers = self.fillers.setdefault(name, [])
        fillers.append(Filler(template, context, order))
        fillers.sort(key=lambda filler: filler.order)

    def fillers_of(self, name):
        if name not in self.declared:
            raise UndeclaredSlot(f"no page declares the slot {name!r}")
        return self.fillers.get(name, ())

    def check(self, jinja_env):
        """Every filled slot is declared and every filler's template exists (TemplateNotFound)."""
        for name, fillers in self.fillers.items():
            self.fillers_of(name)
            for filler in fillers:
                jinja_env.loader.get_source(jinja_env, filler.template)


def slots_of(app):
    return app.extensions.setdefault("slots", Slots())


def declare_slots(bp, slots):
    """From the page owner's blueprint.py: `{name: what goes there}`."""
    bp.record_once(lambda state: [slots_of(state.app).declare(n, d) for n, d in slots.items()])


def fill(bp, name, template, context=None, order=100):
    """From a feature's blueprint.py: render `template` in the slot `name` (lower `order` first)."""
    bp.record_once(lambda state: slots_of(state.app).fill(name, template, context, order))


@pass_context
def render_slot(jinja_context, name, **arguments):
    """`{{ render_slot("idea_detail.support", idea=idea) }}`: the fillers of `name`, in order.

    Each partial sees what an include would (the page's context) plus the slot's arguments and
    what its context callable returns."""
    env = jinja_context.environment
    parts = []
    for filler in slots_of(current_app).fillers_of(name):
        extra = filler.context(**arguments) if filler.context else {}
        if extra is None:
            continue
        template = env.get_template(filler.template)
        parts.append(template.render({**jinja_context.get_all(), **arguments, **extra}))
    return Markup("".join(parts))  # noqa: S704  (rendered by autoescaping templates)


def init_slots(app):
    slots_of(app)
    app.jinja_env.globals["render_slot"] = render_slot
