"""Series and portfolio reports, read from the view rollups (the database side of reports; no Flask).

What a report reads, whatever the length of the history:
- no date range: `view_totals`, one row per (version, episode);
- a date range: `view_monthly` for the whole months inside it (one row per version, month and
  episode) plus `view_daily` for the days of the partial months at its two edges only, so at
  most ~60 days of daily rows per version. Raw daily rows are never read in proportion to the
  history;
- `data_range` (the months with stored views, whatever the range): two seeks per version down the
  monthly rollup's primary key.
The database sums those rows (GROUP BY version and episode, a few hundred groups); the metrics
module computes every ratio from the sums.

Money: revenue is stored in ten-thousandths of the version's currency (`revenue_e4`) and comes
back exactly as `Decimal(revenue_e4).scaleb(-4)`. Reports carry Decimals; `money()` writes them
for JSON and CSV with the 4 decimal places they are stored with ("11.7000"), whatever the
currency's minor units: a string that is exact, sorts and sums without surprises.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import chain

from sqlalchemy import and_, func, select, true, union_all
from sqlmodel import Session
from sqlmodel import select as select_objects

from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.csv_safe import safe_writer
from localize.errors import ValidationFailed
from localize.models import Episode, MarketVersion, Series, ViewDaily, ViewMonthly, ViewTotal
from localize.reports.rows import LAST_DAY
from localize.reports.metrics import (EpisodeTotals, VersionInput, align_to_original, portfolio,
                                      ratio, version_report, weakest_cliffhangers)
# Which version episode's cliffhanger ends each story point: the same rule weakest_cliffhangers uses.
from localize.reports.metrics import cliffhanger_points

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DAILY, _MONTHLY, _TOTALS = ViewDaily.__table__, ViewMonthly.__table__, ViewTotal.__table__


# --- date ranges -----------------------------------------------------------------------------



def parse_range(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    """Parse the inclusive range `from`/`to` (YYYY-MM-DD, each optional); ValidationFailed names the field."""
    details, parsed = [], {}
    for field, text in (("from", date_from), ("to", date_to)):
        text = (text or "").strip()
        try:
            if text and not _ISO_DAY.fullmatch(text):  # fromisoformat also reads 20261101, 2026-W44-1
                raise ValueError
            parsed[field] = date.fromisoformat(text) if text else None
        except ValueError:
            details.append({"field": field, "code": "date",
                            "message": f"{text!r} is not a date YYYY-MM-DD"})
    if details:
        raise ValidationFailed("invalid fields: " + ", ".join(d["field"] for d in details), details)
    _check_order(parsed["from"], parsed["to"])
    # Month arithmetic needs a month after the range; no view can be stored past LAST_DAY anyway.
    return tuple(min(day, LAST_DAY) if day else day for day in (parsed["from"], parsed["to"]))


def _check_order(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise ValidationFailed("invalid fields: from", [{
            "field": "from", "code": "order",
            "message": f"from ({date_from}) is after to ({date_to})"}])


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _spans(date_from: date | None, date_to: date | None):
    """Split an inclusive range into whole months [first, end) and the edge days [(a, b)] around them.

    None bounds are open. Whole months are read from the monthly rollup, edge days from the
    daily rows: at most one partial month at each end.
    """
    starts_month = date_from is None or date_from.day == 1
    ends_month = date_to is None or (date_to + timedelta(days=1)).day == 1
    first = date_from if starts_month else _next_month(date_from)
    end = None if date_to is None else date_to + timedelta(days=1) if ends_month else date_to.replace(day=1)
    if first is not None and end is not None and first >= end:
        return None, [(date_from, date_to)]  # no whole month inside: under two months of days
    days = []
    if not starts_month:
        days.append((date_from, first - timedelta(days=1)))
    if not ends_month:
        days.append((end, date_to))
    return (first, end), days


def _rollup_parts(versions, date_from: date | None, date_to: date | None) -> list:
    """SELECTs of (version_id, episode, views, unlocks, revenue_e4) whose rows sum to the range.

    `versions` is a list of version ids, or None for every version.
    """
    def rows(table, *conditions):
        where = table.c.version_id.in_(versions) if versions is not None else true()
        return select(table.c.version_id, table.c.episode, table.c.views, table.c.unlocks,
                      table.c.revenue_e4).where(where, *conditions)

    if date_from is None and date_to is None:
        return [rows(_TOTALS)]
    months, days = _spans(date_from, date_to)
    parts = [rows(_DAILY, _DAILY.c.day >= a if a else true(), _DAILY.c.day <= b if b else true())
             for a, b in days]
    if months is not None:
        first, end = months
        parts.append(rows(_MONTHLY, _MONTHLY.c.month >= first if first else true(),
                          _MONTHLY.c.month < end if end else true()))
    return parts


def _summed(parts: list, *, by_episode: bool):
    """SUM the parts' counts per version (and episode)."""
    u = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    keys = [u.c.version_id, u.c.episode] if by_episode else [u.c.version_id]
    sums = [func.sum(u.c.views), func.sum(u.c.unlocks), func.sum(u.c.revenue_e4)]
    return u, select(*keys, *sums).group_by(*keys)


