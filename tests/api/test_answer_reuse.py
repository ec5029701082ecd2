"""Whole GET answers reused while nothing is committed (localize.app.cache): a repeat runs no SQL,
and any commit by anyone (the API, another connection, another process) is seen on the next request."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from prometheus_client import REGISTRY
from sqlalchemy import create_engine, text

from localize import create_app, db
from localize.app.cache import Answer, Answers


def test_a_repeated_answer_runs_no_sql_and_is_the_same(api, series, statements):
    reader = api("marketing")
    first = reader.get("/api/v1/series/heir/versions/es-MX")
    assert first.status_code == 200
    before = statements()
    again = reader.get("/api/v1/series/heir/versions/es-MX")
    assert statements() == before  # no token lookup, no query: the answer was kept
    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_change_through_the_api_shows_at_once(api, series, lead):
    reader = api("marketing")
    assert reader.get("/api/v1/series/heir").get_json()["title"] == "The Heir"
    assert lead.patch("/api/v1/series/heir", {"title": "The Heir Returns"}).status_code == 200
    assert reader.get("/api/v1/series/heir").get_json()["title"] == "The Heir Returns"


def test_a_commit_on_another_connection_shows_at_once(api, series, engine):
    reader = api("marketing")
    assert reader.get("/api/v1/series/heir").get_json()["title"] == "The Heir"
    with db.session_scope(engine) as s:
        s.execute(text("UPDATE series SET title = 'Renamed elsewhere' WHERE slug = 'heir'"))
    assert reader.get("/api/v1/series/heir").get_json()["title"] == "Renamed elsewhere"


def test_a_commit_from_another_process_shows_at_once(api, series, db_url):
    reader = api("marketing")
    assert reader.get("/api/v1/series/heir").get_json()["title"] == "The Heir"
    script = ("import sys; from sqlalchemy import create_engine, text\n"
              "e = create_engine(sys.argv[1])\n"
              "with e.begin() as c: c.execute(text(\"UPDATE series SET title = 'From a CLI' WHERE slug = 'heir'\"))\n")
    subprocess.run([sys.executable, "-c", script, db.normalize_url(db_url)], check=True, timeout=60)
    assert reader.get("/api/v1/series/heir").get_json()["title"] == "From a CLI"


def test_a_revoked_token_or_a_disabled_user_is_refused_at_once(make_user, client, series, engine):
    from localize.models import User
    from localize.users.service import revoke_tokens
    user, token = make_user("marketing")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/series", headers=headers).status_code == 200
    assert client.get("/api/v1/series", headers=headers).status_code == 200
    with db.session_scope(engine) as s:
        revoke_tokens(s, s.get(User, user.id))
    assert client.get("/api/v1/series", headers=headers).status_code == 401

    other, token = make_user("marketing")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/series/heir/report", headers=headers).status_code == 200
    with db.session_scope(engine) as s:
        s.get(User, other.id).active = False
    assert client.get("/api/v1/series/heir/report", headers=headers).status_code == 401


def test_each_reader_gets_their_own_answer(api, series, lead):
    marketing, translator = api("marketing"), api("translator", ["es-MX"])
    assert marketing.get("/api/v1/series/heir/report").status_code == 200
    assert marketing.get("/api/v1/series/heir/report").status_code == 200
    assert translator.get("/api/v1/series/heir/report").status_code == 403  # not the answer kept for marketing
    assert api("lead").get("/api/v1/series/heir/report").status_code == 200
    # The reader's language and the query string are part of the key too.
    english = lead.get("/api/v1/series/heir/versions/es-MX").get_json()["locale_name"]
    spanish = lead.get("/api/v1/series/heir/versions/es-MX", headers={"Accept-Language": "es"}).get_json()
    assert spanish["locale_name"] != english
    assert lead.get("/api/v1/series/heir/versions/es-MX").get_json()["locale_name"] == english


def test_a_kept_answer_with_an_etag_answers_if_none_match_with_304(api, series, statements):
    reader = api("marketing")
    first = reader.get("/api/v1/series/heir/report")
    etag = first.headers["ETag"]
    before = statements()
    again = reader.get("/api/v1/series/heir/report", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag and again.get_data() == b""
    assert "Content-Length" not in again.headers
    assert statements() == before
    assert reader.get("/api/v1/series/heir/report", headers={"If-None-Match": '"other"'}).get_data() == first.get_data()


def test_errors_are_not_kept(api, lead):
    reader = api("marketing")
    assert reader.get("/api/v1/series/heir").status_code == 404
    assert lead.post("/api/v1/series", {"slug": "heir", "title": "The Heir", "original_locale": "en-US",
                                        "episode_count": 2, "free_episodes": 1}).status_code == 201
    assert reader.get("/api/v1/series/heir").status_code == 200


def test_reused_answers_are_counted_and_logged_with_their_user(db_url, tmp_path, make_user, series, capsys):
    user, token = make_user("marketing")
    app = create_app({"DATABASE_URL": db_url, "TESTING": True, "LOG_FORMAT": "json"})
    client = app.test_client()
    labels = {"method": "GET", "endpoint": "api.series_list", "status": "200"}
    counted = REGISTRY.get_sample_value("localize_http_requests_total", labels) or 0
    for _ in range(3):
        assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert REGISTRY.get_sample_value("localize_http_requests_total", labels) == counted + 3
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert [(line["path"], line["status"], line["user_id"]) for line in lines] == [("/api/v1/series", 200, user.id)] * 3
    assert len(app.extensions["localize_answers"]) == 1


def test_reuse_can_be_turned_off(db_url, make_user, series, statements):
    _, token = make_user("marketing")
    app = create_app({"DATABASE_URL": db_url, "TESTING": True, "RESPONSE_CACHE_SECONDS": 0})
    assert "localize_answers" not in app.extensions
    client = app.test_client()
    counts = []
    for _ in range(2):
        assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        counts.append(statements())
    assert counts[1] > counts[0]


def test_the_change_marker_moves_on_every_commit_and_only_then(engine, make_user):
    marker = db.change_marker(engine)
    assert marker is db.change_marker(engine)
    first = marker.read()
    assert first is not None and marker.read() == first
    with db.session_scope(engine) as s:
        s.execute(text("SELECT count(*) FROM users"))  # a transaction that writes nothing
    assert marker.read() == first
    make_user("lead")
    assert marker.read() not in (None, first)


def test_an_in_memory_database_reuses_nothing():
    assert db.change_marker(create_engine("sqlite://")).read() is None


def test_the_store_is_bounded_in_answers_and_bytes():
    store = Answers(max_answers=3, max_bytes=100)
    for n in range(5):
        store.put(str(n), Answer("m", time.time() + 60, 200, (), b"x" * 10, None))
    assert len(store) == 3 and store.get("0", "m", time.time()) is None and store.get("4", "m", time.time())
    store.put("big", Answer("m", time.time() + 60, 200, (), b"x" * 95, None))
    assert len(store) == 1 and store.get("big", "m", time.time())
    assert store.get("big", "moved", time.time()) is None and len(store) == 0  # a moved marker drops it
    store.put("old", Answer("m", time.time() - 1, 200, (), b"", None))
    assert store.get("old", "m", time.time()) is None


def test_a_lost_marker_connection_reuses_nothing_then_reconnects(api, series, engine):
    reader = api("marketing")
    assert reader.get("/api/v1/series/heir").status_code == 200
    marker = db.change_marker(engine)
    assert marker.read() is not None
    if engine.dialect.name == "postgresql":  # the server ends the marker's session, as a restart would
        with engine.begin() as conn:
            ended = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
                "AND query LIKE '%pg_current_snapshot%' AND pid <> pg_backend_pid()")).scalar()
        assert ended >= 1
        assert marker.read() is None  # cannot tell: nothing is reused
    else:
        marker.close()
    assert reader.get("/api/v1/series/heir").get_json()["title"] == "The Heir"
    assert marker.read() is not None  # a new connection of its own
    assert reader.get("/api/v1/series/heir").status_code == 200


def test_readers_arriving_together_see_every_commit_made_before_they_asked(engine, make_user):
    from concurrent.futures import ThreadPoolExecutor
    marker = db.change_marker(engine)
    before = marker.read()
    make_user("lead")  # committed before any of the reads below begins
    with ThreadPoolExecutor(8) as pool:
        values = list(pool.map(lambda _: marker.read(), range(64)))
    assert None not in values and before not in values
