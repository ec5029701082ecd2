"""The `localize` command against a real database file (and PostgreSQL when configured)."""
import pytest
from click.testing import CliRunner
from sqlmodel import func, select

from localize import cli
from localize.models import Casting, CastingNote, Episode, MarketVersion, Series, User


@pytest.fixture
def run(db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", db_url)
    runner = CliRunner()

    def invoke(*args, input=None):
        result = runner.invoke(cli.main, list(args), input=input, catch_exceptions=False)
        return result
    return invoke


def test_db_upgrade_on_a_fresh_sqlite_file(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    result = CliRunner().invoke(cli.main, ["db", "upgrade"])
    assert result.exit_code == 0 and "head" in result.output
    from localize.db import get_engine
    from sqlalchemy import inspect
    assert {"series", "market_versions", "subtitle_tracks", "view_daily"} <= set(inspect(get_engine(url)).get_table_names())


def test_demo_is_idempotent(run, session):
    first = run("demo")
    assert first.exit_code == 0, first.output
    assert "admin@demo.localize" in first.output
    second = run("demo")
    assert second.exit_code == 0 and "admin@demo.localize" not in second.output
    counts = {model.__name__: session.exec(select(func.count()).select_from(model)).one()
              for model in (Series, MarketVersion, Episode, User, Casting, CastingNote)}
    assert counts == {"Series": 1, "MarketVersion": 4, "Episode": 80, "User": 4, "Casting": 8, "CastingNote": 2}
    versions = {v.locale: v.kind for v in session.exec(select(MarketVersion))}
    assert versions == {"en-US": "original", "es-MX": "remake", "pt-BR": "dub", "fr": "subtitled"}
    with_cliffhangers = session.exec(select(Episode.number).where(Episode.cliffhanger != "")).all()
    assert set(range(1, 16)) <= set(with_cliffhangers)


def test_users_add_and_token(run, client):
    result = run("users", "add", "ana@studio.test", "--role", "translator", "--name", "Ana",
                 "--languages", "es-MX,pt-BR", "--password-stdin", input="s3cret-password\n")
    assert result.exit_code == 0, result.output
    result = run("tokens", "create", "ana@studio.test")
    assert result.exit_code == 0
    token = result.output.strip()
    assert result.output == token + "\n" and token.startswith("lz_")
    assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    result = run("tokens", "revoke", "ana@studio.test")
    assert result.exit_code == 0 and "revoked 1 token(s)" in result.output
    assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_users_add_refuses_bad_input(run):
    assert run("users", "add", "not-an-email", "--role", "lead").exit_code == 1
    result = run("users", "add", "x@y.test", "--role", "lead", "--languages", "klingon")
    assert result.exit_code == 1 and "unknown locale" in result.output
    run("users", "add", "dup@y.test", "--role", "lead")
    assert run("users", "add", "dup@y.test", "--role", "lead").exit_code == 1
    assert run("tokens", "create", "nobody@y.test").exit_code == 1
