"""A database held by another writer past the busy timeout answers 503 with Retry-After, never 500."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from localize import create_app, db

VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n"
TRACK = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"


@pytest.fixture
def impatient(db_url, monkeypatch, series, lead):
    """The app again, on the same database, through an engine that waits 0.3 s for a lock."""
    monkeypatch.setenv("LOCALIZE_DB_BUSY_TIMEOUT", "0.3")
    if db_url.startswith("postgres"):
        url = db_url + "?application_name=impatient"  # another URL: another engine, made now
    else:
        head, _, name = db_url.rpartition("/")
        url = f"{head}/./{name}"
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SERVER_NAME": None})
    yield app
    db.get_engine(url).dispose()
    db._engines.pop(db.normalize_url(url), None)


def test_a_held_database_answers_503_with_retry_after(db_url, impatient, lead):
    assert lead.put(TRACK, data=VTT, headers={"Content-Type": "text/vtt"}).status_code == 201
    release, held = threading.Event(), threading.Event()

    def hold():
        if db_url.startswith("sqlite"):
            conn = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            held.set()
            release.wait(10)
            conn.execute("ROLLBACK")
            conn.close()
        else:
            with db.get_engine(db_url).connect() as conn:
                conn.execute(text("SELECT id FROM subtitle_tracks FOR UPDATE"))
                held.set()
                release.wait(10)
                conn.rollback()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        client = impatient.test_client()
        r = client.put(TRACK, data=VTT.replace(b"Hola", b"Adios"),
                       headers={"Content-Type": "text/vtt", "Authorization": f"Bearer {lead.token}"})
        assert r.status_code == 503, r.get_data(as_text=True)
        assert r.headers["Retry-After"] == "5" and r.get_json()["error"]["code"] == "busy"
    finally:
        release.set()
        holder.join()
    assert lead.get(TRACK).get_json()["cues"][0]["text"] == "Hola"  # nothing half-written
    client = impatient.test_client()
    r = client.put(TRACK, data=VTT.replace(b"Hola", b"Adios"),
                   headers={"Content-Type": "text/vtt", "Authorization": f"Bearer {lead.token}"})
    assert r.status_code == 200  # once the other writer is done, the retry goes through
