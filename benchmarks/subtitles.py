"""Import, check and store a whole 80-episode season (80 VTT files of 40 cues), then export it.

Prints seconds and the ratio to webvtt-py alone parsing the same files in the same run: floor and
path alternate over BENCH_ROUNDS (default 5) rounds, each on a new series; the script prints the
median and spread of each and the median of the per-round ratios.
Aim: the season in well under a second on a 2-core machine, at no more than 3x the bare parse.
Run: .venv/bin/python benchmarks/subtitles.py   (BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)
"""
from __future__ import annotations

import io
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

# This folder holds http.py: it goes last on the path, or it would shadow the standard `http`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import webvtt  # noqa: E402
from sqlmodel import select  # noqa: E402

from _setup import database_url, prepare  # noqa: E402
from localize import db  # noqa: E402
from localize.catalog import service  # noqa: E402
from localize.catalog.schemas import SeriesCreate, VersionCreate  # noqa: E402
from localize.models import User  # noqa: E402
from localize.subtitles import season, tracks  # noqa: E402

EPISODES, CUES = 80, 40
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
LINES = ["¿Dónde estabas anoche?", "<i>No puedo decírtelo.</i>", "Mateo, mírame.",
         "Tu padre lo sabía todo", "desde el principio."]


def season_files() -> list[bytes]:
    files = []
    for episode in range(1, EPISODES + 1):
        parts = ["WEBVTT", ""]
        for n in range(CUES):
            start = n * 2200
            parts += [f"{n + 1}", f"{_ts(start)} --> {_ts(start + 1900)}",
                      LINES[(n + episode) % 5], LINES[(n + episode + 1) % 5], ""]
        files.append("\n".join(parts).encode())
    return files


def _ts(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def main() -> None:
    url = database_url()
    engine = prepare(url)
    files = season_files()
    with db.session_scope(engine) as session:
        author = session.exec(select(User)).first()
        session.expunge(author)

    floors, imports, per_files, exports = [], [], [], []
    findings = count = 0
    for r in range(ROUNDS):
        slug = f"season-{r}"
        with db.session_scope(engine) as session:
            series = service.create_series(session, SeriesCreate(
                slug=slug, title=slug, original_locale="en-US", episode_count=EPISODES, free_episodes=10,
                unlock_price=Decimal("0.39")))
            for locale in ("es-MX", "fr"):
                service.create_version(session, series, VersionCreate(locale=locale, kind="subtitled"))
        with db.session_scope(engine) as session:
            series = service.get_series(session, slug)
            version = service.get_version(session, series, "es-MX")
            per_file_version = service.get_version(session, series, "fr")
            episodes = {e.number: e for e in service.list_episodes(session, series)}

        # Floor: webvtt-py alone parsing the same bytes, then the measured paths, round after round.
        floors.append(_parse_all(files))

        # Season import, as `localize subtitles import` does it: one transaction, set-based writes.
        start = time.perf_counter()
        with db.session_scope(engine) as session:
            outcome = season.import_many(session, series=series, version=version, language="es-MX",
                                         files=[(f"ep{n:02d}.vtt", n, data) for n, data in enumerate(files, 1)],
                                         author=author)
        imports.append(time.perf_counter() - start)
        findings = sum(len(result.findings) for _, _, result in outcome.imported)
        assert len(outcome.imported) == EPISODES and not outcome.refused

        # The same season file by file, one transaction each, as 80 API uploads would.
        start = time.perf_counter()
        for number, data in enumerate(files, 1):
            with db.session_scope(engine) as session:
                tracks.import_file(session, series=series, version=per_file_version, episode=episodes[number],
                                   language="es-MX", data=data, author=author)
        per_files.append(time.perf_counter() - start)

        start = time.perf_counter()
        with db.session_scope(engine, write=False) as session:
            archive, count = tracks.export_version(session, version, "es-MX", "vtt")
        exports.append(time.perf_counter() - start)

    cues = EPISODES * CUES

    def show(name, values, floor_ratio=True):
        med = statistics.median(values)
        line = f"{name:36} median {med:7.3f} s  spread {min(values):.3f}-{max(values):.3f}  {cues / med:10,.0f} cues/s"
        if floor_ratio:
            ratios = [v / f for v, f in zip(values, floors)]
            line += f"  ratio {statistics.median(ratios):5.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"
        print(line)

    print(f"database: {engine.dialect.name}; {ROUNDS} rounds, floor and path alternating; ratios per round, median (spread)")
    print(f"season: {EPISODES} files x {CUES} cues = {cues} cues, {findings} QC findings")
    show("floor   webvtt-py parse only", floors, False)
    show("season  parse + QC + store (CLI)", imports)
    show("api     80 uploads, one per request", per_files)
    show(f"export  {count} tracks to a VTT zip", exports, False)
    totals = [i + e for i, e in zip(imports, exports)]
    show("total   season import + export", totals, False)


def _parse_all(files: list[bytes]) -> float:
    start = time.perf_counter()
    for data in files:
        webvtt.from_buffer(io.StringIO(data.decode("utf-8")))
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
