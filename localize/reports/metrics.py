"""Report figures for one market version, computed from its per-episode totals.

With V(n) the views of episode n summed over the chosen dates, N the episode count and F the
free-episode count:

- views, unlocks, revenue: sums over episodes 1..N (totals outside 1..N are ignored);
- share_of_original = views / views(original);
- retention(n) = V(n) / V(1); continuation(n) = V(n+1) / V(n) for n < N, None for n = N;
- paywall_conversion = V(F+1) / V(F), None when F < 1 or F >= N (no paywall inside the story);
- completion = V(N) / V(1); revenue_per_1000_views = 1000 * revenue / views.

A version with no views at all in the period has `has_data` False and every metric above None
(its share of the original is not 0%: there is nothing to compare). The counts stay 0: they are sums.

A ratio whose denominator is zero is None, never an error and never 0. Ratios are floats rounded
to 6 decimal places (`RATIO_PLACES`); revenue_per_1000_views is a Decimal with 4 decimal places
(`RPM_QUANTUM`, half-up), so it stays exact money arithmetic and serializes as a plain string.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

RATIO_PLACES = 6
RPM_QUANTUM = Decimal("0.0001")


@dataclass
class EpisodeTotals:
    views: int = 0
    unlocks: int = 0
    revenue: Decimal = Decimal(0)


@dataclass
class VersionInput:
    locale: str
    kind: str
    currency: str
    episode_count: int  # N
    free_episodes: int  # F, already resolved: the version's override, else the series'
    totals: dict[int, EpisodeTotals]  # missing episodes count as zeros
    # version episode -> original episode numbers it covers, in telling order; None = identity
    mapping: dict[int, list[int]] | None = None


_NONE = EpisodeTotals()


def ratio(numerator: float, denominator: float) -> float | None:
    """Return numerator / denominator rounded to RATIO_PLACES, or None for a zero denominator."""
    if not denominator:
        return None
    return round(numerator / denominator, RATIO_PLACES)


def episode_views(v: VersionInput) -> list[int]:
    """Return [V(1), ..., V(N)] with missing episodes as 0."""
    return [v.totals.get(n, _NONE).views for n in range(1, v.episode_count + 1)]


def continuations(views: list[int]) -> list[float | None]:
    """Return continuation(n) for n = 1..N: V(n+1) / V(n), None for the last episode."""
    return [ratio(views[i + 1], views[i]) for i in range(len(views) - 1)] + ([None] if views else [])


def version_report(v: VersionInput, original_views: int | None) -> dict:
    """Return the report of one version; `original_views` is views(original), None if unknown."""
    n_eps, free = v.episode_count, v.free_episodes
    views = episode_views(v)
    totals = [v.totals.get(n, _NONE) for n in range(1, n_eps + 1)]
    total_views = sum(views)
    revenue = sum((t.revenue for t in totals), Decimal(0))
    first = views[0] if views else 0
    conts = continuations(views)
    covers = _coverage(v)
    episodes = [
        {"number": n, "original_episode": original_label(covers[n]), "views": t.views,
         "unlocks": t.unlocks, "revenue": t.revenue,
         "retention": ratio(t.views, first), "continuation": conts[n - 1]}
        for n, t in enumerate(totals, start=1)
    ]
    has_data = total_views > 0
    return {
        "locale": v.locale,
        "kind": v.kind,
        "has_data": has_data,
        "views": total_views,
        "unlocks": sum(t.unlocks for t in totals),
        "revenue": revenue,
        "currency": v.currency,
        "share_of_original": ratio(total_views, original_views) if has_data and original_views else None,
        "paywall_conversion": ratio(views[free], views[free - 1]) if 1 <= free < n_eps else None,
        "completion": ratio(views[-1], first) if views else None,
        "revenue_per_1000_views": revenue_per_1000_views(revenue, total_views),
        "episodes": episodes,
    }


def original_label(originals: list[int]) -> str | None:
    """Write the original episodes an episode tells: [7] -> "7", [2, 3] -> "2-3", [] -> None.

    Runs of consecutive numbers become "first-last"; separate runs are joined by commas ("5-6,8").
    """
    runs: list[list[int]] = []
    for number in originals:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ",".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs) or None


def paywall_step(v: VersionInput) -> int | None:
    """Return F, the last free episode, when the paywall falls inside the story (1 <= F < N), else None."""
    return v.free_episodes if 1 <= v.free_episodes < v.episode_count else None


def revenue_per_1000_views(revenue: Decimal, views: int) -> Decimal | None:
    """Return 1000 * revenue / views quantized to RPM_QUANTUM, None without views."""
    if not views:
        return None
    return (Decimal(1000) * revenue / views).quantize(RPM_QUANTUM, rounding=ROUND_HALF_UP)


def _coverage(v: VersionInput) -> dict[int, list[int]]:
    """Return version episode -> original episodes it covers.

    An episode absent from the mapping covers its own number (identity by default); one mapped
    to an empty list is new material that covers no original episode.
    """
    mapping = v.mapping or {}
    return {n: list(mapping[n]) if n in mapping else [n] for n in range(1, v.episode_count + 1)}


def _last_covering(v: VersionInput) -> dict[int, int]:
    """Return original episode -> the LAST version episode covering it."""
    last: dict[int, int] = {}
    for episode, originals in _coverage(v).items():  # ascending version episode numbers
        for original in originals:
            last[original] = episode
    return last


def align_to_original(v: VersionInput) -> dict[int, int]:
    """Return the version's views on the original's episode numbers (story points).

    The views at original episode o are those of the version episode whose mapping contains o.
    When several version episodes cover o (a split), the LAST one counts: its cliffhanger is the
    one that ends that story point. A merged episode counts for every original episode it covers.
    Original episodes that no version episode covers (cut from a remake) are absent.
    """
    views = episode_views(v)
    return {o: views[e - 1] for o, e in sorted(_last_covering(v).items())}


def cliffhanger_points(v: VersionInput) -> dict[int, int]:
    """Return story point o -> the version episode whose cliffhanger ends o.

    That is the last version episode covering o, and only if o is the last original episode it
    covers; the cliffhanger of an original episode merged into the middle of a remake episode
    was cut and has no counterpart.
    """
    coverage = _coverage(v)
    return {o: e for o, e in _last_covering(v).items() if coverage[e][-1] == o}


def weakest_cliffhangers(original: VersionInput, v: VersionInput, limit: int = 5) -> list[dict]:
    """Return the story points where v's continuation falls furthest below the original's.

    At original episode o, the original's continuation is V_orig(o+1) / V_orig(o) and the
    version's is the continuation of its episode whose cliffhanger ends o (see
    `cliffhanger_points`): V_v(e+1) / V_v(e), the episode viewers go to next.

    Like is compared with like. The step across a paywall (last free episode -> first paid) loses
    viewers by design, and each version has its own free-episode count, so its paywall may fall at
    another story point (a remake that merges two early episodes crosses it one story point later).
    The version's paywall crossing is therefore compared with the original's paywall crossing,
    wherever each falls, and marked `"paywall": True`; an ordinary step of the version is never
    compared with the original's crossing, nor its crossing with an ordinary step of the original.
    `original_compared_episode` names the original episode whose continuation is
    `original_continuation` (o itself, except for a paywall crossing).

    Points where either side is None (last episode, zero views, cut cliffhanger) are skipped; only
    positive gaps (original - version) are listed, largest first, then by original episode.
    """
    original_conts = continuations(episode_views(original))
    version_conts = continuations(episode_views(v))
    original_paywall, version_paywall = paywall_step(original), paywall_step(v)
    points = sorted(cliffhanger_points(v).items())
    coverage = _coverage(v)
    if version_paywall is not None and coverage[version_paywall] and all(e != version_paywall for _, e in points):
        # The crossing is the first part of a split story point: still compared, at the point it tells.
        points = sorted(points + [(coverage[version_paywall][-1], version_paywall)])
    found = []
    for o, e in points:
        crossing = e == version_paywall
        if crossing:
            compared = original_paywall
        else:
            compared = None if o == original_paywall else o
        if compared is None or not (1 <= compared <= len(original_conts) and 1 <= e <= len(version_conts)):
            continue
        theirs, ours = original_conts[compared - 1], version_conts[e - 1]
        if theirs is None or ours is None:
            continue
        gap = round(theirs - ours, RATIO_PLACES)
        if gap > 0:
            found.append({"original_episode": o, "episode": e, "continuation": ours,
                          "original_continuation": theirs, "gap": gap, "paywall": crossing,
                          "original_compared_episode": compared})
    found.sort(key=lambda item: (-item["gap"], item["original_episode"]))
    return found[:limit]


def _add(bucket: dict, report: dict) -> None:
    bucket["views"] += report["views"]
    bucket["unlocks"] += report["unlocks"]
    bucket["versions"] += 1
    revenue = bucket["revenue"]
    revenue[report["currency"]] = revenue.get(report["currency"], Decimal(0)) + report["revenue"]


def portfolio(rows: Iterable[tuple[str, dict]]) -> dict:
    """Sum version reports for a catalog-wide view, per series and per locale.

    Input: (series_slug, version_report(...)) pairs. Output: {"views", "unlocks", "series":
    [{"series", "views", "unlocks", "revenue", "versions"}], "locales": [{"locale", ...}]}, each
    list sorted by views descending, then name. Revenue is {currency: Decimal}: amounts in
    different currencies are never added together.
    """
    by_series: dict[str, dict] = {}
    by_locale: dict[str, dict] = {}
    for slug, report in rows:
        for index, key, name in ((by_series, slug, "series"), (by_locale, report["locale"], "locale")):
            bucket = index.setdefault(
                key, {name: key, "views": 0, "unlocks": 0, "revenue": {}, "versions": 0})
            _add(bucket, report)

    def ordered(index: dict[str, dict]) -> list[dict]:
        return [index[k] for k in sorted(index, key=lambda k: (-index[k]["views"], k))]

    return {
        "views": sum(b["views"] for b in by_series.values()),
        "unlocks": sum(b["unlocks"] for b in by_series.values()),
        "series": ordered(by_series),
        "locales": ordered(by_locale),
    }
