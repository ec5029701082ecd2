"""Report numbers a lead can trust (issue 12, points 2-4), through ingest -> rollups -> report.

- the demo's remake crosses its paywall one story point later than the original (it merges
  originals 5+6): its crossing is compared with the original's crossing, never with a paid step;
- a period without views is no data (has_data false, null ratios), and the report says which
  months have data;
- each episode names the original's episode(s) it tells ("2-3"), in JSON and CSV.
"""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from localize import db
from localize.catalog import service as catalog
from localize.catalog.demo import _remake_mapping
from localize.demo import load_demo
from localize.reports.metrics import EpisodeTotals, VersionInput, weakest_cliffhangers
from localize.reports.report import portfolio_report, report_rows_csv, series_report
from test_report_series import halves, report, store, version


@pytest.fixture
def demo(engine, tmp_path):
    with db.session_scope(engine) as s:
        load_demo(s, instance_path=str(tmp_path))
    with db.session_scope(engine, write=False) as s:
        return series_report(s, catalog.get_series(s, "the-heir-returns"))


def test_demo_remake_paywall_is_compared_with_the_originals_paywall(demo):
    en, es = version(demo, "en-US"), version(demo, "es-MX")
    # Both have 12 free episodes; the remake's episode 12 tells original 13 (5+6 are merged), so its
    # paywall crossing (12 -> 13) ends story point 13, where the original goes from paid to paid
    # (96.5%). Compared with that, the crossing was the remake's "weakest cliffhanger" (52.9%).
    assert [(p["number"], p["continuation"]) for p in es["original_episodes"]][12] == (13, es["paywall_conversion"])
    weakest = es["weakest_cliffhangers"]
    assert all(w["continuation"] > 0.8 and w["original_continuation"] > 0.9 for w in weakest), weakest
    # The weakest is now the remake's real weak spot: episode 7's cliffhanger (views x 0.9 after it).
    assert (weakest[0]["original_episode"], weakest[0]["episode"], weakest[0]["paywall"]) == (8, 7, False)
    assert all(w["original_compared_episode"] == w["original_episode"] for w in weakest)
    # The whole ranking: the crossing is there, against the original's own crossing (53.07%).
    ranking = weakest_cliffhangers(_input(en), _input(es, _remake_mapping()), limit=80)
    crossing = [w for w in ranking if w["paywall"]]
    assert [(w["original_episode"], w["episode"], w["original_compared_episode"]) for w in crossing] == [(13, 12, 12)]
    assert crossing[0]["continuation"] == es["paywall_conversion"] == 0.529107
    assert crossing[0]["original_continuation"] == en["paywall_conversion"] == 0.53074
    assert crossing[0]["gap"] == 0.001633
    assert not any(w["original_episode"] == 12 for w in ranking)  # the original's crossing vs a free step


def _input(report: dict, mapping=None) -> VersionInput:
    totals = {e["number"]: EpisodeTotals(e["views"]) for e in report["episodes"]}
    return VersionInput(report["locale"], report["kind"], report["currency"], len(totals), 12, totals, mapping)


def test_the_originals_crossing_is_never_compared_with_a_free_step(engine, series, lead):
    # The remake tells the 10 original episodes in 9 (1 = originals 1+2), 2 free episodes each: its
    # crossing 2 -> 3 ends story point 3, while the original crosses at 2 -> 3 (story point 2).
    mapping = {"1": [1, 2], **{str(n): [n + 1] for n in range(2, 10)}}
    lead.patch("/api/v1/series/heir", {"free_episodes": 2})
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"episode_count": 9, "episode_mapping": mapping})
    assert r.status_code == 200, r.get_json()
    original = [1000, 900, 450, 400, 360, 320, 290, 260, 230, 200]  # crossing 0.5, then about 0.9
    remake = [1000, 950, 470, 420, 380, 340, 300, 270, 240]          # 0.95 free, crossing 0.494737
    store(engine, halves("en-US", original, [0] * 10, ["0"] * 10) + halves("es-MX", remake, [0] * 9, ["0"] * 9))
    es = version(report(engine), "es-MX")
    weakest = {w["original_episode"]: w for w in es["weakest_cliffhangers"]}
    # Story point 2 (the original's crossing) ends the remake's free episode 1 (950/1000): not compared.
    # Story point 3 is the remake's crossing (470/950 = 0.494737) against the original's crossing
    # (450/900 = 0.5), not against the original's paid step 400/450 = 0.888889.
    assert 2 not in weakest
    assert (weakest[3]["episode"], weakest[3]["paywall"], weakest[3]["original_continuation"]) == (2, True, 0.5)
    assert (weakest[3]["original_compared_episode"], weakest[3]["gap"]) == (2, 0.005263)
    assert all(not w["paywall"] and w["original_compared_episode"] == o for o, w in weakest.items() if o != 3)


