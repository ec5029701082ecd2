"""Leverage and cost of a version's episode range: bands from memory, repetitions, rates, CSV, refusals."""
from __future__ import annotations

import csv
import io

from localize import db
from localize.memory import store
from localize.signals import SavedTranslation

V = "/api/v1/series/heir/versions"
LEVERAGE = f"{V}/es-MX/leverage"
EPISODE_1 = """INT. MANSION - NIGHT

Ethan walks in, soaked.

ETHAN
I came back for what is mine.

CLAIRE
You were gone for 3 years.

ETHAN
Not gone. Waiting.
"""
EPISODE_2 = """INT. MANSION - NIGHT

Claire waits.
"""
SRT = "1\n00:00:01,000 --> 00:00:03,500\nWhere were you?\n\n2\n00:00:04,000 --> 00:00:06,000\nAway.\n"
BANDS = ("repetition", "context", "exact", "95-99", "85-94", "75-84", "50-74", "new")


def remember(engine, source, target, *, series="other", version="es-MX", episode=1, kind="script", previous=None):
    with db.session_scope(engine) as s:
        store.remember(s, [SavedTranslation("en-US", "es-MX", source, target, kind, series=series, version=version,
                                            episode=episode, previous=previous)], author=None)


def setup(lead, engine):
    for number, text in ((1, EPISODE_1), (2, EPISODE_2)):
        r = lead.put(f"{V}/en-US/episodes/{number}/script", data=text.encode(), headers={"Content-Type": "text/plain"})
        assert r.status_code == 201, r.get_json()
    r = lead.put(f"{V}/en-US/episodes/1/subtitles/en-US", data=SRT.encode(),
                 headers={"Content-Type": "application/x-subrip"})
    assert r.status_code == 201, r.get_json()
    # 101: the same line after the same previous segment, from another series.
    remember(engine, "I came back for what is mine.", "Volví por lo que es mío.", previous="Ethan walks in, soaked.")
    remember(engine, "You were gone for 3 years.", "Estuviste fuera 3 años.", series=None, version=None,
             episode=None, kind="tmx")                                             # 100
    remember(engine, "Not gone. Waiting!", "No me fui. ¡Esperaba!")              # 94
    remember(engine, "Away.", "Lejos.", kind="subtitles")                        # 100
    # Made from the very segment analysed (this version, episode 1, the script): not leverage.
    remember(engine, "Ethan walks in, soaked.", "Ethan entra, empapado.", series="heir")
    # Made from episode 1's script: for episode 2's line it is memory like any other.
    remember(engine, "Claire waits.", "Claire espera.", series="heir")
    # The same text from the subtitles of this episode: another segment, so it counts.
    remember(engine, "Where were you?", "¿Dónde estabas?", series="heir", kind="script", episode=3)


def bands(expected: dict) -> dict:
    """Expected bands from {band: (segments, words)}; the others zero."""
    return {b: dict(zip(("segments", "words"), expected.get(b, (0, 0)))) for b in BANDS}


def test_bands_repetitions_weighted_words_and_cost(lead, series, engine):
    setup(lead, engine)
    assert lead.patch(f"{V}/es-MX", {"rate_per_word": "0.08", "currency": "MXN"}).get_json()["rate_per_word"] == "0.0800"
    body = lead.get(LEVERAGE + "?episodes=1-2").get_json()
    first = bands({"new": (2, 7), "context": (1, 7), "exact": (3, 10), "85-94": (1, 3)})
    # Episode 1: its scene heading (3 words) and the action line whose only entry is its own (4) are new;
    # the script's 3 lines; the cues: "Where were you?" exact (another episode's entry), "Away." exact.
    assert body["episodes"][0] == {"number": 1, "bands": first, "weighted_words": "10.50", "cost": "0.84"}
    # Episode 2: the scene heading again is a repetition; "Claire waits." leverages episode 1's entry.
    assert body["episodes"][1] == {"number": 2, "bands": bands({"repetition": (1, 3), "exact": (1, 2)}),
                                   "weighted_words": "0.45", "cost": "0.04"}
    assert body["bands"] == bands({"repetition": (1, 3), "new": (2, 7), "context": (1, 7), "exact": (4, 12), "85-94": (1, 3)})
    # 7 new at 100%, 7 context and 3 repeated at 5%, 12 exact at 15%, 3 at 85-94 at 55%.
    assert body["weighted_words"] == "10.95" and body["cost"] == "0.88"  # 0.876, rounded half up
    assert (body["rate_per_word"], body["currency"]) == ("0.0800", "MXN")
    # Alone, episode 2's heading is its first occurrence: new, and its cost follows.
    alone = lead.get(LEVERAGE + "?episodes=2").get_json()
    assert alone["bands"] == bands({"new": (1, 3), "exact": (1, 2)}) and alone["weighted_words"] == "3.30"