def _money(revenue_e4) -> Decimal:
    # int(): PostgreSQL's SUM(bigint) is numeric (a Decimal); SQLite's is an int.
    return Decimal(int(revenue_e4)).scaleb(-4)


# --- one series --------------------------------------------------------------------------------

def _version_input(series: Series, version: MarketVersion, totals: dict[int, EpisodeTotals]) -> VersionInput:
    settings = effective_settings(series, version)
    mapping = catalog.version_mapping(series, version) if version.kind == "remake" else None
    return VersionInput(locale=version.locale, kind=version.kind, currency=settings.currency,
                        episode_count=settings.episode_count, free_episodes=settings.free_episodes,
                        totals=totals, mapping=mapping)


def series_report(session: Session, series: Series, *, date_from: date | None = None,
                  date_to: date | None = None) -> dict:
    """Return the report of every market version of a series over an inclusive date range.

    Who may read it is the routes' business (admin, lead, marketing). The dict has the API's
    shape, with revenue as Decimal: {"series", "from", "to", "has_data", "data_range", "versions": [...]}.
    `has_data` is False when no version has views in the range; `data_range` says which months do.
    """
    _check_order(date_from, date_to)
    versions = catalog.list_versions(session, series)  # the original first
    _, query = _summed(_rollup_parts([v.id for v in versions], date_from, date_to), by_episode=True)
    totals: dict[int, dict[int, EpisodeTotals]] = {v.id: {} for v in versions}
    for version_id, episode, views, unlocks, revenue_e4 in session.connection().execute(query):
        totals[version_id][episode] = EpisodeTotals(int(views), int(unlocks), _money(revenue_e4))
    inputs = [_version_input(series, v, totals[v.id]) for v in versions]
    original = next(i for i in inputs if i.kind == "original")
    original_views = version_report(original, None)["views"]
    episodes = {e.number: e for e in catalog.list_episodes(session, series)}
    reports = []
    for vi in inputs:
        report = version_report(vi, original_views)
        report["weakest_cliffhangers"] = [] if vi is original else [
            _with_cliffhanger(point, episodes.get(point["original_episode"]))
            for point in weakest_cliffhangers(original, vi)]
        report["original_episodes"] = _aligned(vi, report)
        reports.append(report)
    return {"series": series.slug, "from": _iso(date_from), "to": _iso(date_to),
            "has_data": any(r["has_data"] for r in reports),
            "data_range": data_range(session, [v.id for v in versions]), "versions": reports}


def data_range(session: Session, version_ids: list[int] | None) -> dict | None:
    """Return {"first", "last"}: the span of the months with stored views of these versions (every
    version for None), whatever the report's range; None when nothing is stored.

    Read from the monthly rollup, never from the daily rows, so it is month-precise: "first" is the
    first day of the earliest month with stored views and "last" the last day of the latest one.
    Per version, each end is one seek down the rollup's primary key (version_id, month, episode),
    ORDER BY month LIMIT 1; then MIN and MAX over the versions.
    """
    versions = MarketVersion.__table__

    def edge(order):
        return (select(_MONTHLY.c.month).where(_MONTHLY.c.version_id == versions.c.id)
                .order_by(order(_MONTHLY.c.month)).limit(1).correlate(versions).scalar_subquery())
    ends = select(edge(lambda c: c.asc()).label("first"),
                  edge(lambda c: c.desc()).label("last")).select_from(versions)
    if version_ids is not None:
        ends = ends.where(versions.c.id.in_(version_ids))
    ends = ends.subquery()
    first, last = session.connection().execute(select(func.min(ends.c.first), func.max(ends.c.last))).one()
    if first is None:
        return None
    return {"first": _iso(_as_date(first)), "last": _iso(_next_month(_as_date(last)) - timedelta(days=1))}


def _as_date(value) -> date:
    # SQLite gives MIN() over a subquery back as text; PostgreSQL as a date.
    return value if isinstance(value, date) else date.fromisoformat(value)


def _with_cliffhanger(point: dict, episode: Episode | None) -> dict:
    return {**point, "original_title": episode.title if episode else "",
            "original_cliffhanger": episode.cliffhanger if episode else "",
            "original_cliffhanger_kind": episode.cliffhanger_kind if episode else None}


