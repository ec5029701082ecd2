"""Series and portfolio reports through the real path: CSV -> ingest -> rollups -> report.

Every figure is computed by hand in the comments.
"""
from __future__ import annotations

import io
from decimal import Decimal

import pytest

from localize import db
from localize.catalog import service as catalog
from localize.errors import ValidationFailed
from localize.reports.ingest import ingest
from localize.reports.report import portfolio_report, series_report

HEADER = "date,locale,episode,views,unlocks,revenue\n"
# The original (10 episodes, 3 free): each episode's views fall; from episode 4 on every view is
# an unlock at 0.39 USD. Each total is sent as two equal halves on two days of two months.
VIEWS = [1000, 800, 600, 500, 400, 300, 250, 200, 150, 100]
UNLOCKS = [0, 0, 0, 500, 400, 300, 250, 200, 150, 100]
REVENUE = ["0.00", "0.00", "0.00", "195.00", "156.00", "117.00", "97.50", "78.00", "58.50", "39.00"]


def halves(locale, views, unlocks, revenue, days=("2026-03-31", "2026-04-01")):
    return "".join(f"{day},{locale},{n},{v // 2},{u // 2},{Decimal(r) / 2}\n"
                   for day in days for n, (v, u, r) in enumerate(zip(views, unlocks, revenue), start=1))


def store(engine, body, slug="heir"):
    with db.session_scope(engine) as s:
        return ingest(s, catalog.get_series(s, slug), _rows(body))


def _rows(body):
    from localize.reports.rows import iter_csv_rows
    return iter_csv_rows(io.StringIO(HEADER + body, newline=""))


def report(engine, slug="heir", **kw):
    with db.session_scope(engine, write=False) as s:
        return series_report(s, catalog.get_series(s, slug), **kw)


def version(result, locale):
    return next(v for v in result["versions"] if v["locale"] == locale)


def test_original_metrics_by_hand(engine, series):
    store(engine, halves("en-US", VIEWS, UNLOCKS, REVENUE))
    result = report(engine)
    assert (result["series"], result["from"], result["to"]) == ("heir", None, None)
    assert [v["locale"] for v in result["versions"]] == ["en-US", "es-MX"]  # the original first
    en = version(result, "en-US")
    assert (en["kind"], en["currency"]) == ("original", "USD")
    assert en["views"] == 4300 and en["unlocks"] == 1900
    assert en["revenue"] == Decimal("741.00")
    assert en["share_of_original"] == 1.0
    assert en["paywall_conversion"] == 0.833333            # V(4) / V(3) = 500 / 600
    assert en["completion"] == 0.1                         # V(10) / V(1) = 100 / 1000
    assert en["revenue_per_1000_views"] == Decimal("172.3256")  # 741000 / 4300 = 172.32558...
    assert [e["views"] for e in en["episodes"]] == VIEWS
    assert [e["retention"] for e in en["episodes"]] == [1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1]
    assert [e["continuation"] for e in en["episodes"]] == [
        0.8, 0.75, 0.833333, 0.8, 0.75, 0.833333, 0.8, 0.75, 0.666667, None]
    assert en["episodes"][6] == {"number": 7, "original_episode": "7", "views": 250, "unlocks": 250, "revenue": Decimal("97.50"),
                                 "retention": 0.25, "continuation": 0.8}
    assert str(en["episodes"][6]["revenue"]) == "97.5000"  # exact, with the 4 stored places
    assert en["weakest_cliffhangers"] == []
    assert en["original_episodes"][:2] == [{"number": 1, "views": 1000, "retention": 1.0, "continuation": 0.8},
                                           {"number": 2, "views": 800, "retention": 0.8, "continuation": 0.75}]