def test_a_period_without_views_is_no_data_not_zeros(engine, series):
    store(engine, halves("en-US", [1000, 800, 600, 500], [0, 0, 0, 500], ["0", "0", "0", "195.00"]))
    result = report(engine)
    assert result["has_data"] is True
    assert result["data_range"] == {"first": "2026-03-01", "last": "2026-04-30"}  # month-precise rollup
    en, es = version(result, "en-US"), version(result, "es-MX")
    assert en["has_data"] is True and es["has_data"] is False
    assert es["views"] == 0 and es["share_of_original"] is None  # not a 0% share
    assert es["weakest_cliffhangers"] == []
    # A period before any stored view: nothing has data; the range still says where the data is.
    empty = report(engine, date_from=date(2025, 1, 1), date_to=date(2025, 1, 31))
    assert empty["has_data"] is False and empty["data_range"] == result["data_range"]
    for v in empty["versions"]:
        assert v["has_data"] is False
        for key in ("share_of_original", "paywall_conversion", "completion", "revenue_per_1000_views"):
            assert v[key] is None, (v["locale"], key)


def test_nothing_stored_has_no_data_range(engine, series):
    result = report(engine)
    assert result["has_data"] is False and result["data_range"] is None
    with db.session_scope(engine, write=False) as s:
        whole = portfolio_report(s)
    assert whole["has_data"] is False and whole["data_range"] is None
    assert {v["has_data"] for v in whole["versions"]} == {False}
    assert {v["share_of_original"] for v in whole["versions"]} == {None}


def test_portfolio_has_data_per_version_and_the_catalogs_data_range(engine, series):
    store(engine, halves("es-MX", [400, 200], [0, 0], ["0", "0"], days=("2026-05-31", "2026-07-01")))
    store(engine, "2026-02-14,en-US,1,10,0,0\n")
    with db.session_scope(engine, write=False) as s:
        whole = portfolio_report(s)
        june = portfolio_report(s, date_from=date(2026, 6, 1), date_to=date(2026, 6, 30))
    assert whole["has_data"] is True and whole["data_range"] == {"first": "2026-02-01", "last": "2026-07-31"}
    assert [(v["locale"], v["has_data"], v["share_of_original"]) for v in whole["versions"]] == [
        ("en-US", True, 1.0), ("es-MX", True, 60.0)]
    assert june["has_data"] is False and june["data_range"] == whole["data_range"]
    assert [(v["locale"], v["has_data"], v["views"], v["share_of_original"]) for v in june["versions"]] == [
        ("en-US", False, 0, None), ("es-MX", False, 0, None)]


def test_csv_names_the_original_episode_beside_the_markets_own(engine, series, lead):
    # 2 merges originals 2+3, 8 merges 9+10: 8 episodes for 10.
    mapping = {"1": [1], "2": [2, 3], **{str(n): [n + 1] for n in range(3, 8)}, "8": [9, 10]}
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"episode_count": 8, "episode_mapping": mapping})
    assert r.status_code == 200, r.get_json()
    store(engine, halves("es-MX", [100, 90, 80, 70, 60, 50, 40, 30], [0] * 8, ["0"] * 8))
    result = report(engine)
    assert [e["original_episode"] for e in version(result, "es-MX")["episodes"]] == [
        "1", "2-3", "4", "5", "6", "7", "8", "9-10"]
    assert [e["original_episode"] for e in version(result, "en-US")["episodes"]][:3] == ["1", "2", "3"]
    rows = list(csv.DictReader(io.StringIO("".join(report_rows_csv(result)))))
    header = list(rows[0])
    assert header[header.index("episode") + 1] == "original_episode"
    remake = [(row["episode"], row["original_episode"], row["views"]) for row in rows if row["locale"] == "es-MX"]
    assert remake[:3] == [("1", "1", "100"), ("2", "2-3", "90"), ("3", "4", "80")]
    assert remake[-1] == ("8", "9-10", "30") and len(remake) == 8
