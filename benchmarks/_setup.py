"""Shared set-up for benchmarks: a migrated database with a series, outside the test suite."""
from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager
from decimal import Decimal

from localize import db
from localize.catalog import service
from localize.catalog.schemas import SeriesCreate, VersionCreate
from localize.users.service import create_user


def database_url() -> str:
    """BENCH_DATABASE_URL, else a new SQLite file in a temporary folder."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tempfile.mkdtemp(prefix='localize-bench-')}/bench.sqlite3"


def prepare(url: str, *, locales=("es-MX", "pt-BR", "fr", "de", "it"), episodes: int = 80):
    """Migrate, then create a series with an original and the given versions; returns the engine."""
    if url.startswith("postgresql"):
        from sqlalchemy import text
        # A fresh connection: dropping pg_trgm's functions from a backend that has used them fails
        # with "cache lookup failed for function" (the second round of views.py did).
        db.get_engine(url).dispose()
        with db.get_engine(url).begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.upgrade(url)
    engine = db.get_engine(url)
    with db.session_scope(engine) as session:
        series = service.create_series(session, SeriesCreate(
            slug="bench", title="Bench", original_locale="en-US", episode_count=episodes,
            free_episodes=10, unlock_price=Decimal("0.39")))
        for i, locale in enumerate(locales):
            service.create_version(session, series, VersionCreate(
                locale=locale, kind=("remake", "dub", "subtitled")[i % 3]))
        create_user(session, email="bench@example.test", role="lead")
    return engine


@contextmanager
def timed(results: dict, name: str):
    start = time.perf_counter()
    yield
    results[name] = time.perf_counter() - start


def best_of(n: int, fn) -> float:
    """The fastest of n runs: the least disturbed by other work on a shared machine."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
