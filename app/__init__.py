"""Application factory: wiring only — extensions, blueprints, CLI."""

from functools import lru_cache

import babel.numbers
from flask import Flask, g
from flask_babel import format_decimal, get_locale
from sqlalchemy.orm import configure_mappers
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import Config, check_production_settings
from app.core.transient import RetryReads


def create_app(config=Config):
    app = Flask(__name__, static_folder="../static", static_url_path="/static")
    app.config.from_object(config)
    if app.config.get("PRODUCTION"):
        check_production_settings(app.config)
    app.config["INSTANCE_DIR"].mkdir(parents=True, exist_ok=True)
    app.wsgi_app = RetryReads(app.wsgi_app)  # reads that lost their database connection, once more
    if app.config.get("TRUSTED_PROXIES"):
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    _import_models()
    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    _register_template_helpers(app)
    from app.core.assets import init_static

    init_static(app)
    return app


def _import_models():
    # Every model module, so that Alembic and the relationships see the whole schema.
    import app.accounts.models  # noqa: F401
    import app.comments.models  # noqa: F401
    import app.creathon.models  # noqa: F401
    import app.dashboard.models  # noqa: F401
    import app.follows.models  # noqa: F401
    import app.ideas.models  # noqa: F401
    import app.jobs.models  # noqa: F401
    import app.mapindex.hooks  # noqa: F401  (map_cells, idea_terms and the hooks keeping them exact)
    import app.moderation.comment_models  # noqa: F401
    import app.moderation.models  # noqa: F401
    import app.notifications.models  # noqa: F401
    import app.privacy.models  # noqa: F401
    import app.projects.models  # noqa: F401
    import app.relays.models  # noqa: F401
    import app.votes.models  # noqa: F401

    # Now rather than on a worker's first query, which it would hold up for about 60 ms.
    configure_mappers()


