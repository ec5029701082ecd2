"""WSGI entry point: `gunicorn wsgi:app`."""
from localize import create_app

app = create_app()
