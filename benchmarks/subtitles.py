"""Import, check and store a whole 80-episode season (80 VTT files of 40 cues), then export it.

Prints seconds and the ratio to webvtt-py alone parsing the same files in the same run.
Aim: the season in well under a second on a 2-core machine, at no more than 3x the bare parse.
Run: .venv/bin/python benchmarks/subtitles.py   (BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)
"""
from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import webvtt  # noqa: E402
from sqlmodel import select  # noqa: E402

from _setup import database_url, prepare  # noqa: E402
from localize import db  # noqa: E402
from localize.catalog import service  # noqa: E402
from localize.models import User  # noqa: E402
from localize.subtitles import season, tracks  # noqa: E402

EPISODES, CUES = 80, 40
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

    # Floor: webvtt-py alone parsing the same bytes (best of 3).
    floor = min(_parse_all(files) for _ in range(3))

    with db.session_scope(engine) as session:
        series = service.get_series(session, "bench")
        version = service.get_version(session, series, "es-MX")
        episodes = {e.number: e for e in service.list_episodes(session, series)}
        author = session.exec(select(User)).first()

    # Season import, as `localize subtitles import` does it: one transaction, set-based writes.
    start = time.perf_counter()
    with db.session_scope(engine) as session:
        outcome = season.import_many(session, series=series, version=version, language="es-MX",
                                     files=[(f"ep{n:02d}.vtt", n, data) for n, data in enumerate(files, 1)],
                                     author=author)
    imported = time.perf_counter() - start
    findings = sum(len(result.findings) for _, _, result in outcome.imported)
    assert len(outcome.imported) == EPISODES and not outcome.refused

    # The same season file by file, one transaction each, as 80 API uploads would (fresh version).
    per_file_version = service.get_version(session, series, "fr")
    start = time.perf_counter()
    for number, data in enumerate(files, 1):
        with db.session_scope(engine) as session:
            tracks.import_file(session, series=series, version=per_file_version, episode=episodes[number],
                               language="es-MX", data=data, author=author)
    per_file = time.perf_counter() - start

    start = time.perf_counter()
    with db.session_scope(engine, write=False) as session:
        archive, count = tracks.export_version(session, version, "es-MX", "vtt")
    exported = time.perf_counter() - start

    cues = EPISODES * CUES
    print(f"database: {engine.dialect.name}")
    print(f"season: {EPISODES} files x {CUES} cues = {cues} cues, {findings} QC findings")
    print(f"floor   webvtt-py parse only        {floor:8.3f} s  {cues / floor:10,.0f} cues/s")
    print(f"season  parse + QC + store (CLI)    {imported:8.3f} s  {cues / imported:10,.0f} cues/s"
          f"  ratio {imported / floor:5.2f}x floor")
    print(f"api     80 uploads, one per request {per_file:8.3f} s  {cues / per_file:10,.0f} cues/s"
          f"  ratio {per_file / floor:5.2f}x floor")
    print(f"export  {count} tracks to a VTT zip      {exported:8.3f} s  {cues / exported:10,.0f} cues/s")
    print(f"total   season import + export      {imported + exported:8.3f} s")


def _parse_all(files: list[bytes]) -> float:
    start = time.perf_counter()
    for data in files:
        webvtt.from_buffer(io.StringIO(data.decode("utf-8")))
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
