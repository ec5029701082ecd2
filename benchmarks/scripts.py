"""Scripts: import an 80-episode season of Fountain files (~60 segments each) with checks, then a
second draft with 10% of the lines changed (the diff that keeps segment ids, and the marking of
the remake's adaptations as outdated).

The floor is fountain-py (the parser behind localize/scripts/formats.py) parsing the same files in
the same run. Floor and measured path alternate over ROUNDS rounds; the script prints the median
and the spread of each, and the median of the per-round ratios.
Run: .venv/bin/python benchmarks/scripts.py   (BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)
"""
from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

# This folder holds http.py: it goes last on the path, or it would shadow the standard `http`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

from fountain import FountainParser  # noqa: E402
from sqlmodel import select  # noqa: E402

from _setup import database_url, prepare  # noqa: E402
from localize import db  # noqa: E402
from localize.catalog import service  # noqa: E402
from localize.catalog.schemas import SeriesCreate, VersionCreate  # noqa: E402
from localize.models import User  # noqa: E402
from localize.scripts import adapt, files  # noqa: E402

EPISODES, SCENES, ROUNDS = 80, 6, 5
PEOPLE = ["ETHAN", "CHLOE", "VICTORIA", "RICHARD", "MARCUS"]
WORDS = ("the heir walks in and nobody breathes while the will is read aloud to a family that lied "
         "about everything since the wedding day").split()


def episode(number: int, changed: set[tuple[int, int]] = frozenset()) -> str:
    """~60 segments: 6 scenes of a heading, two action lines and four speeches with a parenthetical."""
    out = [f"Title: Episode {number}", ""]
    for scene in range(SCENES):
        out += [f"INT. HALE TOWER - ROOM {scene + 1} - NIGHT", ""]
        for line in range(10):
            text = " ".join(WORDS[(number + scene + line + k) % len(WORDS)] for k in range(9)).capitalize() + "."
            if (scene, line) in changed:
                text = "A new draft says this differently, with another beat."
            if line % 5 == 0:
                out += [text, ""]
            else:
                who = PEOPLE[(number + line) % len(PEOPLE)]
                extra = ["(quietly)"] if line % 3 == 0 else []
                out += [who + (" (V.O.)" if line == 9 else ""), *extra, text, ""]
        out += ["CUT TO:", ""]
    return "\n".join(out)


def season(draft: int) -> list[str]:
    # The second draft changes one line in ten of every episode (6 of the 60).
    return [episode(n, {(s, (n + s) % 10) for s in range(SCENES)} if draft == 2 else set())
            for n in range(1, EPISODES + 1)]


def parse_floor(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        FountainParser().parse(text)
    return time.perf_counter() - start


def import_season(engine, slug: str, texts: list[str], author) -> tuple[float, int]:
    """As `localize scripts import` does it: one transaction, each file parsed, diffed, checked, stored."""
    start = time.perf_counter()
    segments = 0
    with db.session_scope(engine) as session:
        series = service.get_series(session, slug)
        original = service.original_version(session, series)
        episodes = {e.number: e for e in service.list_episodes(session, series)}
        for number, text in enumerate(texts, 1):
            result = files.import_file(session, series=series, version=original, episode=episodes[number],
                                       data=text, author=author, enforce_roles=False)
            segments += len(result.segments)
    return time.perf_counter() - start, segments


def main() -> None:
    url = database_url()
    engine = prepare(url, locales=())
    first, second = season(1), season(2)
    with db.session_scope(engine) as session:
        author = session.exec(select(User)).first()
        session.expunge(author)
    floors, imports, reimports, ratios, reratios = [], [], [], [], []
    segments = outdated = 0
    for r in range(ROUNDS):
        slug = f"season-{r}"
        with db.session_scope(engine) as session:
            series = service.create_series(session, SeriesCreate(
                slug=slug, title=slug, original_locale="en-US", episode_count=EPISODES, free_episodes=10,
                unlock_price=Decimal("0.39")))
            service.create_version(session, series, VersionCreate(locale="es-MX", kind="remake"))
        floor = parse_floor(first)
        took, segments = import_season(engine, slug, first, author)
        floors.append(floor)
        imports.append(took)
        ratios.append(took / floor)
        # The remake adapts every episode (untimed), so the second draft has adaptations to mark.
        with db.session_scope(engine) as session:
            series = service.get_series(session, slug)
            remake = service.get_version(session, series, "es-MX")
            for ep in service.list_episodes(session, series):
                adapt.translate_script(session, series=series, version=remake, episode=ep, author=author,
                                       enforce_roles=False)
        floor2 = parse_floor(second)
        took2, _ = import_season(engine, slug, second, author)
        reimports.append(took2)
        reratios.append(took2 / floor2)
        with engine.connect() as conn:
            from sqlalchemy import text
            outdated = conn.execute(text(
                "SELECT count(*) FROM script_segments s JOIN scripts c ON c.id = s.script_id "
                "JOIN market_versions v ON v.id = c.version_id JOIN series x ON x.id = v.series_id "
                "WHERE x.slug = :slug AND s.outdated"), {"slug": slug}).scalar_one()

    def show(name, values, unit="s"):
        med = statistics.median(values)
        print(f"{name:44} median {med:8.3f} {unit}   spread {min(values):.3f}-{max(values):.3f}")

    print(f"database: {engine.dialect.name}; {EPISODES} episodes, {segments // EPISODES} segments each; "
          f"{ROUNDS} rounds, floor and path alternating")
    show("floor   fountain-py parse only", floors)
    show("season  parse + diff + checks + store", imports)
    print(f"{'ratio   season / floor':44} median {statistics.median(ratios):8.2f} x   "
          f"spread {min(ratios):.2f}-{max(ratios):.2f}")
    show("draft 2 10% changed: diff, keep ids, outdated", reimports)
    print(f"{'ratio   draft 2 / floor':44} median {statistics.median(reratios):8.2f} x   "
          f"spread {min(reratios):.2f}-{max(reratios):.2f}")
    print(f"adaptations marked outdated by draft 2: {outdated} (6 changed lines x {EPISODES} episodes)")


if __name__ == "__main__":
    main()
