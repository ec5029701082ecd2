"""Report metrics against numbers computed by hand."""
from decimal import Decimal

import pytest

from localize.reports.metrics import (
    EpisodeTotals,
    VersionInput,
    align_to_original,
    portfolio,
    version_report,
    weakest_cliffhangers,
)


def version(views, *, free=2, unlocks=None, revenue=None, mapping=None, locale="en",
            kind="original", currency="USD", count=None):
    unlocks = unlocks or [0] * len(views)
    revenue = revenue or ["0"] * len(views)
    totals = {n: EpisodeTotals(v, u, Decimal(r))
              for n, (v, u, r) in enumerate(zip(views, unlocks, revenue), start=1)}
    return VersionInput(locale, kind, currency, count or len(views), free, totals, mapping)


@pytest.fixture
def original():
    # 5 episodes, 2 free, unlocks at 0.25 from episode 3 on.
    return version([1000, 800, 600, 500, 400], free=2, unlocks=[0, 0, 300, 250, 200],
                   revenue=["0", "0", "75.00", "62.50", "50.00"])


@pytest.fixture
def remake():
    # es-MX remake in 3 episodes: 1 = original 1+2 (merged), 2 = original 3, 3 = original 4+5.
    return version([900, 600, 300], free=1, unlocks=[0, 150, 75], revenue=["0", "30.00", "15.00"],
                   mapping={1: [1, 2], 2: [3], 3: [4, 5]}, locale="es-MX", kind="remake", currency="MXN")


def test_original_report_by_hand(original):
    report = version_report(original, original_views=3300)
    assert (report["locale"], report["kind"], report["currency"]) == ("en", "original", "USD")
    assert report["views"] == 3300
    assert report["unlocks"] == 750
    assert report["revenue"] == Decimal("187.50")
    assert report["share_of_original"] == 1.0
    assert report["paywall_conversion"] == 0.75  # V(3) / V(2) = 600 / 800
    assert report["completion"] == 0.4  # 400 / 1000
    assert report["revenue_per_1000_views"] == Decimal("56.8182")  # 187500 / 3300 = 56.81818...
    episodes = report["episodes"]
    assert [e["number"] for e in episodes] == [1, 2, 3, 4, 5]
    assert [e["retention"] for e in episodes] == [1.0, 0.8, 0.6, 0.5, 0.4]
    assert [e["continuation"] for e in episodes] == [0.8, 0.75, 0.833333, 0.8, None]
    assert episodes[2] == {"number": 3, "original_episode": "3", "views": 600, "unlocks": 300, "revenue": Decimal("75.00"),
                           "retention": 0.6, "continuation": 0.833333}


def test_remake_report_by_hand(remake):
    report = version_report(remake, original_views=3300)
    assert report["views"] == 1800
    assert report["share_of_original"] == 0.545455  # 1800 / 3300 = 0.5454545...
    assert report["paywall_conversion"] == 0.666667  # F = 1: V(2) / V(1) = 600 / 900
    assert report["completion"] == 0.333333
    assert report["revenue"] == Decimal("45.00")
    assert report["revenue_per_1000_views"] == Decimal("25.0000")
    assert [e["continuation"] for e in report["episodes"]] == [0.666667, 0.5, None]


def test_missing_episodes_count_as_zero():
    v = VersionInput("fr", "dub", "EUR", 3, 1, {1: EpisodeTotals(100), 3: EpisodeTotals(50)})
    report = version_report(v, original_views=None)
    assert [e["views"] for e in report["episodes"]] == [100, 0, 50]
    assert [e["continuation"] for e in report["episodes"]] == [0.0, None, None]  # 0/100, then 50/0
    assert report["share_of_original"] is None


@pytest.mark.parametrize("free", [0, -1, 5, 6])
def test_paywall_outside_the_story_is_none(original, free):
    original.free_episodes = free
    assert version_report(original, 3300)["paywall_conversion"] is None


def test_zero_denominators_are_none_never_zero():
    silent_start = version([0, 10, 5], free=1, revenue=["0", "1.00", "1.00"])
    report = version_report(silent_start, original_views=0)
    assert report["share_of_original"] is None
    assert report["paywall_conversion"] is None  # V(1) = 0
    assert report["completion"] is None
    assert [e["retention"] for e in report["episodes"]] == [None, None, None]
    assert report["episodes"][0]["continuation"] is None
    assert report["revenue_per_1000_views"] == Decimal("133.3333")

    nothing = version([0, 0], free=1)
    report = version_report(nothing, original_views=None)
    assert report["views"] == 0
    assert report["revenue_per_1000_views"] is None
    assert report["share_of_original"] is None


def test_empty_version():
    report = version_report(VersionInput("fr", "dub", "EUR", 0, 0, {}), original_views=10)
    assert report["episodes"] == [] and report["completion"] is None and report["views"] == 0
    # No views at all is no data, not a 0% share (issue 12, point 3).
    assert report["has_data"] is False and report["share_of_original"] is None


def test_align_remake_to_original(remake):
    # Merged episodes count for every original episode they cover.
    assert align_to_original(remake) == {1: 900, 2: 900, 3: 600, 4: 300, 5: 300}


def test_align_identity_and_split():
    assert align_to_original(version([10, 8, 6])) == {1: 10, 2: 8, 3: 6}
    # Original 2 split into version episodes 2 and 3: the LAST one ends that story point.
    split = version([10, 8, 7, 5], mapping={1: [1], 2: [2], 3: [2], 4: [3]})
    assert align_to_original(split) == {1: 10, 2: 7, 3: 5}
    # Episodes missing from a mapping cover their own number; [] is new material.
    partial = version([10, 9, 8, 7], mapping={2: [], 3: [2, 3]})
    assert align_to_original(partial) == {1: 10, 2: 8, 3: 8, 4: 7}


