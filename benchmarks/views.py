"""Ingest 1,000,000 daily view rows from a CSV file, then time a series report at 1 and 10 years.

Ingest goes through `localize.reports.ingest.ingest` with `iter_csv_rows` (validation, upsert,
rollups), one transaction, as `localize views import` does. The floor, in the same run: raw
`sqlite3` `executemany` upserting the same rows, already parsed into tuples, into a table with the
same unique key (version_id, day, episode), in one transaction. Ingest and floor alternate over
BENCH_ROUNDS rounds (default 5); the script prints the median and spread of each and of the per-round ratios.

The report: `series_report` for a series of 6 versions x 80 episodes with 1 year and with 10 years
of daily history, all time and over one calendar month (and over 30 days across a month edge),
the median (and spread) of 15 runs, each in its own session as a request would.
On PostgreSQL it also times that database's own floor in each round: raw psycopg COPY of the parsed rows
into a temporary table plus one INSERT .. ON CONFLICT, and prints the ingest's ratio to it.
Aim: ingest within 2x of the floor; the report under 50 ms, at most 1.5x slower with 10x history.
Run: .venv/bin/python benchmarks/views.py   (BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)
"""
from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

# This folder holds http.py: it goes last on the path, or it would shadow the standard `http`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

from _setup import database_url, prepare  # noqa: E402
from localize import db  # noqa: E402
from localize.catalog import service  # noqa: E402
from localize.catalog.schemas import SeriesCreate, VersionCreate  # noqa: E402
from localize.reports.ingest import ingest  # noqa: E402
from localize.reports.report import series_report  # noqa: E402
from localize.reports.rows import iter_csv_rows  # noqa: E402

ROWS = 1_000_000
EPISODES = 80
LOCALES = ("en-US", "es-MX", "pt-BR", "fr", "de", "it")  # the original and the 5 versions of _setup
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
UPSERT = ("INSERT INTO view_daily VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version_id, day, episode) "
          "DO UPDATE SET views = excluded.views, unlocks = excluded.unlocks, revenue_e4 = excluded.revenue_e4")


def daily_rows(first: date, count: int):
    """Yield (day, locale, episode, views, unlocks, revenue) for `count` rows: every market, every episode, day after day."""
    n, day = 0, first
    while True:
        for m, locale in enumerate(LOCALES):
            audience = 40_000 // (m + 1) + day.toordinal() % 97
            for episode in range(1, EPISODES + 1):
                if n == count:
                    return
                views = audience * (100 - episode) // 100
                unlocks = views * 8 // 10 if episode > 10 else 0
                yield day.isoformat(), locale, episode, views, unlocks, f"{unlocks * 39 // 100}.{unlocks * 39 % 100:02d}"
                n += 1
        day += timedelta(days=1)


def write_csv(path: Path) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(("date", "locale", "episode", "views", "unlocks", "revenue"))
        writer.writerows(daily_rows(date(2020, 1, 1), ROWS))


def time_ingest(engine, path: Path) -> tuple[tuple[float, float], object]:
    """Return ((wall s, CPU s), result): CPU time is steadier on a shared machine."""
    start, cpu = time.perf_counter(), time.process_time()
    with db.session_scope(engine) as session, path.open(newline="", encoding="utf-8") as fh:
        result = ingest(session, service.get_series(session, "bench"), iter_csv_rows(fh))
    return (time.perf_counter() - start, time.process_time() - cpu), result


