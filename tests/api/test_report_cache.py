"""The series report is computed once per (series, range, stored state): ETag, 304, reuse, invalidation."""
from __future__ import annotations

from sqlalchemy import text

from localize import create_app
from localize.reports import cache

HEADER = "date,locale,episode,views,unlocks,revenue\n"


def _send(client, body: str):
    r = client.post("/api/v1/series/heir/views", data=(HEADER + body).encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()


def _views(body) -> int:
    return body["versions"][0]["views"]


def test_etag_then_304_without_a_body(lead, series):
    _send(lead, "2026-04-01,en-US,1,600,0,0\n")
    first = lead.get("/api/v1/series/heir/report")
    assert first.status_code == 200 and first.headers["ETag"].startswith('"r')
    again = lead.get("/api/v1/series/heir/report", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == first.headers["ETag"]
    other = lead.get("/api/v1/series/heir/report", headers={"If-None-Match": '"something else"'})
    assert other.status_code == 200 and other.get_json() == first.get_json()


def test_each_range_has_its_own_etag(lead, series):
    _send(lead, "2026-04-01,en-US,1,600,0,0\n2026-05-02,en-US,1,50,0,0\n")
    all_time = lead.get("/api/v1/series/heir/report")
    april = lead.get("/api/v1/series/heir/report?from=2026-04-01&to=2026-04-30")
    assert all_time.headers["ETag"] != april.headers["ETag"]
    assert (_views(all_time.get_json()), _views(april.get_json())) == (650, 600)
    stale = lead.get("/api/v1/series/heir/report?from=2026-04-01&to=2026-04-30",
                     headers={"If-None-Match": all_time.headers["ETag"]})
    assert stale.status_code == 200


def test_every_ingest_changes_the_etag_and_the_answer_even_when_sums_stay(lead, series):
    _send(lead, "2026-04-01,en-US,1,600,0,0\n2026-04-01,en-US,2,100,0,0\n")
    before = lead.get("/api/v1/series/heir/report")
    # The same total moved between episodes: every sum over the series stays, the report does not.
    _send(lead, "2026-04-01,en-US,1,100,0,0\n2026-04-01,en-US,2,600,0,0\n")
    after = lead.get("/api/v1/series/heir/report", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert [e["views"] for e in after.get_json()["versions"][0]["episodes"][:2]] == [100, 600]


def test_a_catalog_edit_changes_the_etag(lead, series):
    _send(lead, "2026-04-01,en-US,1,600,0,0\n")
    before = lead.get("/api/v1/series/heir/report")
    r = lead.patch("/api/v1/series/heir/episodes/1", {"cliffhanger": "The will is a forgery."})
    assert r.status_code == 200, r.get_json()
    after = lead.get("/api/v1/series/heir/report", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]


def test_ingest_raises_the_stored_generation(lead, series, engine):
    def generation():
        with engine.connect() as conn:
            return conn.execute(text("SELECT generation FROM view_state")).scalar_one_or_none()
    assert generation() is None
    _send(lead, "2026-04-01,en-US,1,600,0,0\n")
    _send(lead, "2026-04-01,en-US,1,600,0,0\n")  # the same rows again: still a new state
    assert generation() == 2


def test_another_app_agrees_on_the_key_and_sees_every_ingest(lead, series, db_url, make_user):
    """A second app (as another worker would) derives the same ETag from the database, and a new one after an ingest."""
    _send(lead, "2026-04-01,en-US,1,600,0,0\n")
    other = create_app({"DATABASE_URL": db_url, "TESTING": True, "SERVER_NAME": None})
    _, token = make_user("marketing", None)
    headers = {"Authorization": f"Bearer {token}"}
    with other.test_client() as client:
        seen = client.get("/api/v1/series/heir/report", headers=headers)
        mine = lead.get("/api/v1/series/heir/report")
        assert seen.headers["ETag"] == mine.headers["ETag"]
        _send(lead, "2026-04-01,en-US,1,900,0,0\n")  # through the first app
        fresh = client.get("/api/v1/series/heir/report", headers=headers)
        assert fresh.headers["ETag"] != seen.headers["ETag"] and _views(fresh.get_json()) == 900


def test_cache_keeps_the_newest_entries():
    lru = cache.ReportCache(size=2)
    for key in ("a", "b", "c"):
        lru.put(key, key.encode())
    assert (lru.get("a"), lru.get("b"), lru.get("c")) == (None, b"b", b"c")