def _init_extensions(app):
    from app.core import database  # noqa: F401  (registers the SQLite pragmas)
    from app.core.errors import register_error_handlers
    from app.core.locale import remember_requested_language, select_locale
    from app.core.logscrub import install_log_scrubbing
    from app.core.mail import configure_mail
    from app.core.ratelimits import configure_rate_limits
    from app.core.security import init_security
    from app.core.uploads import init_uploads
    from app.extensions import babel, csrf, db, limiter, login_manager, mail, migrate

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(app.config["MIGRATIONS_DIR"]), render_as_batch=True, compare_type=True
    )
    babel.init_app(app, locale_selector=select_locale)
    # Before the CSRF check, which may stop a request: a form sent back from it still gets its
    # page's CSP nonce (made in a before-request hook), so its scripts run.
    init_security(app)
    init_uploads(app)
    csrf.init_app(app)
    configure_mail(app)
    mail.init_app(app)
    configure_rate_limits(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    install_log_scrubbing(app)
    register_error_handlers(app)
    app.before_request(remember_requested_language)
    _init_jobs(app)

    from app.accounts.session import load_user, unauthorized_message

    login_manager.user_loader(load_user)
    login_manager.localize_callback = unauthorized_message


def _init_jobs(app):
    # The modules whose job handlers the worker runs.
    from app.accounts import mails  # noqa: F401
    from app.dashboard import jobs as dashboard_jobs  # noqa: F401
    from app.follows import jobs as follow_jobs  # noqa: F401
    from app.jobs.queue import init_jobs
    from app.moderation import jobs  # noqa: F401
    from app.notifications import jobs as notification_jobs  # noqa: F401
    from app.projects import jobs as project_jobs  # noqa: F401
    from app.relays import jobs as relay_jobs  # noqa: F401

    _schedule_jobs()
    init_jobs(app)


def _schedule_jobs():
    # The worker's timetable, in UTC: one line per task, each a `function(now)` that may flush,
    # never commit; run once per slot however many workers run (app/jobs/registry.py).
    from app.core.outbox import purge_outbox
    from app.dashboard.jobs import scheduled_refresh
    from app.follows.digests import daily_digest, weekly_digest
    from app.ideas.retention import purge_held_photos
    from app.jobs.registry import schedule
    from app.jobs.retention import purge_jobs
    from app.opendata.snapshots import scheduled_snapshot
    from app.privacy.retention import purge_expired

    schedule("open_data_snapshot", scheduled_snapshot, hour="2", minute="30")
    schedule("purge_jobs", purge_jobs, hour="3", minute="0")
    schedule("purge_outbox", purge_outbox, hour="3", minute="5")
    schedule("purge_expired", purge_expired, hour="3", minute="30")
    schedule("purge_held_photos", purge_held_photos, hour="3", minute="40")
    schedule("dashboard_figures", scheduled_refresh, minute="*/10")
    schedule("daily_digest", daily_digest, hour="6", minute="0")
    schedule("weekly_digest", weekly_digest, day_of_week="1", hour="6", minute="15")


def _register_blueprints(app):
    # Each feature wires itself in its blueprint.py (routes, the slots its pages offer and the
    # ones it fills, its templates' helpers); nothing else imports those modules.
    from app.accounts.blueprint import bp as accounts_bp
    from app.api.blueprint import bp as api_bp
    from app.comments.blueprint import bp as comments_bp
    from app.core.blueprint import bp as core_bp
    from app.core.slots import init_slots, slots_of
    from app.creathon.blueprint import bp as creathon_bp
    from app.dashboard.blueprint import bp as dashboard_bp
    from app.follows.blueprint import bp as follows_bp
    from app.ideas.blueprint import bp as ideas_bp
    from app.jobs.blueprint import bp as jobs_bp
    from app.moderation.blueprint import bp as moderation_bp
    from app.notifications.blueprint import bp as notifications_bp
    from app.opendata.blueprint import bp as opendata_bp
    from app.operations.blueprint import bp as operations_bp
    from app.privacy.blueprint import bp as privacy_bp
    from app.projects.blueprint import bp as projects_bp
    from app.relays.blueprint import bp as relays_bp
    from app.votes.blueprint import bp as votes_bp

    init_slots(app)
    app.register_blueprint(core_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(votes_bp)
    app.register_blueprint(creathon_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(follows_bp)
    app.register_blueprint(comments_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(opendata_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(projects_bp)
    app.register_blueprint(relays_bp)
    app.register_blueprint(operations_bp)
    slots_of(app).check(app.jinja_env)  # a filler of an undeclared slot or a missing partial: no start


def _register_cli(app):
    from app.accounts.cli import users_cli
    from app.core.cli import mail_check
    from app.creathon.cli import creathon_cli
    from app.dashboard.cli import dashboard_cli
    from app.demo.cli import seed_demo
    from app.ideas.cli import districts_cli
    from app.maintenance.cli import verify
    from app.mapindex.cli import geo_cli
    from app.opendata.cli import open_data_cli
    from app.votes.cli import votes_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(mail_check)
    app.cli.add_command(seed_demo)
    app.cli.add_command(districts_cli)
    app.cli.add_command(votes_cli)
    app.cli.add_command(creathon_cli)
    app.cli.add_command(geo_cli)
    app.cli.add_command(verify)
    app.cli.add_command(open_data_cli)
    app.cli.add_command(dashboard_cli)

    from app.follows.cli import follows_cli

    app.cli.add_command(follows_cli)

    from app.jobs.cli import jobs_cli

    app.cli.add_command(jobs_cli)

    from app.privacy.cli import purge_expired_command
    from app.projects.cli import projects_cli

    app.cli.add_command(projects_cli)

    app.cli.add_command(purge_expired_command)

    from app.operations.cli import backup, restore

    app.cli.add_command(backup)
    app.cli.add_command(restore)


def _register_template_helpers(app):
    from app.core.bidi import register_bidi_filters
    from app.core.dates import register_date_filters
    from app.core.locale import text_direction, url_for_language

    @app.context_processor
    def inject_locale():
        locale = str(get_locale())
        return {
            "current_locale": locale,
            "text_direction": text_direction(locale),
            "languages": (("fr", "Français"), ("ar", "العربية"), ("en", "English")),
            "url_for_language": url_for_language,
            "city_name": app.config["CITY_NAMES"].get(locale, app.config["CITY_NAMES"]["fr"]),
        }

    register_date_filters(app)
    register_bidi_filters(app)
    app.jinja_env.filters["number"] = _number
    app.jinja_env.globals["g"] = g
    app.jinja_env.add_extension("jinja2.ext.do")


@lru_cache(maxsize=8192)
def _integer(value, locale):
    return babel.numbers.format_decimal(value, locale=locale)


def _number(value):
    # Pages repeat the same small counts (supports, ideas per author): formatting an integer
    # once per language is enough, and Babel takes tens of microseconds a call.
    if isinstance(value, int) and not isinstance(value, bool):
        return _integer(value, str(get_locale()))
    return format_decimal(value)
