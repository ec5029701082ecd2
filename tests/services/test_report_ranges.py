"""Date ranges: whole months from the monthly rollup, partial edge months from the days, exactly."""
from __future__ import annotations

import io
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event
from sqlmodel import select

from localize import db
from localize.catalog import service as catalog
from localize.models import MarketVersion, ViewDaily
from localize.reports.report import _spans, series_report

from localize.reports.ingest import ingest
from localize.reports.rows import iter_csv_rows

HEADER = "date,locale,episode,views,unlocks,revenue\n"
FIRST, LAST = date(2026, 1, 20), date(2026, 4, 10)


def store(engine, body):
    with db.session_scope(engine) as s:
        ingest(s, catalog.get_series(s, "heir"), iter_csv_rows(io.StringIO(HEADER + body, newline="")))


def report(engine, **kw):
    with db.session_scope(engine, write=False) as s:
        return series_report(s, catalog.get_series(s, "heir"), **kw)


def _history() -> str:
    lines, day, k = [], FIRST, 0
    while day <= LAST:
        for locale in ("en-US", "es-MX"):
            for episode in range(1, 11):
                k += 1
                views = (k * 37) % 211  # 0 every 211th row
                lines.append(f"{day},{locale},{episode},{views},{(k * 7) % 23},{(k * 7919) % 100000 / 10000:.4f}\n")
        day += timedelta(days=1)
    return "".join(lines)


def brute_force(engine, date_from, date_to) -> dict:
    """Sum the daily rows of the range in Python: (locale, episode) -> (views, unlocks, revenue)."""
    sums = defaultdict(lambda: [0, 0, Decimal(0)])
    with db.session_scope(engine, write=False) as s:
        locales = {v.id: v.locale for v in s.exec(select(MarketVersion))}
        for row in s.exec(select(ViewDaily)):
            if (date_from is None or row.day >= date_from) and (date_to is None or row.day <= date_to):
                bucket = sums[(locales[row.version_id], row.episode)]
                bucket[0] += row.views
                bucket[1] += row.unlocks
                bucket[2] += Decimal(row.revenue_e4).scaleb(-4)
    return {key: tuple(value) for key, value in sums.items()}


RANGES = [
    (date(2026, 1, 25), date(2026, 3, 5)),    # partial Jan, whole Feb, partial Mar
    (date(2026, 2, 1), date(2026, 2, 28)),    # exactly one whole month
    (date(2026, 1, 31), date(2026, 4, 1)),    # one day at each edge
    (date(2026, 2, 10), date(2026, 2, 20)),   # inside one month
    (date(2026, 2, 20), date(2026, 3, 10)),   # two partial months, no whole one
    (date(2026, 3, 1), date(2026, 3, 1)),     # one day
    (None, date(2026, 2, 14)),                # open start
    (date(2026, 3, 15), None),                # open end
    (date(2026, 1, 1), date(2026, 12, 31)),   # wider than the history
    (date(2025, 6, 1), date(2025, 6, 30)),    # before the history: all zeros
    (None, None),                             # all time: the totals rollup
]


@pytest.fixture
def history(engine, series):
    store(engine, _history())
    return engine


@pytest.mark.parametrize("date_from,date_to", RANGES)
def test_range_report_equals_the_sum_of_its_days(history, date_from, date_to):
    expected = brute_force(history, date_from, date_to)
    result = report(history, date_from=date_from, date_to=date_to)
    assert (result["from"], result["to"]) == (date_from and str(date_from), date_to and str(date_to))
    for v in result["versions"]:
        got = {(v["locale"], e["number"]): (e["views"], e["unlocks"], e["revenue"]) for e in v["episodes"]}
        want = {key: expected.get(key, (0, 0, Decimal(0))) for key in got}
        assert got == want
        assert v["views"] == sum(views for views, _, _ in want.values())
        assert v["revenue"] == sum((revenue for _, _, revenue in want.values()), Decimal(0))


def test_report_reads_rollups_and_only_the_edge_days(history):
    statements = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))
    event.listen(history, "before_cursor_execute", capture)
    try:
        report(history)
        assert statements and not any("view_daily" in sql for sql, _ in statements)
        assert any("view_totals" in sql for sql, _ in statements)
        statements.clear()
        report(history, date_from=date(2026, 2, 1), date_to=date(2026, 3, 31))  # whole months only
        assert not any("view_daily" in sql for sql, _ in statements)
        assert any("view_monthly" in sql for sql, _ in statements)
    finally:
        event.remove(history, "before_cursor_execute", capture)


@pytest.mark.parametrize("date_from,date_to,months,days", [
    (date(2026, 1, 25), date(2026, 3, 5), (date(2026, 2, 1), date(2026, 3, 1)),
     [(date(2026, 1, 25), date(2026, 1, 31)), (date(2026, 3, 1), date(2026, 3, 5))]),
    (date(2026, 2, 1), date(2026, 2, 28), (date(2026, 2, 1), date(2026, 3, 1)), []),
    (date(2024, 2, 1), date(2024, 2, 29), (date(2024, 2, 1), date(2024, 3, 1)), []),  # leap year
    (date(2026, 12, 15), date(2027, 1, 31), (date(2027, 1, 1), date(2027, 2, 1)),
     [(date(2026, 12, 15), date(2026, 12, 31))]),
    (date(2026, 2, 10), date(2026, 3, 10), None, [(date(2026, 2, 10), date(2026, 3, 10))]),
    (None, date(2026, 2, 14), (None, date(2026, 2, 1)), [(date(2026, 2, 1), date(2026, 2, 14))]),
    (date(2026, 3, 15), None, (date(2026, 4, 1), None), [(date(2026, 3, 15), date(2026, 3, 31))]),
    (date(2026, 3, 1), None, (date(2026, 3, 1), None), []),
])
def test_spans_split_ranges_into_whole_months_and_edge_days(date_from, date_to, months, days):
    assert _spans(date_from, date_to) == (months, days)


def test_a_decade_range_sums_whole_months_and_edge_days(engine, series):
    # A row on the first day of each month for ten years, and one month of daily rows at the end.
    body = "".join(f"{year}-{month:02d}-01,en-US,1,1,0,0\n" for year in range(2016, 2026) for month in range(1, 13))
    body += "".join(f"2026-01-{day:02d},en-US,1,2,0,0\n" for day in range(1, 32))
    store(engine, body)
    with db.session_scope(engine, write=False) as s:
        heir = catalog.get_series(s, "heir")
        result = series_report(s, heir, date_from=date(2016, 1, 15), date_to=date(2026, 1, 10))
    # 2016-02..2025-12 from months (119), 2016-01-15.. and 2026-01-01..10 from days (1 + 10 rows).
    assert result["versions"][0]["episodes"][0]["views"] == 119 + 10 * 2
