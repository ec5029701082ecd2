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
