"""Settings from the environment: the secret key is generated once and kept privately."""
import os
import stat

from localize import config


def test_secret_key_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.load_secret_key(str(tmp_path))
    assert len(first) == 64 and config.load_secret_key(str(tmp_path)) == first
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/d")
    monkeypatch.setenv("LOCALIZE_MAX_UPLOAD_MB", "1")
    settings = config.from_environment(str(tmp_path))
    assert settings["SECRET_KEY"] == "from-env" and not (tmp_path / "secret_key").exists()
    assert settings["DATABASE_URL"] == "postgresql+psycopg://u@h/d"
    assert settings["MAX_CONTENT_LENGTH"] == 1024 * 1024
    assert settings["SESSION_COOKIE_HTTPONLY"] and settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x")
    assert config.from_environment(str(tmp_path))["DATABASE_URL"] == f"sqlite:///{tmp_path / 'localize.sqlite3'}"


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_instance_folder_is_configurable_and_private(tmp_path, monkeypatch):
    from localize import create_app, db
    from localize.cli.common import engine_of
    instance = tmp_path / "studio-b"
    monkeypatch.setenv("LOCALIZE_INSTANCE_PATH", str(instance))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app()
    assert app.instance_path == str(instance)
    assert app.config["DATABASE_URL"] == f"sqlite:///{instance / 'localize.sqlite3'}"
    assert _mode(instance) == 0o700 and _mode(instance / "secret_key") == 0o600
    db.upgrade(app.config["DATABASE_URL"])
    with db.session_scope(engine_of(app)) as session:  # a write: WAL and its index exist now
        session.connection().exec_driver_sql("CREATE TABLE probe (x)")
        for name in ("localize.sqlite3", "localize.sqlite3-wal", "localize.sqlite3-shm"):
            assert _mode(instance / name) == 0o600, name
    db.get_engine(app.config["DATABASE_URL"]).dispose()


def test_an_existing_database_file_is_made_private(tmp_path):
    from localize import db
    path = tmp_path / "old.sqlite3"
    path.touch(mode=0o644)
    url = f"sqlite:///{path}"
    db.get_engine(url).dispose()
    assert _mode(path) == 0o600
    db._engines.pop(url, None)
