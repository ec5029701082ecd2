"""Ingest daily view counts: streamed, validated whole, upserted, rollups recomputed.

A batch is all or nothing: rows are written as they are validated, inside the caller's
transaction, and the caller rolls back when `RowsRejected` comes at the end. Sending a
(date, locale, episode) again replaces that day's row, so re-ingesting never counts twice.

Rollups (per month, and all-time per episode) are recomputed from the daily rows of the
months a batch touched, rather than adjusted by deltas: they are then exact by construction,
and a daily feed touches one month, so the work stays small.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import islice

from sqlalchemy import bindparam, text
from sqlalchemy.exc import DataError, OperationalError
from sqlmodel import Session

from localize.catalog import service as catalog
from localize import signals
from localize.catalog.settings import effective_settings
from localize.errors import ValidationFailed
from localize.models import Series
from localize.reports.rows import validate_rows

CHUNK = 20_000


@dataclass
class IngestResult:
    rows: int
    inserted: int
    replaced: int
    months: int


def ingest(session: Session, series: Series, raw_rows: Iterable[tuple[int, Mapping]], *,
           progress: Callable[[int], None] | None = None) -> IngestResult:
    """Validate and store view rows for a series; raises RowsRejected (store nothing) on any bad row."""
    versions = catalog.list_versions(session, series)
    ranges = {v.locale: effective_settings(series, v).episode_count for v in versions}
    version_ids = {v.locale: v.id for v in versions}
    conn = session.connection()
    writer = _SqliteWriter(conn) if conn.dialect.name == "sqlite" else _PostgresWriter(conn)

    total = 0
    before = _stored_rows(conn, version_ids.values()) if writer.inserted is None else 0
    keys: set[tuple[date, str]] = set()  # every (day, locale) written, filled once the batch is valid
    build = writer.builder(version_ids)
    valid = validate_rows(raw_rows, episode_ranges=ranges, build=build, keys=keys)
    # Chunks are cut by islice, in C, rather than by a Python loop over every row.
    for chunk in iter(lambda: list(islice(valid, CHUNK)), []):
        total += _flush(writer, chunk, progress)
    touched: dict[int, set[date]] = {}       # version id -> first days of the months written
    for day, locale in keys:
        touched.setdefault(version_ids[locale], set()).add(day.replace(day=1))
    writer.finish()
    try:
        months = _recompute_rollups(conn, touched)
        fits = _totals_fit(conn, touched)
    except (OperationalError, DataError) as exc:
        # Each row is in range, but their sum is not: SQLite raises "integer overflow",
        # PostgreSQL "bigint out of range". Nothing is stored: the caller rolls back.
        if "overflow" not in str(exc) and "out of range" not in str(exc):
            raise
        fits = False
    if not fits:
        raise ValidationFailed(
            "the counts are too large: with what is stored, a total would pass 9,223,372,036,854,775,807",
            [{"field": "rows", "message": "totals would overflow a 64-bit integer"}])
    # Rows are only added or replaced, never removed: on SQLite (one writer at a time) the growth
    # of the stored row count is what was new; the rollups carry that count, so this costs
    # O(episodes), not O(history). PostgreSQL's upsert counts its own inserts.
    inserted = writer.inserted if writer.inserted is not None else _stored_rows(conn, version_ids.values()) - before
    bump_generation(conn, series.id)
    signals.imported.send("views", files=1, rows=total)
    return IngestResult(rows=total, inserted=inserted, replaced=total - inserted, months=months)


def bump_generation(conn, series_id: int) -> None:
    """Raise the series' view-count generation (view_state): what report caches and ETags key on."""
    conn.execute(text("INSERT INTO view_state (series_id, generation) VALUES (:s, 1) ON CONFLICT (series_id) "
                      "DO UPDATE SET generation = view_state.generation + 1"), {"s": series_id})


def _flush(writer, chunk: list[tuple], progress) -> int:
    if not chunk:
        return 0
    writer.write(chunk)
    count = len(chunk)
    chunk.clear()
    if progress:
        progress(count)
    return count


def _stored_rows(conn, version_ids) -> int:
    query = text("SELECT COALESCE(SUM(day_rows), 0) FROM view_totals WHERE version_id IN :ids")
    ids = list(version_ids)
    if not ids:
        return 0
    return int(conn.execute(query.bindparams(bindparam("ids", expanding=True)), {"ids": ids}).scalar_one())


