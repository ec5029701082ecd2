"""Looking up translation memory: context 101, exact 100, fuzzy scores, thresholds, ties, the prefilter."""
from __future__ import annotations

import random
from datetime import timedelta

from localize import db
from localize.memory import store
from localize.memory.text import fuzzy_score
from localize.models import utcnow
from localize.signals import SavedTranslation

MINE = "I came back for what is mine."


def pair(source, target, *, target_locale="es-MX", kind="script", speaker=None, previous=None, episode=1):
    return SavedTranslation(source_locale="en-US", target_locale=target_locale, source=source, target=target,
                            kind=kind, series="heir", version=target_locale, episode=episode, speaker=speaker,
                            previous=previous)


def seed(engine, pairs, at=None):
    with db.session_scope(engine) as s:
        store.remember(s, pairs, author=None, at=at)


def look(engine, text, **kw):
    with db.session_scope(engine, write=False) as s:
        return [(m.score, m.kind, m.entry.source_text, m.entry.target_text)
                for m in store.lookup(s, source_locale="en-US", target_locale=kw.pop("target", "es-MX"), text=text, **kw)]


def characters(engine, *names):
    from localize.catalog import service
    from localize.catalog.schemas import CharacterCreate, SeriesCreate
    with db.session_scope(engine) as s:
        series = service.create_series(s, SeriesCreate(slug="heir", title="The Heir", original_locale="en-US",
                                                       episode_count=3, free_episodes=1))
        return [service.create_character(s, series, CharacterCreate(name=name)).id for name in names]


def test_exact_fuzzy_and_context_matches_best_first(engine):
    ethan, claire = characters(engine, "Ethan", "Claire")
    seed(engine, [pair(MINE, "Volví por lo que es mío.", speaker=ethan, previous="Ethan walks in, soaked."),
                  pair("I came back for what is yours.", "Volví por lo que es tuyo."),
                  pair("Where were you?", "¿Dónde estabas?", kind="subtitles"),
                  pair(MINE, "Je suis revenu pour ce qui est à moi.", target_locale="fr")])
    assert look(engine, MINE) == [(100, "exact", MINE, "Volví por lo que es mío."),
                                  (84, "fuzzy", "I came back for what is yours.", "Volví por lo que es tuyo.")]
    assert look(engine, f"  {MINE}\n")[0][:2] == (100, "exact")  # surrounding whitespace is not the text
    assert look(engine, MINE, previous="Ethan walks in, soaked.")[0][:2] == (101, "context")
    assert look(engine, MINE, speaker=ethan)[0][:2] == (101, "context")
    assert look(engine, MINE, speaker=claire, previous="Thunder.")[0][:2] == (100, "exact")
    # Case and tags do not count against the score, but only the same text is a 100.
    assert look(engine, "<i>I CAME BACK for what is mine.</i>")[0] == (99, "fuzzy", MINE, "Volví por lo que es mío.")
    assert look(engine, MINE, target="fr") == [(100, "exact", MINE, "Je suis revenu pour ce qui est à moi.")]
    assert look(engine, MINE, target="pt-BR") == []


def test_threshold_default_75_settable_and_never_below_50(engine):
    seed(engine, [pair("I came back.", "Volví."), pair("She came back for what was hers.", "Ella volvió por lo suyo."),
                  pair("Where were you?", "¿Dónde estabas?")])
    assert [m[2] for m in look(engine, MINE)] == ["She came back for what was hers."]  # 78
    assert [m[2] for m in look(engine, MINE, threshold=80)] == []
    assert [m[2] for m in look(engine, MINE, threshold=0)] == ["She came back for what was hers.", "I came back."]
    assert look(engine, MINE, threshold=100) == []
    assert look(engine, "   ") == []


def test_of_two_translations_of_one_source_the_newer_comes_first(engine):
    now = utcnow()
    seed(engine, [pair(MINE, "Regresé por lo mío.")], at=now - timedelta(days=2))
    seed(engine, [pair(MINE, "Volví por lo que es mío.")], at=now - timedelta(days=1))
    assert [m[3] for m in look(engine, MINE)] == ["Volví por lo que es mío.", "Regresé por lo mío."]
    seed(engine, [pair(MINE, "Regresé por lo mío.", episode=5)], at=now)  # used again: now the latest
    assert [m[3] for m in look(engine, MINE)] == ["Regresé por lo mío.", "Volví por lo que es mío."]
    with db.session_scope(engine, write=False) as s:
        [best, _] = store.lookup(s, source_locale="en-US", target_locale="es-MX", text=MINE)
        assert best.as_dict()["origin"] == {"series": "heir", "version": "es-MX", "episode": 5, "kind": "script",
                                            "speaker": None}


def test_the_prefilter_loses_no_match_a_full_scan_finds(engine):
    rng = random.Random(10)
    words = "I you came back for what is mine yours where were we go now never again tonight the heir".split()
    sources = sorted({" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(400)})
    seed(engine, [pair(s, f"es {n}") for n, s in enumerate(sources)])
    for _ in range(15):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(2, 8)))
        for threshold in (50, 75, 90):
            found = {(m[2], m[0]) for m in look(engine, text, threshold=threshold, limit=1000)}
            scan = {(s, 100 if s == text else fuzzy_score(text, s)) for s in sources}
            assert found == {(s, score) for s, score in scan if score >= threshold}, (text, threshold)