def parsed_rows(path: Path, ids: dict[str, int], *, dates: bool = False) -> list[tuple]:
    """The CSV's rows as the tuples a floor writes (days as text for SQLite, as dates for PostgreSQL)."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        as_day = date.fromisoformat if dates else str
        return [(ids[locale], as_day(day), int(ep), int(views), int(unlocks), int(Decimal(revenue).scaleb(4)))
                for day, locale, ep, views, unlocks, revenue in reader]


PG_TABLE = ("CREATE TABLE bench_floor_daily (version_id integer NOT NULL, day date NOT NULL, episode integer NOT NULL, "
            "views bigint NOT NULL, unlocks bigint NOT NULL, revenue_e4 bigint NOT NULL, "
            "PRIMARY KEY (version_id, day, episode))")


def time_floor_pg(url: str, rows: list[tuple]) -> tuple[float, float]:
    """Raw psycopg: COPY the parsed rows into a temporary table, then one set-based upsert, one transaction."""
    import psycopg
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as con:
        con.execute("DROP TABLE IF EXISTS bench_floor_daily")
        con.execute(PG_TABLE)
        con.commit()
        start, cpu = time.perf_counter(), time.process_time()
        with con.transaction():
            con.execute("CREATE TEMP TABLE floor_staging (version_id integer, day date, episode integer, views bigint, "
                        "unlocks bigint, revenue_e4 bigint) ON COMMIT DROP")
            with con.cursor().copy("COPY floor_staging FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            con.execute("INSERT INTO bench_floor_daily SELECT * FROM floor_staging ON CONFLICT (version_id, day, episode) "
                        "DO UPDATE SET views = excluded.views, unlocks = excluded.unlocks, revenue_e4 = excluded.revenue_e4")
        elapsed = time.perf_counter() - start, time.process_time() - cpu
        con.execute("DROP TABLE bench_floor_daily")
    return elapsed


def time_floor(path: Path, ids: dict[str, int], folder: Path) -> tuple[float, float]:
    """Raw sqlite3: the same rows, parsed beforehand, upserted in one transaction."""
    rows = parsed_rows(path, ids)
    target = folder / f"floor-{time.monotonic_ns()}.sqlite3"
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")  # the app's settings (localize/db.py)
    con.execute("CREATE TABLE view_daily (version_id INTEGER NOT NULL, day DATE NOT NULL, episode INTEGER NOT NULL, "
                "views BIGINT NOT NULL, unlocks BIGINT NOT NULL, revenue_e4 BIGINT NOT NULL, "
                "PRIMARY KEY (version_id, day, episode))")
    start, cpu = time.perf_counter(), time.process_time()
    con.execute("BEGIN")
    con.executemany(UPSERT, rows)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    con.close()
    return elapsed


def add_series(engine, slug: str, days: int, last: date) -> int:
    """A series like _setup's "bench" with `days` days of history ending on `last`; returns the row count."""
    with db.session_scope(engine) as session:
        series = service.create_series(session, SeriesCreate(
            slug=slug, title=slug.title(), original_locale="en-US", episode_count=EPISODES,
            free_episodes=10, unlock_price=Decimal("0.39")))
        for i, locale in enumerate(LOCALES[1:]):
            service.create_version(session, series, VersionCreate(locale=locale, kind=("remake", "dub", "subtitled")[i % 3]))
    count = days * len(LOCALES) * EPISODES
    rows = ((n, dict(zip(("date", "locale", "episode", "views", "unlocks", "revenue"), map(str, row))))
            for n, row in enumerate(daily_rows(last - timedelta(days=days - 1), count), start=1))
    with db.session_scope(engine) as session:
        ingest(session, service.get_series(session, slug), rows)
    return count


