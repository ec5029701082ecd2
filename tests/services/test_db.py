"""Database wiring: SQLite in WAL mode with a busy timeout and immediate write transactions."""
from sqlalchemy import text

from localize import db


def test_sqlite_pragmas(tmp_path):
    engine = db.get_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_write_sessions_take_the_write_lock_at_begin(tmp_path):
    engine = db.get_engine(f"sqlite:///{tmp_path / 'y.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x int)"))
    writer = db.new_session(engine, write=True)
    # A second connection cannot start writing while the first holds the lock, even before it wrote.
    import sqlite3
    other = sqlite3.connect(str(tmp_path / "y.sqlite3"), timeout=0.05, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        raised = False
    except sqlite3.OperationalError as exc:
        raised = "locked" in str(exc)
    finally:
        other.close()
        writer.close()
        engine.dispose()
    assert raised


def test_postgres_urls_use_psycopg3():
    assert db.normalize_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert db.normalize_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
