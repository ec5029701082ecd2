"""Shared fixtures: every app-level test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL names one.

Each database is migrated once per run (through Alembic, as in production); each test then gets
a fresh copy (SQLite: a copied file; PostgreSQL: truncated tables).
"""
from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import event, text
from sqlmodel import SQLModel

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

import functools  # noqa: E402

from werkzeug.security import generate_password_hash  # noqa: E402

import localize.users.service as user_service  # noqa: E402
from localize import create_app, db  # noqa: E402
from localize.models import User  # noqa: E402
from localize.users.service import create_token, create_user  # noqa: E402

PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
PASSWORD = "correct horse battery"
# scrypt at production cost takes ~140 ms a hash; tests need hashes, not their cost.
user_service.generate_password_hash = functools.partial(generate_password_hash, method="pbkdf2:sha256:1000")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db.upgrade(f"sqlite:///{path}")
    db.get_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def pg_migrated():
    engine = db.get_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.upgrade(PG_URL)
    return PG_URL


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "localize.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
        yield url
        db.get_engine(url).dispose()
        db._engines.pop(url, None)
    else:
        url = request.getfixturevalue("pg_migrated")
        tables = ", ".join(t.name for t in SQLModel.metadata.sorted_tables)
        with db.get_engine(url).begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        yield url


@pytest.fixture
def app(db_url, tmp_path):
    app = create_app({"DATABASE_URL": db_url, "TESTING": True, "SERVER_NAME": None,
                      "MAX_CONTENT_LENGTH": 2 * 1024 * 1024})
    app.instance_path = str(tmp_path / "instance")
    return app


@pytest.fixture
def engine(app):
    return app.extensions["localize_engine"]


@pytest.fixture
def statements(engine):
    """How many SQL statements the app's engine ran, read as a function."""
    count = [0]

    def counted(*_args):
        count[0] += 1
    event.listen(engine, "before_cursor_execute", counted)
    yield lambda: count[0]
    event.remove(engine, "before_cursor_execute", counted)


@pytest.fixture
def session(engine):
    """A session for arranging and checking data directly; tests commit what they arrange."""
    s = db.new_session(engine, write=False)
    yield s
    s.rollback()
    s.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Api:
    """A test client that sends one user's bearer token and JSON bodies."""

    def __init__(self, client, token):
        self.client, self.token = client, token

    def _call(self, method, path, json=None, headers=None, **kw):
        h = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        h.update(headers or {})
        return self.client.open(path, method=method, json=json, headers=h, **kw)

    def get(self, path, **kw): return self._call("GET", path, **kw)
    def post(self, path, json=None, **kw): return self._call("POST", path, json, **kw)
    def put(self, path, json=None, **kw): return self._call("PUT", path, json, **kw)
    def patch(self, path, json=None, **kw): return self._call("PATCH", path, json, **kw)
    def delete(self, path, **kw): return self._call("DELETE", path, **kw)


@pytest.fixture
def make_user(engine):
    """Factory: make_user(role, languages=None) -> (User, token), committed."""
    counter = iter(range(1, 10_000))

    def make(role: str, languages: list[str] | None = None, email: str | None = None) -> tuple[User, str]:
        with db.session_scope(engine) as s:
            user = create_user(s, email=email or f"{role}{next(counter)}@example.test", role=role,
                               name=f"{role.title()} Tester", languages=languages, password=PASSWORD)
            token = create_token(s, user)
        return user, token
    return make


@pytest.fixture
def api(client, make_user):
    """Factory: api(role, languages=None) -> Api client authenticated as a new user of that role."""
    def make(role: str = "lead", languages: list[str] | None = None) -> Api:
        _, token = make_user(role, languages)
        return Api(client, token)
    return make


@pytest.fixture
def lead(api):
    return api("lead")


@pytest.fixture
def series(lead):
    """A 10-episode English series with a Spanish (Mexico) remake; returns its slug."""
    r = lead.post("/api/v1/series", {"slug": "heir", "title": "The Heir", "original_locale": "en-US",
                                     "episode_count": 10, "free_episodes": 3, "unlock_price": "0.39"})
    assert r.status_code == 201, r.get_json()
    r = lead.post("/api/v1/series/heir/versions", {"locale": "es-MX", "kind": "remake", "title": "El heredero"})
    assert r.status_code == 201, r.get_json()
    return "heir"


@pytest.fixture
def script_formats():
    """localize.scripts.formats, the parser adapter the script tests read and write files with."""
    from localize.scripts import formats
    return formats