def time_report(engine, slug: str, date_from=None, date_to=None) -> list[float]:
    def run():
        with db.session_scope(engine, write=False) as session:
            series_report(session, service.get_series(session, slug), date_from=date_from, date_to=date_to)
    run()  # warm the caches once
    times = []
    for _ in range(15):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="localize-bench-views-"))
    path = folder / "views.csv"
    write_csv(path)
    ingests, floors, pg_floors = [], [], []
    for _ in range(ROUNDS):
        url = database_url()
        engine = prepare(url, locales=LOCALES[1:], episodes=EPISODES)
        elapsed, result = time_ingest(engine, path)
        ingests.append(elapsed)
        with db.session_scope(engine, write=False) as session:
            ids = {v.locale: v.id for v in service.list_versions(session, service.get_series(session, "bench"))}
        floors.append(time_floor(path, ids, folder))
        if not url.startswith("sqlite"):  # PostgreSQL's own floor, in the same round
            pg_floors.append(time_floor_pg(url, parsed_rows(path, ids, dates=True)))
        if url.startswith("sqlite") and len(ingests) < ROUNDS:  # keep the last database for the reports
            engine.dispose()
            shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)
    med = statistics.median
    ingest_s, ingest_cpu = med(i[0] for i in ingests), med(i[1] for i in ingests)
    floor_s, floor_cpu = med(f[0] for f in floors), med(f[1] for f in floors)
    ratios = [i[0] / f[0] for i, f in zip(ingests, floors)]
    cpu_ratios = [i[1] / f[1] for i, f in zip(ingests, floors)]

    last = date(2025, 12, 31)
    year_rows = add_series(engine, "year", 365, last)
    decade_rows = add_series(engine, "decade", 3650, last)
    ranges = [("all time (view_totals)", None, None),
              ("one month 2025-11-01..11-30", date(2025, 11, 1), date(2025, 11, 30)),
              ("30 days 2025-11-15..12-14", date(2025, 11, 15), date(2025, 12, 14))]
    timings = [(label, time_report(engine, "year", a, b), time_report(engine, "decade", a, b)) for label, a, b in ranges]

    size_mb = path.stat().st_size / 1e6
    print(f"database: {engine.dialect.name}   (median of {ROUNDS} rounds, ingest and floor alternating; floor: raw sqlite3)")
    print(f"{'':52}{'wall':>10}{'rows/s':>12}{'CPU':>10}")
    print(f"ingest  {result.rows:,} rows from a {size_mb:.1f} MB CSV".ljust(52)
          + f"{ingest_s:8.3f} s{result.rows / ingest_s:12,.0f}{ingest_cpu:8.3f} s   ({result.months} month rollups)")
    print("floor   raw sqlite3 executemany upsert, same rows".ljust(52)
          + f"{floor_s:8.3f} s{ROWS / floor_s:12,.0f}{floor_cpu:8.3f} s")
    print("ratio   ingest / floor   (aim: <= 2x)".ljust(52)
          + f"{med(ratios):8.2f}x {'':11}{med(cpu_ratios):8.2f}x")
    print(f"        per-round spread: wall {min(ratios):.2f}-{max(ratios):.2f}x, CPU {min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}x")
    if pg_floors:
        pg_ratios = [i[0] / f[0] for i, f in zip(ingests, pg_floors)]
        pg_s = med(f[0] for f in pg_floors)
        print("floor   psycopg COPY + one set-based upsert".ljust(52)
              + f"{pg_s:8.3f} s{ROWS / pg_s:12,.0f}{med(f[1] for f in pg_floors):8.3f} s")
        print("ratio   ingest / PostgreSQL floor".ljust(52)
              + f"{med(pg_ratios):8.2f}x    (per-round spread {min(pg_ratios):.2f}-{max(pg_ratios):.2f}x; "
              "CPU is mostly the server's, so only wall time compares)")
    print()
    print(f"report  series of {len(LOCALES)} versions x {EPISODES} episodes   1 year ({year_rows:,} daily rows)"
          f"   10 years ({decade_rows:,})   10y / 1y")
    for label, years, decades in timings:
        year_s, decade_s = med(years), med(decades)
        print(f"        {label:<30} {year_s * 1000:10.2f} ms {decade_s * 1000:21.2f} ms {decade_s / year_s:10.2f}x"
              f"   (spread {min(years) * 1000:.1f}-{max(years) * 1000:.1f} / {min(decades) * 1000:.1f}-{max(decades) * 1000:.1f} ms)")
    print("        (aim: < 50 ms, <= 1.5x)")
    engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    if engine.dialect.name == "sqlite":
        shutil.rmtree(Path(engine.url.database).parent, ignore_errors=True)


if __name__ == "__main__":
    main()
