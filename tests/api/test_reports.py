"""GET /api/v1/series/<slug>/report and /api/v1/report: JSON, CSV, roles, ranges."""
from __future__ import annotations

import csv
import io

import pytest

HEADER = "date,locale,episode,views,unlocks,revenue\n"
BODY = ("2026-03-31,en-US,1,600,0,0\n2026-04-01,en-US,1,400,0,0\n2026-04-01,en-US,2,800,0,0\n"
        "2026-04-01,en-US,3,600,0,0\n2026-04-01,en-US,4,500,500,195.00\n2026-04-02,es-MX,4,90,30,11.70\n")


@pytest.fixture
def marketing(api, series):
    m = api("marketing")
    r = m.post("/api/v1/series/heir/views", data=(HEADER + BODY).encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()
    return m


def test_json_report_shape_and_values(marketing):
    r = marketing.get("/api/v1/series/heir/report")
    assert r.status_code == 200
    body = r.get_json()
    assert (body["series"], body["from"], body["to"]) == ("heir", None, None)
    en, es = body["versions"]
    assert set(en) == {"locale", "kind", "has_data", "views", "unlocks", "revenue", "currency", "share_of_original",
                       "paywall_conversion", "completion", "revenue_per_1000_views", "episodes",
                       "weakest_cliffhangers", "original_episodes"}
    assert (en["locale"], en["views"], en["unlocks"], en["revenue"]) == ("en-US", 2900, 500, "195.0000")
    assert en["paywall_conversion"] == 0.833333 and en["completion"] == 0.0  # V(10) = 0 of V(1) = 1000
    assert en["revenue_per_1000_views"] == "67.2414"  # 195000 / 2900 = 67.24137...
    assert en["episodes"][0] == {"number": 1, "original_episode": "1", "views": 1000, "unlocks": 0, "revenue": "0.0000",
                                 "retention": 1.0, "continuation": 0.8}
    assert es["revenue"] == "11.7000" and es["share_of_original"] == 0.031034  # 90 / 2900
    assert es["paywall_conversion"] is None and es["completion"] is None  # V(3) = 0, V(1) = 0
    assert es["original_episodes"][3] == {"number": 4, "views": 90, "retention": None, "continuation": 0.0}


def test_date_range_is_inclusive(marketing):
    body = marketing.get("/api/v1/series/heir/report?from=2026-04-01&to=2026-04-01").get_json()
    assert (body["from"], body["to"]) == ("2026-04-01", "2026-04-01")
    assert body["versions"][0]["episodes"][0]["views"] == 400 and body["versions"][1]["views"] == 0
    body = marketing.get("/api/v1/series/heir/report?to=2026-03-31").get_json()
    assert body["versions"][0]["views"] == 600 and body["from"] is None


@pytest.mark.parametrize("query,field", [
    ("from=2026-13-01", "from"), ("to=yesterday", "to"), ("from=20260401", "from"), ("to=2026-W14-3", "to"),
    ("from=２０２６-04-01", "from"),
    ("from=2026-04-02&to=2026-04-01", "from"), ("format=xml", "format")])
def test_bad_query_is_422_naming_the_field(marketing, query, field):
    for path in ("/api/v1/series/heir/report", "/api/v1/report"):
        r = marketing.get(f"{path}?{query}")
        assert r.status_code == 422, (path, r.get_json())
        assert [d["field"] for d in r.get_json()["error"]["details"]] == [field]


def test_csv_is_flat_one_row_per_version_and_episode(marketing):
    r = marketing.get("/api/v1/series/heir/report?format=csv&from=2026-03-01")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"] == 'attachment; filename="heir-report-2026-03-01.csv"'
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert list(rows[0]) == ["series", "locale", "kind", "currency", "episode", "original_episode", "views", "unlocks", "revenue",
                             "retention", "continuation", "version_views", "share_of_original",
                             "paywall_conversion", "completion", "revenue_per_1000_views"]
    assert len(rows) == 20  # 2 versions x 10 episodes
    assert rows[3] == {"series": "heir", "locale": "en-US", "kind": "original", "currency": "USD", "episode": "4",
                       "original_episode": "4",
                       "views": "500", "unlocks": "500", "revenue": "195.0000", "retention": "0.5",
                       "continuation": "0.0", "version_views": "2900", "share_of_original": "1.0",
                       "paywall_conversion": "0.833333", "completion": "0.0", "revenue_per_1000_views": "67.2414"}
    es4 = rows[13]
    assert (es4["locale"], es4["episode"], es4["revenue"], es4["retention"], es4["paywall_conversion"]) == (
        "es-MX", "4", "11.7000", "", "")  # null is an empty cell, never 0
    assert marketing.get("/api/v1/series/heir/report?format=csv").headers["Content-Disposition"].endswith(
        'heir-report-all-time.csv"')


def test_portfolio_json_and_csv(marketing):
    body = marketing.get("/api/v1/report").get_json()
    assert (body["views"], body["unlocks"]) == (2990, 530)
    assert body["series"] == [{"series": "heir", "title": "The Heir", "views": 2990, "unlocks": 530,
                               "revenue": {"USD": "206.7000"}, "versions": 2}]
    assert [(b["locale"], b["views"]) for b in body["locales"]] == [("en-US", 2900), ("es-MX", 90)]
    r = marketing.get("/api/v1/report?format=csv&from=2026-04-02&to=2026-04-30")
    assert r.headers["Content-Disposition"] == 'attachment; filename="portfolio-2026-04-02-2026-04-30.csv"'
    assert r.get_data(as_text=True).splitlines() == [
        "series,locale,kind,currency,views,unlocks,revenue,share_of_original",
        "heir,en-US,original,USD,0,0,0.0000,", "heir,es-MX,remake,USD,90,30,11.7000,"]


@pytest.mark.parametrize("role,status", [("marketing", 200), ("lead", 200), ("admin", 200), ("translator", 403)])
def test_roles(api, series, role, status):
    client = api(role, ["es-MX"] if role == "translator" else None)
    for path in ("/api/v1/series/heir/report", "/api/v1/report", "/api/v1/report?format=csv"):
        assert client.get(path).status_code == status, path


def test_no_token_is_401_and_unknown_series_404(client, marketing):
    assert client.get("/api/v1/series/heir/report").status_code == 401
    assert client.get("/api/v1/report").status_code == 401
    r = marketing.get("/api/v1/series/nope/report")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


def test_openapi_lists_the_reports(marketing):
    paths = marketing.get("/api/v1/openapi.json").get_json()["paths"]
    assert "from, to" in paths["/api/v1/series/{slug}/report"]["get"]["summary"]
    assert "/api/v1/report" in paths


def test_json_says_which_periods_have_data(marketing):
    body = marketing.get("/api/v1/series/heir/report").get_json()
    assert body["has_data"] is True and body["data_range"] == {"first": "2026-03-01", "last": "2026-04-30"}
    assert [v["has_data"] for v in body["versions"]] == [True, True]
    body = marketing.get("/api/v1/series/heir/report?from=2026-04-02&to=2026-04-30").get_json()
    en, es = body["versions"]
    assert (en["has_data"], en["views"], en["share_of_original"], en["completion"]) == (False, 0, None, None)
    assert es["has_data"] is True and es["share_of_original"] is None  # 90 views of an original with none
    body = marketing.get("/api/v1/report?from=2027-01-01").get_json()
    assert body["has_data"] is False and body["data_range"] == {"first": "2026-03-01", "last": "2026-04-30"}
    assert [(v["locale"], v["has_data"], v["share_of_original"]) for v in body["versions"]] == [
        ("en-US", False, None), ("es-MX", False, None)]


def test_csv_and_json_name_the_original_episode_of_a_merged_remake_episode(marketing, lead):
    mapping = {"1": [1], "2": [2, 3], **{str(n): [n + 1] for n in range(3, 10)}}
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"episode_count": 9, "episode_mapping": mapping})
    assert r.status_code == 200, r.get_json()
    es = marketing.get("/api/v1/series/heir/report").get_json()["versions"][1]
    assert [e["original_episode"] for e in es["episodes"]][:4] == ["1", "2-3", "4", "5"]
    rows = list(csv.DictReader(io.StringIO(marketing.get("/api/v1/series/heir/report?format=csv").get_data(as_text=True))))
    assert [(r["episode"], r["original_episode"]) for r in rows if r["locale"] == "es-MX"][:3] == [
        ("1", "1"), ("2", "2-3"), ("3", "4")]
    assert [(r["episode"], r["original_episode"]) for r in rows if r["locale"] == "en-US"][1] == ("2", "2")


def test_weakest_cliffhangers_say_whether_they_cross_a_paywall(marketing):
    body = HEADER + "".join(f"2026-05-01,es-MX,{n},{v},0,0\n" for n, v in enumerate(
        [500, 450, 400, 100, 90, 80, 70, 60, 50, 40], start=1))
    assert marketing.post("/api/v1/series/heir/views", data=body.encode(),
                          headers={"Content-Type": "text/csv"}).status_code == 200
    es = marketing.get("/api/v1/series/heir/report").get_json()["versions"][1]
    # Original: 3 -> 4 is 500/600 = 0.833333 (its crossing); the remake's crossing 190/400 = 0.475.
    crossing = [w for w in es["weakest_cliffhangers"] if w["paywall"]]
    assert [(w["original_episode"], w["original_compared_episode"], w["original_continuation"]) for w in crossing] == [
        (3, 3, 0.833333)]
    assert all(w["paywall"] is False for w in es["weakest_cliffhangers"] if w["original_episode"] != 3)
