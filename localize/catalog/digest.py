"""Digests of stored rows, read through the database driver's own cursor.

What caches and ETags key on (a report's, the matrix page's) must come from the database, so every
worker agrees; reading it is on every request of those paths. The driver's cursor skips SQLAlchemy's
result machinery (~90 rows a request: a series' episodes), which cost more than the queries themselves.
On PostgreSQL the statements go in one pipeline: one round trip instead of one each.
The digest only has to be the same for the same stored rows under the same driver.
"""
from __future__ import annotations

import hashlib

from sqlmodel import Session


def rows_digest(session: Session, statements: tuple[str, ...], params: dict, seed: str = "") -> str:
    """A hex digest of every row of the statements (written with :name parameters), in order."""
    conn = session.connection()
    dbapi = conn.connection.dbapi_connection
    digest = hashlib.sha256(seed.encode())
    if conn.dialect.name == "sqlite":
        results = [_fetch(dbapi.cursor(), sql, params) for sql in statements]
    else:
        # psycopg's named parameters are %(name)s; a pipeline sends every statement in one round trip.
        for name in params:
            statements = tuple(sql.replace(f":{name}", f"%({name})s") for sql in statements)
        cursors = [dbapi.cursor() for _ in statements]
        with dbapi.pipeline():
            for cursor, sql in zip(cursors, statements):
                cursor.execute(sql, params)
        results = [_fetch(cursor) for cursor in cursors]
    for rows in results:
        digest.update(repr(rows).encode())
        digest.update(b"|")
    return digest.hexdigest()


def _fetch(cursor, sql: str | None = None, params: dict | None = None) -> list:
    try:
        if sql is not None:
            cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()
