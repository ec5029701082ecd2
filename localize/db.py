"""Engines, sessions and migrations.

SQLite runs in WAL mode with a busy timeout, and write transactions start with
BEGIN IMMEDIATE: a deferred BEGIN that later upgrades to a write lock fails at once
with "database is locked" under concurrent writers.
"""
from __future__ import annotations

import os
import threading
import time
import weakref
from contextlib import contextmanager
from importlib.resources import files
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine import Engine
from sqlmodel import Session

# The top-level migrations/ folder, installed as the package localize.migrations (see setup.py),
# so a wheel migrates as well as a source checkout.
MIGRATIONS_DIR = files("localize.migrations")

_engines: dict[str, Engine] = {}


def normalize_url(url: str) -> str:
    """Make a plain postgres:// URL use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def get_engine(url: str) -> Engine:
    """Return the process-wide engine for a URL, creating it on first use."""
    url = normalize_url(url)
    engine = _engines.get(url)
    if engine is None:
        engine = _make_engine(url)
        _engines[url] = engine
    return engine


def busy_timeout_s() -> float:
    """How long a write waits for another's lock before giving up (then the request answers 503)."""
    return float(os.environ.get("LOCALIZE_DB_BUSY_TIMEOUT", "30"))


def _make_engine(url: str) -> Engine:
    wait = busy_timeout_s()
    if url.startswith("sqlite"):
        _private_sqlite_file(make_url(url).database)
        engine = create_engine(url, connect_args={"timeout": wait, "check_same_thread": False})
        _configure_sqlite(engine, int(wait * 1000))
        return engine
    # lock_timeout: a row lock held past it fails the statement instead of queueing forever. It joins
    # any options the URL carries (connect_args would replace them: a search_path, say).
    given = make_url(url).query.get("options", "")
    options = " ".join(filter(None, [given if isinstance(given, str) else " ".join(given),
                                     f"-c lock_timeout={int(wait * 1000)}"]))
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args={"options": options})


def _private_sqlite_file(path: str | None) -> None:
    """Create the database file 0600 before SQLite opens it: it holds password and token hashes.

    SQLite gives its -wal and -shm files the database file's permissions, so they follow.
    """
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    if not os.path.exists(path) and os.path.isdir(os.path.dirname(os.path.abspath(path))):
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    for name in (path, path + "-wal", path + "-shm"):
        if os.path.exists(name) and os.stat(name).st_uid == os.getuid():
            os.chmod(name, 0o600)


def _configure_sqlite(engine: Engine, busy_ms: int = 30000) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the driver, issue BEGIN so we can choose IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = "IMMEDIATE" if conn.get_execution_options().get("localize_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class ChangeMarker:
    """A value that moves whenever anyone commits a change to the database, read in microseconds.

    SQLite: `PRAGMA data_version` on a connection of the marker's own, which moves when any other
    connection (in any process) commits. PostgreSQL: the server's current snapshot
    (xmin:xmax:running ids), which moves whenever a transaction that wrote ends; it is conservative,
    as another database's writes on the same server move it too. `read()` is None when it cannot
    tell (an in-memory SQLite database, a lost connection): then nothing should be reused.
    """

    _QUERIES = {"sqlite": "PRAGMA data_version", "postgresql": "SELECT pg_current_snapshot()::text"}

    def __init__(self, engine: Engine):
        self._engine = weakref.ref(engine)
        self._query = self._QUERIES.get(engine.dialect.name)
        if engine.dialect.name == "sqlite" and (engine.url.database or ":memory:") in (":memory:", ""):
            self._query = None  # a second connection would open another, empty, database
        self._turn = threading.Condition()
        self._reading = False
        self._last_started, self._last_value = float("-inf"), None
        self._conn = None
        self._pid = None

    def read(self) -> str | None:
        """The marker as it stands after this call began.

        One query at a time on the marker's connection; callers that arrive while one runs wait and
        share the next one, which starts after they arrived, so each still sees every commit made
        before its call (a PostgreSQL round trip per request would otherwise queue 8 threads).
        """
        if self._query is None:
            return None
        arrived = time.monotonic()
        with self._turn:
            while self._reading:
                self._turn.wait()
            if self._last_started >= arrived:  # a query that began after we arrived answered meanwhile
                return self._last_value
            self._reading = True
            started = time.monotonic()
        value = None
        try:
            value = self._read_now()
        finally:
            with self._turn:
                self._reading = False
                self._last_started, self._last_value = started, value
                self._turn.notify_all()
        return value

    def _read_now(self) -> str | None:
        try:
            if self._conn is None or self._pid != os.getpid():
                self._conn = self._connect()
            cursor = self._conn.cursor()
            try:
                cursor.execute(self._query)
                return str(cursor.fetchone()[0])
            finally:
                cursor.close()
        except Exception:  # noqa: BLE001 - a marker that cannot read reuses nothing, and tries again
            self.close()
            return None

    def _connect(self):
        engine = self._engine()
        if engine is None:
            raise RuntimeError("the engine is gone")
        pooled = engine.raw_connection()
        pooled.detach()  # the marker's own for good: never handed to a request, never in a transaction
        conn = pooled.dbapi_connection
        if engine.dialect.name == "postgresql":
            conn.autocommit = True
        self._pid = os.getpid()
        return conn

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and self._pid == os.getpid():
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - already broken
                pass


_markers: "weakref.WeakKeyDictionary[Engine, ChangeMarker]" = weakref.WeakKeyDictionary()


def change_marker(engine: Engine) -> ChangeMarker:
    """The engine's ChangeMarker (one connection per engine and process, closed with the engine)."""
    marker = _markers.get(engine)
    if marker is None:
        marker = _markers.setdefault(engine, ChangeMarker(engine))
        weakref.finalize(engine, marker.close)
    return marker


def new_session(engine: Engine, *, write: bool) -> Session:
    """Open a session; a write session takes the SQLite write lock when it begins."""
    session = Session(engine, expire_on_commit=False)
    if write:
        session.connection(execution_options={"localize_write": True})
    return session


def writer_session(engine: Engine) -> Session:
    """A session whose every transaction takes the write lock, not only its first: long work that
    commits as it goes (a background job's checkpoints) and writes again after each commit."""
    return Session(engine.execution_options(localize_write=True), expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """Run a unit of work: commit on success, roll back on any error."""
    session = new_session(engine, write=write)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at URL to the given migration revision."""
    command.upgrade(alembic_config(url), revision)


# --- the request's session (the only Flask-aware part of this module) ---------------------

def request_session() -> Session:
    """The session of the current request: writes (POST, PUT, PATCH, DELETE) take the write lock."""
    from flask import current_app, g, request

    session = g.get("db_session")
    if session is None:
        write = request.method not in ("GET", "HEAD", "OPTIONS")
        session = new_session(current_app.extensions["localize_engine"], write=write)
        g.db_session = session
    return session


def init_app(app) -> None:
    """Create the engine and close each request's session, committing successful writes."""
    app.extensions["localize_engine"] = get_engine(app.config["DATABASE_URL"])

    @app.after_request
    def _commit(response):
        from flask import g
        session = g.get("db_session")
        if session is not None and response.status_code < 400:
            session.commit()
        return response

    @app.teardown_appcontext
    def _close(_exc):
        from flask import g
        session = g.pop("db_session", None)
        if session is not None:
            session.rollback()
            session.close()
