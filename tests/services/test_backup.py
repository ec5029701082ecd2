"""`localize backup` while the service writes, then `localize restore`: a consistent copy comes back."""
from __future__ import annotations

import sqlite3
import threading
import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from localize import cli, db
from localize.catalog import service
from localize.catalog.schemas import SeriesCreate
from localize.subtitles import tracks


def _writes_while(engine, author, stop: threading.Event, saved: list[int]) -> None:
    """Save revision after revision of one track until told to stop (the service at work)."""
    with db.session_scope(engine) as s:
        series = service.get_series(s, "heir")
        version, episode = service.original_version(s, series), service.get_episode(s, series, 1)
    n = 0
    while not stop.is_set():
        n += 1
        with db.session_scope(engine) as s:
            result = tracks.import_file(s, series=series, version=version, episode=episode, language="en",
                                        data=f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nline {n}\n", author=author)
        saved.append(result.track.revision)


def _consistent(conn) -> tuple[int, int]:
    """(track revision, newest revision row): equal in any consistent snapshot."""
    track = conn.execute(text("SELECT revision FROM subtitle_tracks")).scalar_one()
    newest = conn.execute(text("SELECT max(number) FROM track_revisions")).scalar_one()
    return track, newest


@pytest.fixture
def busy(db_url, engine, make_user, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    user, _ = make_user("lead")
    with db.session_scope(engine) as s:
        service.create_series(s, SeriesCreate(slug="heir", title="T", original_locale="en", episode_count=2,
                                              free_episodes=1))
    stop, saved = threading.Event(), []
    writer = threading.Thread(target=_writes_while, args=(engine, user, stop, saved))
    writer.start()
    while len(saved) < 3:  # the service is writing
        threading.Event().wait(0.01)
    yield saved
    stop.set()
    writer.join()


def test_backup_during_writes_then_restore_round_trip(db_url, busy, tmp_path):
    runner = CliRunner()
    backup_file = tmp_path / ("heir.sqlite3" if db_url.startswith("sqlite") else "heir.dump")
    result = runner.invoke(cli.main, ["backup", str(backup_file)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    writes_during = len(busy)
    assert writes_during >= 3

    if db_url.startswith("sqlite"):
        assert oct(backup_file.stat().st_mode & 0o777) == "0o600"
        copy = sqlite3.connect(backup_file)
        track, newest = copy.execute("SELECT revision FROM subtitle_tracks").fetchone()[0], \
            copy.execute("SELECT max(number) FROM track_revisions").fetchone()[0]
        copy.close()
        assert track == newest >= 1
        target_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        _restore(runner, target_url, backup_file)
        with db.get_engine(target_url).connect() as conn:
            assert _consistent(conn) == (track, track)
        db.get_engine(target_url).dispose()
    else:
        name = f"restore_{uuid.uuid4().hex[:8]}"
        admin = create_engine(db.normalize_url(db_url), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        target_url = db_url.rsplit("/", 1)[0] + "/" + name
        try:
            _restore(runner, target_url, backup_file)
            engine = create_engine(db.normalize_url(target_url))
            with engine.connect() as conn:
                track, newest = _consistent(conn)
                assert track == newest >= 1
            engine.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def _restore(runner, target_url, backup_file):
    import os
    env = {**os.environ, "DATABASE_URL": target_url}
    refused = runner.invoke(cli.main, ["restore", str(backup_file)], input="n\n", env=env)
    assert refused.exit_code != 0 and "Replace everything" in refused.output
    done = runner.invoke(cli.main, ["restore", str(backup_file), "--yes"], env=env, catch_exceptions=False)
    assert done.exit_code == 0, done.output


def test_restore_refuses_what_is_not_a_backup(tmp_path, monkeypatch):
    bogus = tmp_path / "not-a-backup.sqlite3"
    bogus.write_bytes(b"hello, this is not a database" * 100)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'live.sqlite3'}")
    result = CliRunner().invoke(cli.main, ["restore", str(bogus), "--yes"])
    assert result.exit_code == 1 and "not an SQLite backup" in result.output
