"""Translation memory: 100,000 entries, then lookups of new text beside a plain rapidfuzz scan.

The memory holds 100,000 generated dialogue lines (en-US -> es-MX: 3-14 words drawn with Zipf's
law from a vocabulary of common dialogue words and a long tail of rarer ones). Each lookup asks for a line
the memory does not hold: a remembered line with a word changed, added or dropped (so fuzzy
matches exist), or a fresh one. The floor is rapidfuzz.process.extract over the 100,000 scored
sources, kept in memory. Floor and store.lookup alternate over ROUNDS rounds of LOOKUPS lookups
(1,000 in all); the script prints the median and 95th percentile of each, and the median of the
per-round ratios (scan / lookup) with their spread. Then the pre-translation of an 80-episode
version end to end beside the floor of creating the same scripts and tracks without memory.
Run: .venv/bin/python benchmarks/memory.py   (BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL;
BENCH_MEMORY_ENTRIES=5000 for a quick look)
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

# This folder holds http.py: it goes last on the path, or it would shadow the standard `http`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

from rapidfuzz import fuzz, process  # noqa: E402
from sqlmodel import select  # noqa: E402

from _setup import database_url, prepare  # noqa: E402
from localize import db  # noqa: E402
from localize.memory import store  # noqa: E402
from localize.memory import text as tm_text  # noqa: E402
from localize.signals import SavedTranslation  # noqa: E402

ENTRIES, ROUNDS, LOOKUPS = int(os.environ.get("BENCH_MEMORY_ENTRIES", 100_000)), 5, 200
# Dialogue words by frequency: the common ones first, then a long tail of rarer words (made-up, by
# syllables), drawn with Zipf's law as real subtitles' words are (a few words make most of the text,
# most words are rare).
COMMON = ("I you the to a it is that what me and don't no he my this we your not in be do of have know "
          "was she for are on can just it's get all with want him her so here they there go why now "
          "can't think tell about right if come how yes did will one take his been need at did never "
          "father mother heir will money wedding company family truth tonight lawyer contract brother").split()
NAMES = ["Ethan", "Chloe", "Victoria", "Richard", "Marcus", "Nathaniel", "Grace", "Helen", "Tom", "Ava"]
SYLLABLES = ("ka lo mi ren dor sa vel tri ne pa gor li am bre ton cu shi var mel os fin da re quo ist el "
             "an ber cal dun").split()


def vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    words = list(dict.fromkeys(COMMON + NAMES))
    tail: dict[str, None] = {}
    while len(tail) < size:
        tail["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    words += [w for w in tail if w not in words]
    weights, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += rank ** -1.07
        weights.append(total)
    return words, weights


def line(rng: random.Random, vocab) -> str:
    words, cumulative = vocab
    text = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(3, 14)))
    return text[0].upper() + text[1:] + rng.choice([".", ".", "!", "?", "..."])


def seed(engine, rng: random.Random, vocab) -> list[str]:
    sources: dict[str, None] = {}
    while len(sources) < ENTRIES:
        sources[line(rng, vocab)] = None
    texts = list(sources)
    with db.session_scope(engine) as session:
        for start in range(0, ENTRIES, 5000):
            store.remember(session, [SavedTranslation("en-US", "es-MX", t, f"[es] {t}", "subtitles", series="bench",
                                                      version="es-MX", episode=1 + n % 80)
                                     for n, t in enumerate(texts[start:start + 5000], start)], author=None)
    return texts


def new_text(rng: random.Random, known: list[str], held: set[str], vocab) -> str:
    """A line the memory does not hold: mostly a remembered one with a word changed, added or dropped."""
    while True:
        if rng.random() < 0.25:
            text = line(rng, vocab)
        else:
            words = rng.choice(known).split()
            at = rng.randrange(len(words))
            change = rng.random()
            if change < 0.4:
                words[at] = rng.choice(NAMES + COMMON)
            elif change < 0.7:
                words.insert(at, rng.choice(["really", "now", "still", "never", "all"]))
            elif len(words) > 3:
                del words[at]
            text = " ".join(words)
        if text not in held:
            return text


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    rng = random.Random(10)
    url = database_url()
    engine = prepare(url, locales=())
    start = time.perf_counter()
    vocab = vocabulary(rng)
    known = seed(engine, rng, vocab)
    if engine.dialect.name == "postgresql":
        # After a bulk load the planner needs statistics (autovacuum takes them later): without them it
        # walks the length index for an exact match (~270 ms here) and scans the table for an id range.
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE memory_entries")
    print(f"database: {engine.dialect.name}; {ENTRIES:,} memory entries remembered in "
          f"{time.perf_counter() - start:.1f} s; {ROUNDS} rounds of {LOOKUPS} lookups, floor and lookup alternating")
    held = set(known)
    keys = [tm_text.key(t) for t in known]  # the floor scans the scored sources, as the store scores them
    floors, lookups, ratios, found, same_best = [], [], [], 0, 0
    with db.session_scope(engine) as session:
        for _ in range(ROUNDS):
            queries = [new_text(rng, known, held, vocab) for _ in range(LOOKUPS)]
            floor_round, lookup_round = [], []
            for query in queries:
                t0 = time.perf_counter()
                scan = process.extract(tm_text.key(query), keys, scorer=fuzz.ratio,
                                       score_cutoff=tm_text.DEFAULT_THRESHOLD, limit=store.DEFAULT_LIMIT)
                t1 = time.perf_counter()
                matches = store.lookup(session, source_locale="en-US", target_locale="es-MX", text=query)
                t2 = time.perf_counter()
                floor_round.append(t1 - t0)
                lookup_round.append(t2 - t1)
                found += bool(matches)
                # Recall: the prefilter kept the scan's best score (the scan sees every entry).
                best_scan = min(99, int(scan[0][1])) if scan else None
                same_best += best_scan == (matches[0].score if matches else None)
            floors += floor_round
            lookups += lookup_round
            ratios.append(statistics.median(floor_round) / statistics.median(lookup_round))

    def show(name, values):
        print(f"{name:44} median {statistics.median(values) * 1000:8.2f} ms   p95 {percentile(values, 0.95) * 1000:8.2f} ms")

    show("floor   rapidfuzz scan of all sources", floors)
    show("lookup  store.lookup (prefilter + score)", lookups)
    print(f"{'ratio   scan / lookup':44} median {statistics.median(ratios):8.2f} x   "
          f"spread {min(ratios):.2f}-{max(ratios):.2f}")
    print(f"lookups with at least one match (>= {tm_text.DEFAULT_THRESHOLD}): {found} of {len(lookups)}; "
          f"best score the same as the full scan's: {same_best} of {len(lookups)}")
    pretranslation(engine, rng, known, vocab)


PRE_EPISODES, PRE_ROUNDS, PRE_LINES = 80, 3, 30  # a script line per cue, as a subtitled episode has


def episode_lines(rng: random.Random, known: list[str], held: set[str], vocab) -> list[str]:
    """An episode's lines as a series repeats itself: half remembered as they are, half new or changed."""
    return [rng.choice(known) if rng.random() < 0.5 else new_text(rng, known, held, vocab) for _ in range(PRE_LINES)]


