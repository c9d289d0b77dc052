"""Calls released at the same instant, each in its own thread, app context and connection."""

import threading

from app.extensions import db


def run_together(app, calls):
    """Run each call() in its own thread, all released together, committing each; the errors."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def worker(call):
        with app.test_request_context("/?lang=en"):
            try:
                barrier.wait(timeout=30)
                call()
                db.session.commit()
            except Exception as error:  # surfaced by the callers' assertions
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    db.session.expire_all()
    return errors
