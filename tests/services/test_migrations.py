"""The migrations produce exactly the models' schema, on every configured database."""
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, Table, inspect, text
from sqlmodel import SQLModel

from localize import db, models  # noqa: F401
from localize.models import utcnow


def test_migrations_match_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_upgrade_is_idempotent(db_url):
    from localize.db import upgrade
    upgrade(db_url)  # already at head: a second run changes nothing and does not fail
    upgrade(db_url)


def test_comparison_sees_a_drifted_model(engine):
    """Guard for the test above: a model the migrations do not create is reported."""
    from sqlalchemy import Column, Integer, MetaData, Table
    drifted = MetaData()
    for table in SQLModel.metadata.tables.values():
        table.to_metadata(drifted)
    Table("not_migrated", drifted, Column("id", Integer, primary_key=True))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), drifted)
    assert [d[0] for d in diff] == ["add_table"]


@pytest.fixture
def empty_url(db_url, tmp_path):
    """An empty database of the same kind as db_url: a new SQLite file, or a new PostgreSQL schema."""
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        yield url
    else:
        with db.get_engine(db_url).begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS migration_test CASCADE"))
            conn.execute(text("CREATE SCHEMA migration_test"))
        url = f"{db_url}{'&' if '?' in db_url else '?'}options=-csearch_path%3Dmigration_test"
        yield url
        db.get_engine(url).dispose()
        with db.get_engine(db_url).begin() as conn:
            conn.execute(text("DROP SCHEMA migration_test CASCADE"))
    db.get_engine(url).dispose()
    db._engines.pop(db.normalize_url(url), None)


def test_0003_backfills_revision_cue_counts_and_downgrades(empty_url):
    db.upgrade(empty_url, "0002_subtitles_views")
    engine = db.get_engine(empty_url)
    cues = [{"start_ms": n * 1000, "end_ms": n * 1000 + 500, "text": f"cue {n}"} for n in range(3)]
    with engine.begin() as conn:  # tables 0003 leaves alone, as 0002 made them (later models add columns)
        tables = MetaData()
        tables.reflect(conn, only=["series", "market_versions", "episodes", "subtitle_tracks"])
        now = utcnow()
        series_id = conn.execute(tables.tables["series"].insert().values(
            slug="s", title="S", original_locale="en-US", episode_count=1, free_episodes=0, currency="USD",
            created_at=now, updated_at=now)).inserted_primary_key[0]
        version_id = conn.execute(tables.tables["market_versions"].insert().values(
            series_id=series_id, locale="es-MX", kind="remake", created_at=now, updated_at=now)).inserted_primary_key[0]
        episode_id = conn.execute(tables.tables["episodes"].insert().values(
            series_id=series_id, number=1)).inserted_primary_key[0]
        track_id = conn.execute(tables.tables["subtitle_tracks"].insert().values(
            version_id=version_id, episode_id=episode_id, language="es-MX", revision=3, blocks=[],
            created_at=now, updated_at=now)).inserted_primary_key[0]
    with engine.begin() as conn:  # track_revisions as 0002 made it, without cue_count
        revisions = Table("track_revisions", MetaData(), autoload_with=conn)
        conn.execute(revisions.insert(), [
            {"track_id": track_id, "number": number, "changes": {}, "created_at": utcnow(),
             "snapshot": {"header": "", "blocks": [], "cues": snapshot_cues}}
            for number, snapshot_cues in ((1, cues), (2, []), (3, cues[:2]))])

    db.upgrade(empty_url, "0003_revision_cue_count")
    with engine.connect() as conn:
        counts = conn.execute(text("SELECT number, cue_count FROM track_revisions ORDER BY number")).all()
    assert [tuple(row) for row in counts] == [(1, 3), (2, 0), (3, 2)]

    command.downgrade(db.alembic_config(empty_url), "0002_subtitles_views")
    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("track_revisions")}
    assert "cue_count" not in columns and "snapshot" in columns
    command.downgrade(db.alembic_config(empty_url), "base")
    db.upgrade(empty_url)
    with engine.connect() as conn:
        assert "cue_count" in {c["name"] for c in inspect(conn).get_columns("track_revisions")}


def test_downgrade_to_base_then_upgrade_again(empty_url):
    """Every revision's downgrade undoes its upgrade: nothing is left behind, and head comes back whole."""
    db.upgrade(empty_url)
    engine = db.get_engine(empty_url)
    command.downgrade(db.alembic_config(empty_url), "base")
    with engine.connect() as conn:
        inspector = inspect(conn)
        assert set(inspector.get_table_names()) <= {"alembic_version"}
        if engine.dialect.name == "postgresql":
            assert inspector.get_enums() == []
    db.upgrade(empty_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []
