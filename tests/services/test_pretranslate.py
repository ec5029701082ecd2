"""Pre-translation: memory fills (context, exact, fuzzy), machine for the rest, never over a person's work."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

from localize import db  # noqa: E402
from localize.catalog import service as catalog  # noqa: E402
from localize.errors import ValidationFailed  # noqa: E402
from localize.machinery.libre import LibreTranslateProvider  # noqa: E402
from localize.memory import store  # noqa: E402
from localize.memory.pretranslate import pretranslate  # noqa: E402
from localize.models import User  # noqa: E402
from localize.signals import SavedTranslation  # noqa: E402

V = "/api/v1/series/heir/versions"
ORIGINAL = f"{V}/en-US/episodes/1/script"
REMAKE = f"{V}/es-MX/episodes/1/script"
EN_TRACK = f"{V}/en-US/episodes/1/subtitles/en-US"
ES_TRACK = f"{V}/es-MX/episodes/1/subtitles/es-MX"
FOUNTAIN = """INT. MANSION - NIGHT

Ethan walks in, soaked.

ETHAN
I came back for what is mine.

CLAIRE
You were gone for 3 years.

ETHAN
Not gone. Waiting.
"""
SRT = ("1\n00:00:01,000 --> 00:00:03,500\nWhere were you?\n\n2\n00:00:04,000 --> 00:00:06,000\nAway.\n\n"
       "3\n00:00:07,000 --> 00:00:09,000\nI came back for what is mine.\n")


def remember(engine, *pairs):
    with db.session_scope(engine) as s:
        store.remember(s, [SavedTranslation(source_locale="en-US", target_locale="es-MX", source=src, target=tgt,
                                            kind=kind, series="other", version="es-MX", episode=9, speaker=None,
                                            previous=previous)
                           for src, tgt, kind, previous in pairs], author=None)


@pytest.fixture
def setup(lead, series, make_user):
    assert lead.put(ORIGINAL, data=FOUNTAIN.encode(), headers={"Content-Type": "text/plain"}).status_code == 201
    assert lead.put(EN_TRACK, data=SRT.encode(), headers={"Content-Type": "application/x-subrip"}).status_code == 201
    user, _ = make_user("lead")
    return user.id


def run(engine, author_id, **kw):
    with db.session_scope(engine) as s:
        series = catalog.get_series(s, "heir")
        version = catalog.get_version(s, series, kw.pop("locale", "es-MX"))
        return pretranslate(s, series=series, version=version, author=s.get(User, author_id),
                            **{"episodes": [1], **kw}).as_dict()


def script(lead):
    return [(s["text"], s["status"]) for s in lead.get(REMAKE).get_json()["segments"]]


def cues(lead):
    return [(c["text"], c["status"]) for c in lead.get(ES_TRACK).get_json()["cues"]]


def revisions(lead, path):
    return lead.get(path + "/revisions").get_json()["revisions"]


def test_memory_fills_context_exact_and_fuzzy_creating_the_missing_script_and_track(engine, lead, setup):
    remember(engine, ("I came back for what is mine.", "Volví por lo que es mío.", "script", "Ethan walks in, soaked."),
             ("Where were you?", "¿Dónde estabas?", "subtitles", None),
             ("You were gone for 3 years!", "¡Estuviste fuera 3 años!", "script", None))
    progress = []
    result = run(engine, setup, min_score=75, progress=lambda done, total: progress.append((done, total)))
    assert result["filled"] == {"context": 1, "exact": 2, "fuzzy": 1, "machine": 0}
    assert result["failed"] == [] and result["revisions"] == 2 and progress == [(1, 1)]
    assert script(lead) == [("INT. MANSION - NIGHT", "new"), ("Ethan walks in, soaked.", "new"),
                            ("Volví por lo que es mío.", "translated"), ("¡Estuviste fuera 3 años!", "fuzzy"),
                            ("Not gone. Waiting.", "new")]
    assert cues(lead) == [("¿Dónde estabas?", "translated"), ("", "untranslated"),
                          ("Volví por lo que es mío.", "translated")]
    assert result["left"] == 3 + 1
    [revision] = revisions(lead, REMAKE)
    assert revision["summary"] == "pre-translated: 1 context, 0 exact, 1 fuzzy, 0 machine"
    assert len(revisions(lead, ES_TRACK)) == 1


def test_min_score_100_leaves_fuzzy_matches_out(engine, lead, setup):
    remember(engine, ("You were gone for 3 years!", "¡Estuviste fuera 3 años!", "script", None))
    result = run(engine, setup, scope=["script"])
    assert result["filled"] == {"context": 0, "exact": 0, "fuzzy": 0, "machine": 0}
    assert lead.get(ES_TRACK).status_code == 404  # subtitles were not in scope


def test_machine_fills_the_rest_after_a_429_and_a_second_run_asks_nothing(engine, lead, setup):
    remember(engine, ("Where were you?", "¿Dónde estabas?", "subtitles", None))
    with FakeLibreTranslate() as server:
        server.fail_next(1, 429)
        provider = LibreTranslateProvider(server.url)
        result = run(engine, setup, machine=True, provider=provider)
        assert result["filled"] == {"context": 0, "exact": 1, "fuzzy": 0, "machine": 7}
        assert result["failed"] == [] and result["left"] == 0 and result["revisions"] == 2
        assert len(server.translations()) == 3  # the 429, then one batch each for the script and the track
        assert script(lead)[2] == ("[es] I came back for what is mine.", "machine")
        assert cues(lead)[:2] == [("¿Dónde estabas?", "translated"), ("[es] Away.", "machine")]
        again = run(engine, setup, machine=True, provider=provider)
        assert again == {"filled": {"context": 0, "exact": 0, "fuzzy": 0, "machine": 0}, "left": 0, "failed": [],
                         "revisions": 0}
        assert len(server.translations()) == 3
    assert len(revisions(lead, REMAKE)) == 1 and len(revisions(lead, ES_TRACK)) == 1


def test_a_permanent_failure_is_listed_per_segment_and_keeps_its_state(engine, lead, setup):
    with FakeLibreTranslate(required_key="right") as server:
        result = run(engine, setup, machine=True, provider=LibreTranslateProvider(server.url, api_key="wrong"),
                     scope=["subtitles"])
    assert result["filled"]["machine"] == 0 and result["left"] == 3
    assert [(f["episode"], f["kind"], f["position"]) for f in result["failed"]] == [
        (1, "subtitles", 1), (1, "subtitles", 2), (1, "subtitles", 3)]
    assert "API key" in result["failed"][0]["reason"]
    assert cues(lead) == [("", "untranslated")] * 3


def test_never_over_a_persons_work_and_a_better_kind_replaces_machine(engine, lead, api, setup):
    with FakeLibreTranslate() as server:
        provider = LibreTranslateProvider(server.url)
        run(engine, setup, machine=True, provider=provider, scope=["script"])
        segments = lead.get(REMAKE).get_json()["segments"]
        spanish = api("translator", ["es-MX"])
        segments[3]["text"] = "Te fuiste tres años."  # a person edits machine output: it is theirs now
        assert spanish.put(REMAKE, {"segments": segments}).status_code == 200
        assert script(lead)[3] == ("Te fuiste tres años.", "translated")
        remember(engine, ("You were gone for 3 years.", "Estuviste fuera 3 años.", "script", None),
                 ("Not gone. Waiting.", "No me fui. Esperaba.", "script", None))
        result = run(engine, setup, machine=True, provider=provider, scope=["script"])
    assert result["filled"] == {"context": 0, "exact": 1, "fuzzy": 0, "machine": 0}  # only over machine output
    assert script(lead)[3:] == [("Te fuiste tres años.", "translated"), ("No me fui. Esperaba.", "translated")]
    assert [r["summary"] for r in revisions(lead, REMAKE)][0] == "pre-translated: 0 context, 1 exact, 0 fuzzy, 0 machine"


def test_pretranslated_lines_are_not_remembered_as_new_work(engine, lead, setup, session):
    from sqlmodel import select

    from localize.models import MemoryEntry
    remember(engine, ("Where were you?", "¿Dónde estabas?", "subtitles", None))
    with FakeLibreTranslate() as server:
        run(engine, setup, machine=True, provider=LibreTranslateProvider(server.url))
    session.rollback()
    assert [(e.source_text, e.series) for e in session.exec(select(MemoryEntry))] == [("Where were you?", "other")]


def test_options_are_checked_naming_the_field(engine, lead, setup):
    for kw, field in [({"scope": ["video"]}, "scope"), ({"min_score": 74}, "min_score"), ({"machine": True}, "machine"),
                      ({"episodes": [11]}, "episodes"), ({"locale": "en-US"}, "locale")]:
        with pytest.raises(ValidationFailed) as caught:
            run(engine, setup, **kw)
        assert caught.value.details[0]["field"] == field