def test_weakest_cliffhangers_by_hand(original, remake):
    # Original continuation: 0.8, 0.75, 0.833333, 0.8. Story points with a remake cliffhanger:
    # o=2 ends remake ep 1 (600/900 = 0.666667), o=3 ends ep 2 (300/600 = 0.5), o=5 ends ep 3
    # (the original's last episode: no continuation). o=1 and o=4 are mid-episode: cut.
    assert weakest_cliffhangers(original, remake) == [
        {"original_episode": 3, "episode": 2, "continuation": 0.5,
         "original_continuation": 0.833333, "gap": 0.333333, "paywall": False, "original_compared_episode": 3},
        {"original_episode": 2, "episode": 1, "continuation": 0.666667,
         "original_continuation": 0.75, "gap": 0.083333, "paywall": True, "original_compared_episode": 2},
    ]
    assert [w["original_episode"] for w in weakest_cliffhangers(original, remake, limit=1)] == [3]


def test_weakest_cliffhangers_skip_stronger_and_none(original):
    stronger = version([1000, 900, 800, 700, 600], kind="dub", locale="fr")
    assert weakest_cliffhangers(original, stronger) == []
    zero_views = version([0, 0, 0, 0, 0], kind="dub", locale="de")
    assert weakest_cliffhangers(original, zero_views) == []
    dub = version([1000, 700, 600, 500, 300], kind="dub", locale="it")  # 0.7, 0.857143, 0.833333, 0.6
    # Gaps: o=1 0.1, o=2 negative, o=3 exactly 0 (not listed), o=4 0.2.
    assert weakest_cliffhangers(original, dub) == [
        {"original_episode": 4, "episode": 4, "continuation": 0.6,
         "original_continuation": 0.8, "gap": 0.2, "paywall": False, "original_compared_episode": 4},
        {"original_episode": 1, "episode": 1, "continuation": 0.7,
         "original_continuation": 0.8, "gap": 0.1, "paywall": False, "original_compared_episode": 1},
    ]


def test_portfolio_sums_per_series_and_locale(original, remake):
    fr = version([100, 50], locale="fr", kind="dub", currency="EUR", revenue=["0", "5.00"])
    rows = [
        ("love-at-dawn", version_report(original, 3300)),
        ("love-at-dawn", version_report(remake, 3300)),
        ("the-heiress", version_report(fr, None)),
        ("the-heiress", version_report(version([10], revenue=["2.00"]), None)),
    ]
    result = portfolio(rows)
    assert result["views"] == 3300 + 1800 + 150 + 10
    assert result["series"][0] == {"series": "love-at-dawn", "views": 5100, "unlocks": 975,
                                   "revenue": {"USD": Decimal("187.50"), "MXN": Decimal("45.00")},
                                   "versions": 2}
    assert result["series"][1]["revenue"] == {"EUR": Decimal("5.00"), "USD": Decimal("2.00")}
    assert [(b["locale"], b["views"], b["versions"]) for b in result["locales"]] == [
        ("en", 3310, 2), ("es-MX", 1800, 1), ("fr", 150, 1)]
    assert portfolio([]) == {"views": 0, "unlocks": 0, "series": [], "locales": []}


def test_original_label_writes_merges_as_ranges():
    from localize.reports.metrics import original_label
    assert [original_label(x) for x in ([7], [2, 3], [5, 6, 7], [5, 6, 8], [])] == ["7", "2-3", "5-7", "5-6,8", None]


def test_paywall_crossing_compared_with_the_originals_crossing_like_with_like(original):
    # Original (2 free): continuation 0.8, 0.75 (crossing 2 -> 3), 0.833333, 0.8. A dub with 3 free
    # episodes crosses at 3 -> 4: compared with the original's 0.75, not with its paid step 0.833333;
    # at story point 2 the original's crossing meets the dub's free step, and is not compared.
    dub = version([1000, 700, 650, 300, 250], free=3, kind="dub", locale="it")  # 0.7, 0.928571, 0.461538, 0.833333
    assert weakest_cliffhangers(original, dub) == [
        {"original_episode": 3, "episode": 3, "continuation": 0.461538, "original_continuation": 0.75,
         "gap": 0.288462, "paywall": True, "original_compared_episode": 2},
        {"original_episode": 1, "episode": 1, "continuation": 0.7, "original_continuation": 0.8,
         "gap": 0.1, "paywall": False, "original_compared_episode": 1},
    ]
    # No paywall inside the original's story: the dub's crossing has nothing like it to meet.
    original.free_episodes = 0
    assert [w["original_episode"] for w in weakest_cliffhangers(original, dub)] == [1]


def test_crossing_inside_a_split_is_still_compared(original):
    # Original 2 split over episodes 2 and 3, 2 free: the crossing 2 -> 3 is inside story point 2.
    split = version([1000, 800, 300, 250, 200, 160], free=2, mapping={1: [1], 2: [2], 3: [2], 4: [3], 5: [4], 6: [5]})
    crossing = [w for w in weakest_cliffhangers(original, split) if w["paywall"]]
    assert [(w["original_episode"], w["episode"], w["continuation"], w["original_continuation"]) for w in crossing] == [
        (2, 2, 0.375, 0.75)]


def test_no_views_is_no_data_with_every_ratio_null(original):
    silent = version([0, 0, 0], kind="dub", locale="fr")
    report = version_report(silent, original_views=3300)
    assert report["has_data"] is False and report["views"] == 0
    assert [report[k] for k in ("share_of_original", "paywall_conversion", "completion",
                                "revenue_per_1000_views")] == [None] * 4
    assert version_report(original, 3300)["has_data"] is True
    assert weakest_cliffhangers(original, silent) == []