def test_zero_denominators_are_null_never_zero(engine, series):
    es = version(report(engine), "es-MX")  # no data at all, and neither has the original
    assert es["views"] == 0 and es["revenue"] == Decimal(0)
    for key in ("share_of_original", "paywall_conversion", "completion", "revenue_per_1000_views"):
        assert es[key] is None, key
    assert {e["retention"] for e in es["episodes"]} == {None}
    assert {e["continuation"] for e in es["episodes"]} == {None}
    # Episode 1 with no views, episode 2 with 50, episode 3 with none: 0/50 is a real 0.
    store(engine, "2026-04-01,es-MX,2,50,0,0\n2026-04-01,en-US,1,10,0,0\n")
    es = version(report(engine), "es-MX")
    assert [e["retention"] for e in es["episodes"][:3]] == [None, None, None]  # V(1) = 0
    assert [e["continuation"] for e in es["episodes"][:3]] == [None, 0.0, None]
    assert es["paywall_conversion"] is None                # V(4) / V(3) = 0 / 0
    assert es["share_of_original"] == 5.0                  # 50 / 10
    assert es["revenue_per_1000_views"] == Decimal("0.0000")


def test_remake_with_mapping_aligned_on_the_original_and_its_weakest_cliffhangers(engine, series, lead):
    # The remake tells 10 original episodes in 8: 3 = originals 3+4, 6 = originals 7+8.
    mapping = {"1": [1], "2": [2], "3": [3, 4], "4": [5], "5": [6], "6": [7, 8], "7": [9], "8": [10]}
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"episode_count": 8, "episode_mapping": mapping,
                                                         "currency": "MXN"})
    assert r.status_code == 200, r.get_json()
    lead.patch("/api/v1/series/heir/episodes/6", {"title": "Bedside", "cliffhanger": "The nurse is Victoria's sister.",
                                                  "cliffhanger_kind": "reveal"})
    remake_views = [900, 700, 500, 420, 300, 200, 120, 90]
    remake_unlocks = [0, 0, 0, 420, 300, 200, 120, 90]
    remake_revenue = ["0", "0", "0", "2940.00", "2100.00", "1400.00", "840.00", "630.00"]  # 7.00 MXN each
    store(engine, halves("en-US", VIEWS, UNLOCKS, REVENUE)
          + halves("es-MX", remake_views, remake_unlocks, remake_revenue))
    es = version(report(engine), "es-MX")
    assert (es["kind"], es["currency"], len(es["episodes"])) == ("remake", "MXN", 8)
    assert es["views"] == 3230 and es["unlocks"] == 1130 and es["revenue"] == Decimal("7910.00")
    assert es["share_of_original"] == 0.751163              # 3230 / 4300 = 0.7511627...
    assert es["paywall_conversion"] == 0.84                 # F = the series' 3: 420 / 500
    assert es["completion"] == 0.1                          # 90 / 900
    assert es["revenue_per_1000_views"] == Decimal("2448.9164")  # 7910000 / 3230 = 2448.91640...
    # Views on the original's numbers: a merged episode counts for both originals it tells.
    assert [(p["number"], p["views"]) for p in es["original_episodes"]] == [
        (1, 900), (2, 700), (3, 500), (4, 500), (5, 420), (6, 300), (7, 200), (8, 200), (9, 120), (10, 90)]
    # The cliffhangers of originals 3 and 7 were cut by the merges: no continuation there.
    assert [p["continuation"] for p in es["original_episodes"]] == [
        0.777778, 0.714286, None, 0.84, 0.714286, 0.666667, None, 0.6, 0.75, None]
    assert es["original_episodes"][2]["retention"] == 0.555556  # 500 / 900
    # Gaps original - remake at each story point the remake ends with a cliffhanger:
    # o6 0.833333 - 0.666667, o8 0.75 - 0.6, o2 and o5 0.75 - 0.714286, o1 0.8 - 0.777778;
    # o4 (0.8 vs 0.84) and o9 (0.666667 vs 0.75) are stronger in the remake; o10 is the end.
    weakest = es["weakest_cliffhangers"]
    assert [(w["original_episode"], w["episode"], w["gap"]) for w in weakest] == [
        (6, 5, 0.166666), (8, 6, 0.15), (2, 2, 0.035714), (5, 4, 0.035714), (1, 1, 0.022222)]
    assert weakest[0]["continuation"] == 0.666667 and weakest[0]["original_continuation"] == 0.833333
    assert (weakest[0]["original_title"], weakest[0]["original_cliffhanger"],
            weakest[0]["original_cliffhanger_kind"]) == ("Bedside", "The nurse is Victoria's sister.", "reveal")
    assert weakest[1]["original_cliffhanger"] == ""