def test_a_series_rate_scheme_and_no_rate_per_word(lead, series, engine):
    setup(lead, engine)
    r = lead.patch("/api/v1/series/heir", {"rate_scheme": {"exact": 0, "new": 50, "context": 0}})
    assert r.status_code == 200 and r.get_json()["rate_scheme"] == {"exact": 0, "new": 50, "context": 0}
    body = lead.get(LEVERAGE + "?episodes=1").get_json()
    # 7 new at 50%, 3 at 85-94 at the default 55%; exact and context cost nothing.
    assert body["weighted_words"] == "5.15"
    assert body["cost"] is None and body["rate_per_word"] is None and body["currency"] == "USD"
    assert body["episodes"][0]["cost"] is None


def test_csv_one_row_per_episode(lead, series, engine):
    setup(lead, engine)
    lead.patch(f"{V}/es-MX", {"rate_per_word": "0.1"})
    r = lead.get(LEVERAGE + "?episodes=1-3&format=csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True))))
    assert rows[0] == ["episode", *BANDS, "weighted_words", "cost"]
    assert rows[1] == ["1", "0", "7", "10", "0", "3", "0", "0", "7", "10.50", "1.05"]
    assert rows[2] == ["2", "3", "0", "2", "0", "0", "0", "0", "0", "0.45", "0.05"]
    assert rows[3] == ["3"] + ["0"] * 8 + ["0.00", "0.00"]  # nothing written yet: nothing to pay
    assert len(rows) == 4


def test_all_episodes_by_default_and_a_remakes_mapping(lead, series, engine):
    setup(lead, engine)
    # The remake's episode 1 merges the original's 1 and 2: their segments count as its own.
    assert lead.patch(f"{V}/es-MX", {"episode_mapping": {"1": [1, 2]} | {str(n): [n + 1] for n in range(2, 10)},
                                     "episode_count": 9}).status_code == 200
    body = lead.get(LEVERAGE).get_json()
    assert [e["number"] for e in body["episodes"]] == list(range(1, 10))
    assert body["episodes"][0]["bands"]["repetition"] == {"segments": 1, "words": 3}
    # "Claire waits." is now a line of the remake's episode 1, whose entry it made: not leverage.
    assert body["episodes"][0]["bands"]["exact"] == {"segments": 3, "words": 10}
    assert body["episodes"][0]["bands"]["new"] == {"segments": 3, "words": 9}
    assert all(e["weighted_words"] == "0.00" for e in body["episodes"][1:])


def test_refusals(lead, api, series, engine):
    for bad in ("0-3", "3-1", "x", "1-11", "1,,2"):
        r = lead.get(LEVERAGE + "?episodes=" + bad)
        assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "episodes", bad
    assert lead.get(LEVERAGE + "?format=xml").status_code == 422
    assert lead.get(f"{V}/en-US/leverage").status_code == 422  # the original is the source
    assert lead.get(f"{V}/de/leverage").status_code == 404
    assert api("translator", ["es-MX"]).get(LEVERAGE).status_code == 403
    assert api("marketing").get(LEVERAGE).status_code == 403
    assert api("admin").get(LEVERAGE).status_code == 200


def test_rate_fields_are_validated(lead, series):
    for scheme in ({"perfect": 10}, {"exact": 101}, {"new": -1}, {"exact": "cheap"}):
        r = lead.patch("/api/v1/series/heir", {"rate_scheme": scheme})
        assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"].startswith("rate_scheme"), scheme
    assert lead.patch(f"{V}/es-MX", {"rate_per_word": "-0.01"}).status_code == 422
    assert lead.patch(f"{V}/es-MX", {"rate_per_word": "0.00001"}).status_code == 422
    assert lead.patch(f"{V}/es-MX", {"rate_per_word": "0.0125"}).get_json()["rate_per_word"] == "0.0125"
    assert lead.patch(f"{V}/es-MX", {"rate_per_word": None}).get_json()["rate_per_word"] is None
    r = lead.post("/api/v1/series", {"slug": "two", "title": "Two", "original_locale": "ja-JP", "episode_count": 2,
                                     "free_episodes": 1, "rate_scheme": {"95-99": 30.5}})
    assert r.status_code == 201 and r.get_json()["rate_scheme"] == {"95-99": 30.5}
    assert lead.patch("/api/v1/series/two", {"rate_scheme": None}).get_json()["rate_scheme"] is None
