"""The revisions; alembic loads them by file, never by import."""
