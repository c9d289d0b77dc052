"""Configuration read from the environment, with a test variant."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("AGORA_INSTANCE_DIR", BASE_DIR / "instance"))


def _bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _database_url(url):
    # Heroku-style URLs and bare postgresql:// must go through psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


# Public by design: development only. Production refuses it (check_production_settings).
DEVELOPMENT_SECRET_KEY = "dev-only-change-me"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """A setting production cannot run without is missing or unsafe."""


class Config:
    PRODUCTION = False
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = _database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'agora.db'}")
    )
    # Connections the server closed are replaced at checkout (app/core/database.py); recycling
    # also renews those a firewall may have dropped silently while idle.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": 1800}
    INSTANCE_DIR = INSTANCE_DIR
    MIGRATIONS_DIR = BASE_DIR / "migrations"
    UPLOAD_DIR = Path(os.environ.get("UPLOAD_DIR", INSTANCE_DIR / "uploads"))
    OUTBOX_DIR = Path(os.environ.get("OUTBOX_DIR", INSTANCE_DIR / "outbox"))

    # Requests larger than this get the 413 page; photo and import limits are stricter.
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 12 * 1024 * 1024)
    # Forms with a photo accept a larger request, so that a phone photo above the photo limit
    # gets the form back with its message; only the photo limit of each file is kept.
    PHOTO_FORM_MAX_LENGTH = _int("PHOTO_FORM_MAX_LENGTH", 40 * 1024 * 1024)

    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LANGUAGE", "fr")
    BABEL_DEFAULT_TIMEZONE = os.environ.get("TIMEZONE", "Africa/Casablanca")
    LANGUAGES = ("fr", "ar", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    # The city's name as each language writes it (CITY_NAME_AR etc. override one).
    CITY_NAMES = {
        "fr": os.environ.get("CITY_NAME_FR", os.environ.get("CITY_NAME", "Casablanca")),
        "ar": os.environ.get("CITY_NAME_AR", "الدار البيضاء"),
        "en": os.environ.get("CITY_NAME_EN", os.environ.get("CITY_NAME", "Casablanca")),
    }

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Agora <no-reply@agora.local>")

    # Background jobs (app/jobs): a SQLite queue in INSTANCE_DIR unless Redis is given.
    HUEY_URL = os.environ.get("HUEY_URL") or os.environ.get("REDIS_URL", "")
    JOBS_IMMEDIATE = _bool("JOBS_IMMEDIATE", False)
    JOBS_MAX_ATTEMPTS = _int("JOBS_MAX_ATTEMPTS", 5)
    # First retry after this many seconds, then twice as long each time (30 s … 4 min).
    JOBS_RETRY_SECONDS = _int("JOBS_RETRY_SECONDS", 30)
    # A running job's worker renews its claim four times per lease; a claim not renewed for this
    # long belongs to a dead worker (killed mid-job) and the job is run again.
    JOBS_LEASE_SECONDS = _int("JOBS_LEASE_SECONDS", 120)
    # The daily purge (app/jobs/retention.py) deletes finished jobs and outbox messages after this.
    # How long a moderator may undo a decision; the author's email waits as long.
    MODERATION_UNDO_SECONDS = _int("MODERATION_UNDO_SECONDS", 30)
    JOBS_KEEP_DAYS = _int("JOBS_KEEP_DAYS", 14)
    JOBS_KEEP_FAILED_DAYS = _int("JOBS_KEEP_FAILED_DAYS", 90)
    OUTBOX_KEEP_DAYS = _int("OUTBOX_KEEP_DAYS", 14)
    # Status SMS to residents helped by a relay (app/relays/sms.py): "outbox" writes them to
    # OUTBOX_DIR/sms; "http" posts them as JSON to an SMS gateway.
    SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox")
    SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
    SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
    SMS_SENDER = os.environ.get("SMS_SENDER", "Agora")
    SMS_GATEWAY_TIMEOUT = _int("SMS_GATEWAY_TIMEOUT", 10)

    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    # Empty: a SQLite file in INSTANCE_DIR that every worker process of this host shares
    # (app/core/ratelimits.py); redis://... when several hosts serve the site.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "10 per minute;50 per hour")
    # Failed sign-ins per account address, from any client address.
    RATELIMIT_LOGIN_ACCOUNT = os.environ.get("RATELIMIT_LOGIN_ACCOUNT", "5 per 15 minutes")
    RATELIMIT_REGISTER = os.environ.get("RATELIMIT_REGISTER", "5 per minute;30 per hour")
    # Password-reset requests and verification resends: each one sends a mail.
    RATELIMIT_RESET = os.environ.get("RATELIMIT_RESET", "5 per minute;20 per hour")
    RATELIMIT_VOTE_USER = os.environ.get("RATELIMIT_VOTE_USER", "60 per minute")
    RATELIMIT_VOTE_IP = os.environ.get("RATELIMIT_VOTE_IP", "300 per minute")
    RATELIMIT_PROPOSE = os.environ.get("RATELIMIT_PROPOSE", "20 per hour")
    RATELIMIT_API = os.environ.get("RATELIMIT_API", "600 per minute")  # public read API, per address

    # Links in mail are built on this address (e.g. https://agora.casablanca.ma), never on
    # the request's Host header. Required in production; in development, SERVER_NAME or
    # DEVELOPMENT_URL stands in for it (app/core/urls.py).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "")
    DEVELOPMENT_URL = f"http://127.0.0.1:{os.environ.get('PORT', '5000')}"
    # The demo accounts live under agora.local, a special-use domain that email-validator
    # refuses and that can never receive mail by mistake. Rather than move them to a real
    # domain, development accepts addresses under these domains on /register and /reset;
    # production validates every address alike (ProductionConfig empties the list).
    EMAIL_TEST_DOMAINS = ("agora.local",)
    EMAIL_TOKEN_MAX_AGE = timedelta(hours=_int("EMAIL_TOKEN_HOURS", 48))
    RESET_TOKEN_MAX_AGE = timedelta(hours=_int("RESET_TOKEN_HOURS", 2))
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = _bool("SECURE_COOKIES", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    FORCE_HTTPS = _bool("FORCE_HTTPS", False)
    # Number of reverse proxies in front of the app whose X-Forwarded-For/-Proto to trust;
    # without it every visitor shares the proxy's address and its rate limits.
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
    WTF_CSRF_TIME_LIMIT = None

    # Map: tiles and the area ideas may be placed in.
    TILE_URL = os.environ.get("TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    TILE_ATTRIBUTION = os.environ.get(
        "TILE_ATTRIBUTION",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    )
    MAP_CENTER = (33.5731, -7.5898)
    # Static files through WhiteNoise (app/core/assets.py): hashed names cached for a year,
    # gzip and brotli copies; the unhashed names keep STATIC_MAX_AGE seconds.
    STATIC_HASHED = _bool("STATIC_HASHED", True)
    STATIC_BUILD_DIR = os.environ.get("STATIC_BUILD_DIR")  # default: INSTANCE_DIR/static-build
    STATIC_MAX_AGE = _int("STATIC_MAX_AGE", 3600)
    # West, south, east, north of Greater Casablanca; a GeoJSON polygon can replace it.
    SERVICE_AREA_BBOX = (-7.80, 33.45, -7.35, 33.68)
    SERVICE_AREA_FILE = os.environ.get("SERVICE_AREA_FILE")
    PREMODERATION = _bool("PREMODERATION", True)
    # A published idea with this many open reports is hidden until a moderator reviews it.
    REPORT_HIDE_THRESHOLD = _int("REPORT_HIDE_THRESHOLD", 3)
    # Comments (app/comments): per resident, the window in which an author may edit, and
    # pre-moderation for a launch period (residents' comments wait for a moderator).
    RATELIMIT_COMMENT = os.environ.get("RATELIMIT_COMMENT", "5 per minute;60 per day")
    COMMENT_EDIT_MINUTES = _int("COMMENT_EDIT_MINUTES", 15)
    COMMENTS_PREMODERATION = _bool("COMMENTS_PREMODERATION", False)

    # Créathon outcome files (app/creathon/limits.py): checked before and while they are read,
    # so that no file holds a worker for long. An XLSX is a zip: its parts must not unpack to
    # more than CREATHON_MAX_UNPACKED_MB in all, nor any large part to more than
    # CREATHON_MAX_ZIP_RATIO times its packed size.
    CREATHON_MAX_ROWS = _int("CREATHON_MAX_ROWS", 10_000)
    CREATHON_MAX_COLUMNS = _int("CREATHON_MAX_COLUMNS", 200)
    CREATHON_MAX_ROW_CHARS = _int("CREATHON_MAX_ROW_CHARS", 100_000)
    CREATHON_MAX_UNPACKED_MB = _int("CREATHON_MAX_UNPACKED_MB", 50)
    CREATHON_MAX_ZIP_RATIO = _int("CREATHON_MAX_ZIP_RATIO", 100)
    CREATHON_MAX_JSON_DEPTH = _int("CREATHON_MAX_JSON_DEPTH", 20)
    # The city's default for imported outcomes: published at once (true) or sent to the
    # moderation queue like citizens' ideas (false). New events start with it; each import
    # may choose otherwise.
    CREATHON_PUBLISH_IMPORTS = _bool("CREATHON_PUBLISH_IMPORTS", False)
    # Open data: the licence of every dataset, and whether idea authors' display names are shown.
    OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "ODbL-1.0")
    OPEN_DATA_LICENCE_URL = os.environ.get(
        "OPEN_DATA_LICENCE_URL", "https://opendatacommons.org/licenses/odbl/1-0/"
    )
    OPEN_DATA_AUTHOR_NAMES = _bool("OPEN_DATA_AUTHOR_NAMES", False)
    OPEN_DATA_SNAPSHOT_DIR = os.environ.get("OPEN_DATA_SNAPSHOT_DIR")  # default: INSTANCE_DIR/open-data
    # The dashboard (/dashboard) is open to everyone, or to moderators and admins only.
    DASHBOARD_PUBLIC = _bool("DASHBOARD_PUBLIC", True)
    # Its figures are recomputed by a job when older than this many seconds.
    DASHBOARD_MAX_AGE = _int("DASHBOARD_MAX_AGE", 600)

    # Privacy (app/privacy): the notice's version (a new one is accepted again at next sign-in),
    # the controller named in it, and how long what expires is kept (flask purge-expired).
    PRIVACY_NOTICE_VERSION = os.environ.get("PRIVACY_NOTICE_VERSION", "2026-12")
    PRIVACY_CONTROLLER_NAME = os.environ.get("PRIVACY_CONTROLLER_NAME", "Commune de Casablanca")
    PRIVACY_CONTROLLER_ADDRESS = os.environ.get(
        "PRIVACY_CONTROLLER_ADDRESS", "Hôtel de ville, boulevard Hassan II, Casablanca"
    )
    PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "privacy@agora.local")
    # The CNDP's receipt for the declaration of this processing (law 09-08), when there is one.
    PRIVACY_CNDP_REFERENCE = os.environ.get("PRIVACY_CNDP_REFERENCE", "")
    RETENTION_UNVERIFIED_DAYS = _int("RETENTION_UNVERIFIED_DAYS", 30)
    # Finished mail jobs carry reset and verification links: kept no longer than the links live.
    RETENTION_TOKEN_MAIL_HOURS = _int("RETENTION_TOKEN_MAIL_HOURS", 48)
    RETENTION_NOTIFICATIONS_DAYS = _int("RETENTION_NOTIFICATIONS_DAYS", 365)
    DELETE_TOKEN_MAX_AGE = timedelta(hours=_int("DELETE_TOKEN_HOURS", 2))


class ProductionConfig(Config):
    PRODUCTION = True
    # No development fallback: create_app refuses to start without a strong key.
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    EMAIL_TEST_DOMAINS = ()
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    FORCE_HTTPS = _bool("FORCE_HTTPS", False)


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105 (tests only)
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_SERVER = ""
    SERVER_NAME = "agora.test"
    PUBLIC_URL = ""
    PASSWORD_HASH_FAST = True
    # Jobs run inline when their transaction commits, so mails land in the test outbox.
    JOBS_IMMEDIATE = True
    HUEY_URL = ""
    # Plain /static/ names, which many tests read; tests/core/test_assets.py turns them on.
    STATIC_HASHED = _bool("STATIC_HASHED", False)
    # Mails leave at once in tests; the undo tests set a window themselves.
    MODERATION_UNDO_SECONDS = 0


def check_production_settings(config):
    """Raise ConfigurationError, naming every variable to fix, when production would run
    with a guessable SECRET_KEY or without PUBLIC_URL."""
    problems = []
    secret = config.get("SECRET_KEY") or ""
    if secret == DEVELOPMENT_SECRET_KEY or len(secret) < MIN_SECRET_KEY_LENGTH or len(set(secret)) < 10:
        problems.append(
            f"SECRET_KEY must be a random value of at least {MIN_SECRET_KEY_LENGTH} characters "
            "(it signs sessions and the links sent by mail; the development value is public). "
            "Make one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    public_url = urlsplit(config.get("PUBLIC_URL") or "")
    if public_url.scheme not in ("https", "http") or not public_url.netloc or public_url.query:
        problems.append(
            "PUBLIC_URL must be the site's public address, e.g. PUBLIC_URL=https://agora.example.org "
            "(links in mail are built on it, never on the request's Host header)."
        )
    if problems:
        raise ConfigurationError("Agora cannot start in production:\n- " + "\n- ".join(problems))
