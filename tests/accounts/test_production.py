"""Production refuses to start with a guessable SECRET_KEY or without PUBLIC_URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from app.config import DEVELOPMENT_SECRET_KEY, ConfigurationError, ProductionConfig

ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET = "Xk2v9Qw7Lm4Zp8Rt1Ny6Bc3Hd5Jf0Gs-"  # noqa: S105 (tests only)


def _production(app_config, **settings):
    values = {
        "SQLALCHEMY_DATABASE_URI": app_config.SQLALCHEMY_DATABASE_URI,
        "INSTANCE_DIR": app_config.INSTANCE_DIR,
        "OUTBOX_DIR": app_config.OUTBOX_DIR,
        "SECRET_KEY": STRONG_SECRET,
        "PUBLIC_URL": "https://agora.example.org",
        "RATELIMIT_ENABLED": False,
    }
    values.update(settings)
    return type("Production", (ProductionConfig,), values)


def _start_wsgi(tmp_path, **env):
    """Import wsgi.py as gunicorn would, with AGORA_ENV=production and only `env` set."""
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "PUBLIC_URL", "DATABASE_URL"}}
    base.update(AGORA_ENV="production", AGORA_INSTANCE_DIR=str(tmp_path), **env)
    return subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_secret_key_or_public_url(tmp_path):
    result = _start_wsgi(tmp_path)
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()
    assert any("SECRET_KEY must be" in line for line in message)
    assert any("PUBLIC_URL must be" in line for line in message)
    assert "secrets.token_urlsafe" in result.stderr


def test_production_starts_with_a_strong_secret_and_a_public_url(tmp_path):
    result = _start_wsgi(tmp_path, SECRET_KEY=STRONG_SECRET, PUBLIC_URL="https://agora.example.org")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "secret",
    [DEVELOPMENT_SECRET_KEY, "", "short-but-random-9f3k", "a" * 40],
)
def test_production_refuses_default_secret(app_config, secret):
    with pytest.raises(ConfigurationError, match="SECRET_KEY must be") as refused:
        create_app(_production(app_config, SECRET_KEY=secret))
    assert "PUBLIC_URL" not in str(refused.value)


@pytest.mark.parametrize(
    "public_url", ["", "agora.example.org", "https://", "https://agora.example.org/?x=1"]
)
def test_production_refuses_a_missing_or_malformed_public_url(app_config, public_url):
    with pytest.raises(ConfigurationError, match="PUBLIC_URL must be") as refused:
        create_app(_production(app_config, PUBLIC_URL=public_url))
    assert "SECRET_KEY" not in str(refused.value)


def test_production_mail_links_are_built_on_the_public_url(app_config):
    application = create_app(_production(app_config, PUBLIC_URL="https://agora.example.org/city"))
    with application.app_context():
        from app.core.urls import external_url

        assert (
            external_url("accounts.reset_password", token="abc") == "https://agora.example.org/city/reset/abc"
        )
