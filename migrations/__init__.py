"""Alembic migrations, installed with the package as localize.migrations (see setup.py)."""