def test_version_overrides_free_episodes(engine, series, lead):
    lead.patch("/api/v1/series/heir/versions/es-MX", {"free_episodes": 5})
    store(engine, halves("es-MX", VIEWS, UNLOCKS, REVENUE))
    assert version(report(engine), "es-MX")["paywall_conversion"] == 0.75  # V(6) / V(5) = 300 / 400


def test_reingest_leaves_the_report_unchanged(engine, series):
    body = halves("en-US", VIEWS, UNLOCKS, REVENUE) + halves("es-MX", VIEWS[:5], UNLOCKS[:5], REVENUE[:5])
    store(engine, body)
    first = report(engine), report(engine, date_from=_d("2026-04-01"), date_to=_d("2026-04-30"))
    again = store(engine, body)
    assert again.inserted == 0 and again.replaced == 30
    assert (report(engine), report(engine, date_from=_d("2026-04-01"), date_to=_d("2026-04-30"))) == first
    store(engine, "2026-04-01,en-US,1,1,0,0\n")               # a correction replaces that day's row...
    assert version(report(engine), "en-US")["episodes"][0]["views"] == 501
    store(engine, "2026-04-01,en-US,1,500,0,0\n")             # ...and sending the day again restores it
    assert report(engine) == first[0]


def _d(text):
    from datetime import date
    return date.fromisoformat(text)


def test_a_range_that_ends_before_it_starts_is_refused(engine, series):
    with db.session_scope(engine, write=False) as s:
        heir = catalog.get_series(s, "heir")
        with pytest.raises(ValidationFailed):
            series_report(s, heir, date_from=_d("2026-05-02"), date_to=_d("2026-05-01"))


def test_portfolio_sums_per_series_locale_and_version(engine, series, lead):
    r = lead.post("/api/v1/series", {"slug": "vow", "title": "The Vow", "original_locale": "es-MX",
                                     "episode_count": 4, "free_episodes": 2, "currency": "MXN"})
    assert r.status_code == 201, r.get_json()
    store(engine, halves("en-US", VIEWS, UNLOCKS, REVENUE) + halves("es-MX", [400, 200], [0, 0], ["0", "0"]))
    store(engine, "2026-04-01,es-MX,1,100,0,0\n2026-04-01,es-MX,3,50,50,3.5\n", slug="vow")
    with db.session_scope(engine, write=False) as s:
        result = portfolio_report(s)
    assert result["views"] == 4300 + 600 + 150 and result["unlocks"] == 1900 + 50
    assert [(b["series"], b["title"], b["views"], b["versions"]) for b in result["series"]] == [
        ("heir", "The Heir", 4900, 2), ("vow", "The Vow", 150, 1)]
    assert result["series"][0]["revenue"] == {"USD": Decimal("741.00")}  # es-MX sells in the series' USD
    assert result["series"][1]["revenue"] == {"MXN": Decimal("3.5")}
    assert [(b["locale"], b["views"]) for b in result["locales"]] == [("en-US", 4300), ("es-MX", 750)]
    assert [(v["series"], v["locale"], v["views"], v["share_of_original"]) for v in result["versions"]] == [
        ("heir", "en-US", 4300, 1.0), ("heir", "es-MX", 600, 0.139535), ("vow", "es-MX", 150, 1.0)]
    with db.session_scope(engine, write=False) as s:  # one day of the range: only 2026-03-31
        day = portfolio_report(s, date_from=_d("2026-03-01"), date_to=_d("2026-03-31"))
    assert [(b["series"], b["views"]) for b in day["series"]] == [("heir", 2450), ("vow", 0)]
    assert day["from"] == "2026-03-01" and day["to"] == "2026-03-31"


def test_the_report_module_stays_out_of_flask():
    from pathlib import Path
    source = (Path(__file__).resolve().parents[2] / "localize" / "reports" / "report.py").read_text()
    assert "import flask" not in source and "from flask" not in source
