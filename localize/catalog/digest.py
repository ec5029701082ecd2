"""Digests of stored rows, read through the database driver's own cursor.

What caches and ETags key on (a report's, the matrix page's) must come from the database, so every
worker agrees; reading it is on every request of those paths. The driver's cursor skips SQLAlchemy's
result machinery (~90 rows a request: a series' episodes), which cost more than the queries themselves.
The digest only has to be the same for the same stored rows under the same driver.
"""
from __future__ import annotations

import hashlib

from sqlmodel import Session


def rows_digest(session: Session, statements: tuple[str, ...], params: dict, seed: str = "") -> str:
    """A hex digest of every row of the statements (written with :name parameters), in order."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    digest = hashlib.sha256(seed.encode())
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        for sql in statements:
            if not sqlite:  # psycopg's named parameters are %(name)s
                for name in params:
                    sql = sql.replace(f":{name}", f"%({name})s")
            cursor.execute(sql, params)
            digest.update(repr(cursor.fetchall()).encode())
            digest.update(b"|")
    finally:
        cursor.close()
    return digest.hexdigest()
