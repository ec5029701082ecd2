"""Translation memory remembers human translations saved in scripts and subtitles, never machine output."""
from __future__ import annotations

from sqlmodel import select

from localize.models import MemoryEntry

V = "/api/v1/series/heir/versions"
ORIGINAL = f"{V}/en-US/episodes/1/script"
REMAKE = f"{V}/es-MX/episodes/1/script"
FOUNTAIN = """INT. MANSION - NIGHT

Ethan walks in, soaked.

ETHAN
I came back for what is mine.

CLAIRE
You were gone for 3 years.

ETHAN
Not gone. Waiting.
"""
EN_TRACK = f"{V}/en-US/episodes/1/subtitles/en-US"
ES_TRACK = f"{V}/es-MX/episodes/1/subtitles/es-MX"
SRT = "1\n00:00:01,000 --> 00:00:03,500\nWhere were you?\n\n2\n00:00:04,000 --> 00:00:06,000\nAway.\n"


def entries(session):
    session.rollback()  # a fresh snapshot: what the requests committed since
    return list(session.exec(select(MemoryEntry).order_by(MemoryEntry.id)))


def start_remake(lead):
    r = lead.put(ORIGINAL, data=FOUNTAIN.encode(), headers={"Content-Type": "text/plain"})
    assert r.status_code == 201, r.get_json()
    assert lead.post(REMAKE + "/translate").status_code == 201
    return lead.get(REMAKE).get_json()["segments"]


def test_a_translated_script_line_is_remembered_with_origin_speaker_and_context(lead, api, series, session):
    segments = start_remake(lead)
    spanish = api("translator", ["es-MX"])
    segments[2].update(text="Volví por lo que es mío.", status="translated")
    segments[3].update(text="Estuviste fuera 3 años.", status="machine")  # machine output: not human work
    segments[4].update(text="No fuera. Esperando.")  # still `new`: not a translation yet
    assert spanish.put(REMAKE, {"segments": segments}).status_code == 200
    [entry] = entries(session)
    ethan = lead.get(ORIGINAL).get_json()["segments"][2]["character"]["id"]
    assert (entry.source_locale, entry.target_locale) == ("en-US", "es-MX")
    assert (entry.source_text, entry.target_text) == ("I came back for what is mine.", "Volví por lo que es mío.")
    assert (entry.series, entry.version, entry.episode, entry.kind) == ("heir", "es-MX", 1, "script")
    assert entry.speaker_id == ethan and entry.previous_source == "Ethan walks in, soaked."
    assert entry.author == "Translator Tester" and entry.author_id is not None


def test_editing_adds_the_new_pair_keeps_the_old_and_saving_again_adds_nothing(lead, api, series, session):
    segments = start_remake(lead)
    spanish = api("translator", ["es-MX"])
    segments[2].update(text="Volví por lo que es mío.", status="translated")
    assert spanish.put(REMAKE, {"segments": segments}).status_code == 200
    first = entries(session)[0].updated_at
    segments = lead.get(REMAKE).get_json()["segments"]
    assert spanish.put(REMAKE, {"segments": segments}).status_code == 200  # nothing changed
    assert [(e.target_text, e.updated_at) for e in entries(session)] == [("Volví por lo que es mío.", first)]
    segments[2]["text"] = "Regresé por lo que me pertenece."
    assert spanish.put(REMAKE, {"segments": segments}).status_code == 200
    assert [e.target_text for e in entries(session)] == ["Volví por lo que es mío.", "Regresé por lo que me pertenece."]
    segments = lead.get(REMAKE).get_json()["segments"]
    segments[2]["status"] = "approved"  # a lead approves: the same pair, its latest use
    assert lead.put(REMAKE, {"segments": segments}).status_code == 200
    latest = entries(session)
    assert len(latest) == 2 and latest[1].author == "Lead Tester" and latest[1].updated_at > first


def test_the_originals_own_lines_are_not_translations(lead, series, session):
    start_remake(lead)
    assert entries(session) == []


def test_a_translated_cue_is_remembered_with_the_previous_source_cue(lead, api, series, session):
    assert lead.put(EN_TRACK, data=SRT.encode(), headers={"Content-Type": "application/x-subrip"}).status_code == 201
    spanish = api("translator", ["es-MX"])
    assert spanish.post(ES_TRACK + "/translate", {"source_locale": "en-US", "source_language": "en-US"}).status_code == 201
    cues = spanish.get(ES_TRACK).get_json()["cues"]
    cues[1].update(text="Lejos.", status="translated")
    assert spanish.put(ES_TRACK, {"cues": cues}).status_code == 200
    [entry] = entries(session)
    assert (entry.source_text, entry.target_text, entry.kind) == ("Away.", "Lejos.", "subtitles")
    assert (entry.source_locale, entry.target_locale, entry.version, entry.episode) == ("en-US", "es-MX", "es-MX", 1)
    assert entry.previous_source == "Where were you?" and entry.speaker_id is None
    cues[0].update(text="¿Dónde estabas?", status="untranslated")  # typed, not marked translated yet
    assert spanish.put(ES_TRACK, {"cues": cues}).status_code == 200
    assert len(entries(session)) == 1


def test_imported_subtitle_files_are_not_remembered(lead, series, session):
    es = SRT.replace("Where were you?", "¿Dónde estabas?").replace("Away.", "Lejos.")
    assert lead.put(EN_TRACK, data=SRT.encode(), headers={"Content-Type": "application/x-subrip"}).status_code == 201
    assert lead.put(ES_TRACK, data=es.encode(), headers={"Content-Type": "application/x-subrip"}).status_code == 201
    assert entries(session) == []
