"""Ingest of daily view counts: idempotent, all-or-nothing, rollups kept exact."""
import pytest
from sqlmodel import select

from localize.models import ViewDaily, ViewMonthly, ViewTotal

HEADER = "date,locale,episode,views,unlocks,revenue\n"


def _csv(client, body, slug="heir"):
    return client.post(f"/api/v1/series/{slug}/views", data=(HEADER + body).encode(),
                       headers={"Content-Type": "text/csv"})


@pytest.fixture
def marketing(api, series):
    return api("marketing")


def test_csv_ingest_then_replace_never_counts_twice(marketing, session):
    body = ("2026-10-30,en-US,1,1000,0,0\n2026-10-31,en-US,1,800,0,0\n2026-11-01,en-US,1,700,0,0\n"
            "2026-11-01,es-MX,4,90,30,11.70\n")
    r = _csv(marketing, body)
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"series": "heir", "rows": 4, "inserted": 4, "replaced": 0, "months_recomputed": 3}
    r = _csv(marketing, "2026-11-01,en-US,1,750,5,1.95\n2026-11-02,en-US,1,10,0,0\n")
    assert r.get_json()["inserted"] == 1 and r.get_json()["replaced"] == 1
    r = _csv(marketing, body)  # the whole first batch again: all replaced
    assert r.get_json()["inserted"] == 0 and r.get_json()["replaced"] == 4
    days = {(str(d.day), d.episode): d.views for d in session.exec(select(ViewDaily))}
    assert days == {("2026-10-30", 1): 1000, ("2026-10-31", 1): 800, ("2026-11-01", 1): 700,
                    ("2026-11-02", 1): 10, ("2026-11-01", 4): 90}
    months = {(str(m.month), m.episode): (m.views, m.day_rows) for m in session.exec(select(ViewMonthly))}
    assert months[("2026-10-01", 1)] == (1800, 2) and months[("2026-11-01", 1)][0] == 710
    totals = {t.episode: (t.views, t.unlocks, t.revenue_e4) for t in session.exec(select(ViewTotal))}
    assert totals[1] == (2510, 0, 0) and totals[4] == (90, 30, 117000)


def test_json_ingest(marketing, session):
    r = marketing.post("/api/v1/series/heir/views", {"rows": [
        {"date": "2026-11-01", "locale": "es-mx", "episode": 1, "views": 5, "unlocks": 1, "revenue": "0.3900"}]})
    assert r.status_code == 200 and r.get_json()["inserted"] == 1
    assert session.exec(select(ViewDaily)).one().revenue_e4 == 3900


def test_bad_batch_lists_every_bad_row_and_stores_nothing(marketing, session):
    assert _csv(marketing, "2026-11-01,en-US,1,100,0,0\n").status_code == 200
    body = ("2026-11-02,en-US,1,100,0,0\n"        # good
            "2026-13-01,en-US,1,100,0,0\n"        # bad date
            "2026-11-02,de,1,100,0,0\n"           # unknown locale
            "2026-11-02,en-US,11,100,0,0\n"       # outside 1..10
            "2026-11-02,en-US,2,-5,1.5,0\n"       # negative views, non-integer unlocks
            "2026-11-02,en-US,3,1,0,abc\n"        # bad amount
            "2026-11-02,en-US,1,100,0,0\n")       # the same key twice
    r = _csv(marketing, body)
    assert r.status_code == 422
    error = r.get_json()["error"]
    got = {(d["row"], d["field"]) for d in error["details"]}
    assert got == {(2, "date"), (3, "locale"), (4, "episode"), (5, "views"), (5, "unlocks"),
                   (6, "revenue"), (7, "key")}
    assert next(d for d in error["details"] if d["row"] == 2)["line"] == 3
    assert [(str(d.day), d.views) for d in session.exec(select(ViewDaily))] == [("2026-11-01", 100)]
    assert session.exec(select(ViewTotal)).one().views == 100


def test_header_and_media_type_errors(marketing):
    r = marketing.post("/api/v1/series/heir/views", data=b"day,locale\n2026-11-01,en\n",
                       headers={"Content-Type": "text/csv"})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "header"
    r = marketing.post("/api/v1/series/heir/views", data=b"x", headers={"Content-Type": "application/xml"})
    assert r.status_code == 415
    r = marketing.post("/api/v1/series/heir/views", data=b"{bad", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_translator_may_not_ingest(api, series):
    assert _csv(api("translator", ["es-MX"]), "2026-11-01,en-US,1,1,0,0\n").status_code == 403


def test_cli_import_with_summary(db_url, monkeypatch, tmp_path, series, session):
    from click.testing import CliRunner
    from localize import cli
    monkeypatch.setenv("DATABASE_URL", db_url)
    path = tmp_path / "views.csv"
    path.write_text(HEADER + "".join(f"2026-11-{d:02d},es-MX,{e},{100 - e},{e},0.39\n"
                                     for d in range(1, 31) for e in range(1, 11)))
    result = CliRunner().invoke(cli.main, ["views", "import", "heir", str(path)])
    assert result.exit_code == 0, result.output
    assert "imported 300 row(s): 300 inserted, 0 replaced" in result.output
    result = CliRunner().invoke(cli.main, ["views", "import", "heir", str(path)])
    assert "0 inserted, 300 replaced" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2026-11-01,xx,1,1,0,0\n")
    result = CliRunner().invoke(cli.main, ["views", "import", "heir", str(bad)])
    assert result.exit_code == 1 and "line 2, row 1, locale" in result.output