class _SqliteWriter:
    """Upserts straight through the sqlite3 driver: the same path as the raw floor."""

    inserted = None  # counted from the rollups (BEGIN IMMEDIATE: no other writer meanwhile)

    SQL = ("INSERT INTO view_daily (version_id, day, episode, views, unlocks, revenue_e4) VALUES (?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (version_id, day, episode) DO UPDATE SET views = excluded.views, "
           "unlocks = excluded.unlocks, revenue_e4 = excluded.revenue_e4")

    def __init__(self, conn):
        self.cursor = conn.connection.dbapi_connection.cursor()
        self._iso: dict[date, str] = {}

    def builder(self, version_ids: dict[str, int]):
        """What validate_rows builds for each row: the upsert's parameters."""
        iso = self._iso

        def build(day: date, locale: str, episode: int, views: int, unlocks: int, revenue) -> tuple:
            # SQLAlchemy stores SQLite dates as ISO text: write them the same way (cached: a batch
            # repeats each day hundreds of times). Revenue in ten-thousandths; rows.py allows 4 places.
            text_day = iso.get(day)
            if text_day is None:
                text_day = iso[day] = day.isoformat()
            return (version_ids[locale], text_day, episode, views, unlocks, int(revenue.scaleb(4)))
        return build

    def write(self, chunk: list[tuple]) -> None:
        self.cursor.executemany(self.SQL, chunk)

    def finish(self) -> None:
        self.cursor.close()


class _PostgresWriter:
    """COPY into a temporary table, then one set-based upsert: PostgreSQL's fastest path."""

    def __init__(self, conn):
        self.conn = conn
        self.inserted = 0
        conn.execute(text("CREATE TEMP TABLE IF NOT EXISTS view_staging (version_id integer, day date, "
                          "episode integer, views bigint, unlocks bigint, revenue_e4 bigint) ON COMMIT DROP"))
        conn.execute(text("TRUNCATE view_staging"))
        self.cursor = conn.connection.dbapi_connection.cursor()

    @staticmethod
    def builder(version_ids: dict[str, int]):
        """What validate_rows builds for each row: a COPY row."""
        def build(day: date, locale: str, episode: int, views: int, unlocks: int, revenue) -> tuple:
            return (version_ids[locale], day, episode, views, unlocks, int(revenue.scaleb(4)))
        return build

    def write(self, chunk: list[tuple]) -> None:
        with self.cursor.copy("COPY view_staging (version_id, day, episode, views, unlocks, revenue_e4) FROM STDIN") as copy:
            for row in chunk:
                copy.write_row(row)

    def finish(self) -> None:
        self.cursor.close()
        # xmax = 0 marks a row this statement inserted (an updated row carries our transaction id):
        # the count stays true while other imports run, where before/after row counts do not.
        self.inserted = self.conn.execute(text(
            "WITH up AS (INSERT INTO view_daily (version_id, day, episode, views, unlocks, revenue_e4) "
            "SELECT version_id, day, episode, views, unlocks, revenue_e4 FROM view_staging "
            "ON CONFLICT (version_id, day, episode) DO UPDATE SET views = excluded.views, "
            "unlocks = excluded.unlocks, revenue_e4 = excluded.revenue_e4 RETURNING (xmax = 0) AS inserted) "
            "SELECT COUNT(*) FILTER (WHERE inserted) FROM up")).scalar_one()
        self.conn.execute(text("TRUNCATE view_staging"))


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _totals_fit(conn, touched: dict[int, set[date]]) -> bool:
    """Whether every touched version's all-time sums (what a report adds up) fit a 64-bit integer."""
    if not touched:
        return True
    too_big = conn.execute(text(
        "SELECT version_id FROM view_totals WHERE version_id IN :ids GROUP BY version_id "
        "HAVING SUM(views) > :max OR SUM(unlocks) > :max OR SUM(revenue_e4) > :max")
        .bindparams(bindparam("ids", expanding=True)), {"ids": list(touched), "max": 2**63 - 1}).first()
    return too_big is None


def _recompute_rollups(conn, touched: dict[int, set[date]]) -> int:
    """Rebuild the monthly rollups of the touched months, then the all-time totals of their versions."""
    # SQLAlchemy keeps SQLite dates as ISO text; bind them the same way there.
    as_param = (lambda d: d.isoformat()) if conn.dialect.name == "sqlite" else (lambda d: d)
    pairs = [{"v": vid, "m": as_param(month), "n": as_param(_next_month(month))}
             for vid, months in touched.items() for month in sorted(months)]
    if not pairs:
        return 0
    conn.execute(text("DELETE FROM view_monthly WHERE version_id = :v AND month = :m"),
                 [{"v": p["v"], "m": p["m"]} for p in pairs])
    conn.execute(text(
        "INSERT INTO view_monthly (version_id, month, episode, day_rows, views, unlocks, revenue_e4) "
        "SELECT version_id, :m, episode, COUNT(*), SUM(views), SUM(unlocks), SUM(revenue_e4) FROM view_daily "
        "WHERE version_id = :v AND day >= :m AND day < :n GROUP BY version_id, episode"), pairs)
    versions = [{"v": vid} for vid in touched]
    conn.execute(text("DELETE FROM view_totals WHERE version_id = :v"), versions)
    conn.execute(text(
        "INSERT INTO view_totals (version_id, episode, day_rows, views, unlocks, revenue_e4) "
        "SELECT version_id, episode, SUM(day_rows), SUM(views), SUM(unlocks), SUM(revenue_e4) FROM view_monthly "
        "WHERE version_id = :v GROUP BY version_id, episode"), versions)
    return len(pairs)
