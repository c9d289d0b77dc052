"""WSGI entry point: `gunicorn wsgi:app` and `flask --app wsgi ...`."""
import os

from app import create_app
from app.config import Config, ProductionConfig

app = create_app(ProductionConfig if os.environ.get("AGORA_ENV") == "production" else Config)
