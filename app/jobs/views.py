"""Admin pages: the jobs that failed their last try, and a button to try one again."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.permissions import role_required
from app.extensions import db
from app.jobs import services
from app.jobs.blueprint import bp
from app.jobs.models import Job
from app.jobs.queries import failed_jobs, job_counts

LABELS = {
    "account_mail": _l("Account email"),
    "dashboard_figures": _l("Dashboard figures (every ten minutes)"),
    "dashboard_refresh": _l("Dashboard figures (asked by a visit)"),
    "notification_mail": _l("Notification email"),
    "notify_users": _l("Notifications"),
    "notify_supporters": _l("Notifications to supporters"),
    "open_data_snapshot": _l("Daily open-data snapshot"),
    "purge_jobs": _l("Daily purge of finished jobs"),
    "purge_outbox": _l("Daily purge of the mail outbox"),
    "purge_expired": _l("Daily purge of expired personal data"),
    "purge_held_photos": _l("Daily purge of photos held for unsent idea forms"),
    "follow_fanout": _l("Notifications to followers"),
    "follow_mail": _l("Email to a follower"),
    "follow_digest": _l("Digest email"),
    "daily_digest": _l("Daily digests"),
    "weekly_digest": _l("Weekly digests"),
    "relay_status": _l("Text message to a resident helped by a relay"),
    "project_followers": _l("Notifications to a project's followers"),
}


@bp.get("/admin/jobs")
@role_required("admin")
def failed():
    return render_template("jobs/failed.html", jobs=failed_jobs(), counts=job_counts(), labels=LABELS)


@bp.post("/admin/jobs/<int:job_id>/retry")
@role_required("admin")
def retry(job_id):
    job = db.get_or_404(Job, job_id)
    if services.retry_failed(job):
        db.session.commit()
        flash(_("The job will be tried again."), "success")
    else:
        flash(_("This job has not failed; nothing was changed."), "warning")
    return redirect(url_for(".failed"))