def _aligned(vi: VersionInput, report: dict) -> list[dict]:
    """The version on the original's episode numbers: views, retention, and the continuation of the
    version episode whose cliffhanger ends that story point (None where a merge cut it)."""
    first = report["episodes"][0]["views"] if report["episodes"] else 0
    ends = cliffhanger_points(vi)
    conts = [e["continuation"] for e in report["episodes"]]
    return [{"number": o, "views": views, "retention": ratio(views, first),
             "continuation": conts[ends[o] - 1] if o in ends else None}
            for o, views in align_to_original(vi).items()]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- the whole catalog ---------------------------------------------------------------------------

def portfolio_report(session: Session, *, date_from: date | None = None, date_to: date | None = None) -> dict:
    """Return views, unlocks and revenue per series, per locale and per version across the catalog.

    One GROUP BY version over the rollups, counting episodes 1..N of each version as the
    series report does. Revenue stays per currency: {"USD": Decimal, "MXN": Decimal}.
    """
    _check_order(date_from, date_to)
    u, sums = _summed(_rollup_parts(None, date_from, date_to), by_episode=False)
    in_story = and_(u.c.episode >= 1, u.c.episode <= func.coalesce(MarketVersion.episode_count,
                                                                     Series.episode_count))
    sums = (sums.join(MarketVersion, MarketVersion.id == u.c.version_id)
            .join(Series, Series.id == MarketVersion.series_id).where(in_story))
    found = {row[0]: row[1:] for row in session.connection().execute(sums)}
    listing = session.exec(select_objects(MarketVersion, Series).join(Series, Series.id == MarketVersion.series_id)
                           .order_by(Series.slug, MarketVersion.kind != "original", MarketVersion.locale)).all()
    versions, originals = [], {}
    for version, series in listing:
        views, unlocks, revenue_e4 = found.get(version.id, (0, 0, 0))
        row = {"series": series.slug, "locale": version.locale, "kind": version.kind,
               "currency": effective_settings(series, version).currency, "has_data": int(views) > 0,
               "views": int(views), "unlocks": int(unlocks), "revenue": _money(revenue_e4)}
        if version.kind == "original":
            originals[series.slug] = row["views"]
        versions.append(row)
    for row in versions:  # no views is no data, not a 0% share
        row["share_of_original"] = ratio(row["views"], originals.get(row["series"], 0)) if row["has_data"] else None
    result = portfolio((row["series"], row) for row in versions)
    titles = {series.slug: series.title for _, series in listing}
    for bucket in result["series"]:
        bucket["title"] = titles[bucket["series"]]
    return {"from": _iso(date_from), "to": _iso(date_to), "has_data": result["views"] > 0,
            "data_range": data_range(session, None), **result, "versions": versions}


# --- JSON and CSV --------------------------------------------------------------------------------

def money(amount: Decimal) -> str:
    """Write an amount with the 4 decimal places it is stored with: Decimal("11.7") -> "11.7000"."""
    return f"{amount:.4f}"


def jsonable(value):
    """Return a report with every Decimal written by `money` (JSON has no exact decimal type)."""
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value


SERIES_CSV = ("series", "locale", "kind", "currency", "episode", "original_episode", "views", "unlocks", "revenue",
              "retention", "continuation", "version_views", "share_of_original",
              "paywall_conversion", "completion", "revenue_per_1000_views")
PORTFOLIO_CSV = ("series", "locale", "kind", "currency", "views", "unlocks", "revenue", "share_of_original")


def _csv_lines(header: tuple, rows: Iterable[tuple]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = safe_writer(buffer)
    for row in chain([header], rows):
        writer.writerow(["" if value is None else money(value) if isinstance(value, Decimal) else value
                         for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def report_rows_csv(report: dict) -> Iterator[str]:
    """Yield the series report as CSV lines: a header, then one row per version and episode.

    Empty cells are nulls (a zero denominator, or no views in the period); revenue has 4 decimal
    places. `original_episode` is the original's episode(s) the row's episode tells ("2-3" for a
    remake episode that merges two, empty for new material), so a remake's rows line up with the
    original's numbering the report page uses.
    """
    def rows():
        for v in report["versions"]:
            version_level = (v["views"], v["share_of_original"], v["paywall_conversion"],
                             v["completion"], v["revenue_per_1000_views"])
            for e in v["episodes"]:
                yield (report["series"], v["locale"], v["kind"], v["currency"], e["number"],
                       e["original_episode"], e["views"],
                       e["unlocks"], e["revenue"], e["retention"], e["continuation"], *version_level)
    return _csv_lines(SERIES_CSV, rows())


def portfolio_rows_csv(result: dict) -> Iterator[str]:
    """Yield the portfolio as CSV lines: a header, then one row per market version of every series."""
    return _csv_lines(PORTFOLIO_CSV, (tuple(v[name] for name in PORTFOLIO_CSV) for v in result["versions"]))