def fountain(lines: list[str]) -> str:
    speakers = ("ETHAN", "CHLOE", "RICHARD")
    body = [f"{speakers[n % 3]}\n{text}\n" for n, text in enumerate(lines)]
    return "INT. MANSION - NIGHT\n\nEthan walks in.\n\n" + "\n".join(body)


def vtt(lines: list[str]) -> str:
    cues = [f"{(n * 2 + 1) // 60:02d}:{(n * 2 + 1) % 60:02d}.000 --> {(n * 2 + 2) // 60:02d}:{(n * 2 + 2) % 60:02d}.500"
            f"\n{text}\n" for n, text in enumerate(lines)]
    return "WEBVTT\n\n" + "\n".join(cues)


def original_series(engine, slug: str, scripts: list[str], tracks_: list[str]):
    """A series whose original has PRE_EPISODES Fountain scripts and English tracks, and an empty es-MX remake."""
    from decimal import Decimal

    from localize.catalog import service
    from localize.catalog.schemas import SeriesCreate, VersionCreate
    from localize.models import User
    from localize.scripts import files
    from localize.subtitles import tracks
    with db.session_scope(engine) as session:
        author = session.exec(select(User).where(User.email == "bench@example.test")).one()
        series = service.create_series(session, SeriesCreate(
            slug=slug, title=slug, original_locale="en-US", episode_count=PRE_EPISODES, free_episodes=10,
            unlock_price=Decimal("0.39")))
        service.create_version(session, series, VersionCreate(locale="es-MX", kind="remake"))
        original = service.original_version(session, series)
        for number in range(1, PRE_EPISODES + 1):
            episode = service.get_episode(session, series, number)
            files.import_file(session, series=series, version=original, episode=episode,
                              data=scripts[number - 1], author=author, filename="e.fountain")
            tracks.import_file(session, series=series, version=original, episode=episode, language="en-US",
                               data=tracks_[number - 1], author=author)


