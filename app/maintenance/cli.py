"""`flask verify [--repair]`: every denormalised value compared with the rows it is kept from."""

import click
from flask.cli import with_appcontext

from app.comments import queries as comments
from app.comments import services as comment_counts
from app.extensions import db
from app.ideas.search_index import verify_terms
from app.mapindex.aggregates import rebuild_map, stale_keys, verify_cells
from app.moderation.queries import open_reports_drift
from app.moderation.reporting import repair_open_reports
from app.votes.queries import counter_drift
from app.votes.services import repair_counters


def _support_counts(_connection):
    return [
        f"idea {row.id}: support_count {row.support_count}, supports {row.actual} — {row.title}"
        for row in counter_drift()
    ]


def _open_reports(_connection):
    return [
        f"idea {row.id}: open_reports {row.open_reports}, open reports {row.actual} — {row.title}"
        for row in open_reports_drift()
    ]


def _reply_counts(_connection):
    return [
        f"comment {row.id} (idea {row.idea_id}): reply_count {row.reply_count},"
        f" published replies {row.actual}"
        for row in comments.reply_count_drift()
    ]


def _comment_supports(_connection):
    return [
        f"comment {row.id} (idea {row.idea_id}): support_count {row.support_count}, supports {row.actual}"
        for row in comments.support_count_drift()
    ]


def _comment_tallies(_connection):
    return [
        f"idea {idea_id}: comment tally {kept}, published comments {counted} (total, for, against, neutral)"
        for idea_id, kept, counted in comments.tally_drift()
    ]


def _map(connection):
    # Cells and search words are compared (at most 20 differences each) after the keys they
    # are grouped by; one rebuild repairs all three.
    found = [
        f"idea {idea_id}: map_key {stored}, its point's {wanted}"
        for idea_id, stored, wanted in stale_keys(connection)
    ]
    found += [f"map cell {kind}: {row}" for kind, row in verify_cells(connection)]
    found += [
        f"idea {idea_id}: search words missing {missing}, extra {extra}"
        for idea_id, missing, extra in verify_terms(connection)
    ]
    return found


def _repair_map(connection):
    rebuild_map(connection)


# (what is checked, how to find the drift, how to repair it), each repair in the same transaction.
CHECKS = (
    ("support counts (ideas.support_count)", _support_counts, lambda _connection: repair_counters()),
    ("open reports (ideas.open_reports)", _open_reports, lambda _connection: repair_open_reports()),
    (
        "comment tallies (comment_tallies)",
        _comment_tallies,
        lambda _connection: comment_counts.repair_tallies(),
    ),
    (
        "comment supports (comments.support_count)",
        _comment_supports,
        lambda _connection: comment_counts.repair_support_counts(),
    ),
    (
        "reply counts (comments.reply_count)",
        _reply_counts,
        lambda _connection: comment_counts.repair_reply_counts(),
    ),
    ("map keys, cells and search words (ideas.map_key, map_cells, idea_terms)", _map, _repair_map),
)


@click.command("verify")
@click.option("--repair", is_flag=True, help="Recompute everything that drifts, in one transaction.")
@with_appcontext
def verify(repair):
    """Compare every counter and index kept beside the rows with the rows; exit 1 on any drift."""
    connection = db.session.connection()
    drifting = []
    for label, find, fix in CHECKS:
        found = find(connection)
        if found:
            click.echo(f"{label}: {len(found)} drift(s)")
            for line in found:
                click.echo(f"  {line}")
            drifting.append((label, fix))
    if not drifting:
        db.session.rollback()
        click.echo("Every counter and index matches its rows.")
        return
    if not repair:
        db.session.rollback()
        click.echo("Run `flask verify --repair` to recompute them.", err=True)
        raise SystemExit(1)
    for _label, fix in drifting:
        fix(connection)
    db.session.commit()
    click.echo("Repaired: " + "; ".join(label for label, _fix in drifting) + ".")