def run_pretranslate(engine, slug: str, use_memory: bool) -> tuple[float, dict]:
    """Pre-translate every episode (scripts and tracks), or, as the floor, create the same 160 documents
    from the original's with no memory read (`translate` of each script and track)."""
    from localize.catalog import service
    from localize.memory.pretranslate import pretranslate
    from localize.models import User
    from localize.scripts.adapt import translate_script
    from localize.subtitles import tracks
    with db.session_scope(engine) as session:
        author = session.exec(select(User).where(User.email == "bench@example.test")).one()
        series = service.get_series(session, slug)
        version = service.get_version(session, series, "es-MX")
        start = time.perf_counter()
        if use_memory:
            result = pretranslate(session, series=series, version=version, min_score=75, author=author).as_dict()
        else:
            original = service.original_version(session, series)
            for number in range(1, PRE_EPISODES + 1):
                episode = service.get_episode(session, series, number)
                translate_script(session, series=series, version=version, episode=episode, author=author)
                tracks.translate_track(session, series=series, version=version, episode=episode,
                                       language="es-MX", author=author,
                                       source=tracks.get_track(session, original, episode, "en-US"))
            result = {}
        session.flush()
        elapsed = time.perf_counter() - start
    return elapsed, result


def pretranslation(engine, rng: random.Random, known: list[str], vocab) -> None:
    """The pre-translation of an 80-episode version (80 scripts, 80 tracks) end to end, beside the floor of
    creating the same documents without memory, alternating over PRE_ROUNDS rounds (a fresh series each)."""
    held = set(known)
    scripts, tracks_ = [], []
    for _ in range(PRE_EPISODES):
        lines = episode_lines(rng, known, held, vocab)
        scripts.append(fountain(lines))
        tracks_.append(vtt(lines))
    floors, runs, ratios, result = [], [], [], {}
    for n in range(PRE_ROUNDS):
        original_series(engine, f"pre-floor-{n}", scripts, tracks_)
        original_series(engine, f"pre-run-{n}", scripts, tracks_)
        floor, _ = run_pretranslate(engine, f"pre-floor-{n}", use_memory=False)
        elapsed, result = run_pretranslate(engine, f"pre-run-{n}", use_memory=True)
        floors.append(floor)
        runs.append(elapsed)
        ratios.append(elapsed / floor)
    print(f"pre-translation of {PRE_EPISODES} episodes ({PRE_EPISODES} scripts of {PRE_LINES} lines + "
          f"{PRE_EPISODES} tracks of {PRE_LINES} cues), min_score 75, {PRE_ROUNDS} rounds alternating:")
    print(f"{'floor   translate each script and track':44} median {statistics.median(floors):8.2f} s")
    print(f"{'run     pretranslate (memory + saves)':44} median {statistics.median(runs):8.2f} s   "
          f"per episode {statistics.median(runs) / PRE_EPISODES * 1000:.0f} ms")
    print(f"{'ratio   run / floor':44} median {statistics.median(ratios):8.2f} x   "
          f"spread {min(ratios):.2f}-{max(ratios):.2f}")
    print(f"filled: {result.get('filled')}; left empty: {result.get('left')}; revisions: {result.get('revisions')}")


if __name__ == "__main__":
    main()
