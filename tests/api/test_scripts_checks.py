"""Script checks, the dialogue list, rename everywhere, exports and the version's script state."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

V = "/api/v1/series/heir/versions"
ORIGINAL = f"{V}/en-US/episodes/1/script"
REMAKE = f"{V}/es-MX/episodes/1/script"
DUB = f"{V}/pt-BR/episodes/1/script"
FOUNTAIN = """INT. MANSION - NIGHT

Ethan walks in.

ETHAN
I waited 3 years for this night.

CLAIRE
Who told you?

ETHAN
Nobody had to.
"""
VTT = """WEBVTT

00:00:01.000 --> 00:00:02.000
I waited 3 years...

00:00:02.100 --> 00:00:03.500
...for THIS night!

00:00:04.000 --> 00:00:05.250
<i>Who told you?</i>

00:00:06.000 --> 00:00:07.000
Something else entirely.
"""


@pytest.fixture
def scripted(lead, series, script_formats):
    assert lead.put(ORIGINAL, data=FOUNTAIN.encode(), headers={"Content-Type": "text/plain"}).status_code == 201
    assert lead.post(f"{V}", {"locale": "pt-BR", "kind": "dub"}).status_code == 201
    return lead.get(ORIGINAL).get_json()["segments"]


def findings(api, path):
    return {(c["segment"], c["rule"]): c for c in api.get(path + "/checks").get_json()["checks"]}


def test_each_check(lead, scripted):
    ethan = scripted[2]["character"]["id"]
    lead.put(f"{V}/es-MX/casting/{ethan}", {"localized_name": "Mateo"})
    assert lead.post(REMAKE + "/translate").status_code == 201
    segments = lead.get(REMAKE).get_json()["segments"]
    assert {rule for (_, rule) in findings(lead, REMAKE)} == {"untranslated"}
    segments[1].update(text="Ethan entra.", status="translated")                      # original-name
    segments[2].update(text="Esperé años esta noche.", status="translated")           # numbers: 3 missing
    segments[3].update(text="", status="translated")                                   # empty
    segments[4].update(character={"name": "DESCONOCIDO"}, text="Nadie.", status="translated")  # unknown-speaker
    r = lead.put(REMAKE, {"segments": segments})
    assert r.status_code == 200
    found = findings(lead, REMAKE)
    assert {c["rule"] for c in r.get_json()["checks"]} == {c["rule"] for c in found.values()}
    assert found[(2, "original-name")]["value"] == "Ethan" and found[(2, "original-name")]["limit"] == "Mateo"
    assert found[(3, "numbers")]["value"] == "3" and found[(4, "empty")]["severity"] == "error"
    assert found[(5, "unknown-speaker")]["value"] == "DESCONOCIDO"
    assert (1, "untranslated") in found and (2, "untranslated") not in found
    assert lead.get(REMAKE).get_json()["segments"][4]["character"] == {"id": None, "name": "DESCONOCIDO"}
    # A previous localized name after a rename is a finding too.
    segments = lead.get(REMAKE).get_json()["segments"]
    segments[1]["text"] = "Mateo entra."
    lead.put(REMAKE, {"segments": segments})
    lead.put(f"{V}/es-MX/casting/{ethan}", {"localized_name": "Julián"})
    found = findings(lead, REMAKE)
    assert found[(2, "original-name")]["value"] == "Mateo" and found[(2, "original-name")]["limit"] == "Julián"


def test_length_ratio_in_dubs_configurable_per_version(lead, scripted):
    version = lead.get(f"{V}/pt-BR").get_json()
    assert version["script_length_ratio"] == {"min": 0.7, "max": 1.3}
    assert "script_length_ratio" not in lead.get(f"{V}/es-MX").get_json()
    assert lead.post(DUB + "/translate").status_code == 201
    segments = lead.get(DUB).get_json()["segments"]
    segments[2].update(text="Esperei 3 anos por esta noite, muito, muito, muito tempo mesmo.", status="translated")
    segments[4].update(text="Ninguém teve que.", status="translated")
    lead.put(DUB, {"segments": segments})
    found = findings(lead, DUB)
    assert found[(3, "length-ratio")]["limit"] == 1.3 and found[(3, "length-ratio")]["value"] > 1.3
    assert (5, "length-ratio") not in found
    assert lead.patch(f"{V}/pt-BR", {"script_length_ratio": {"min": 0.5, "max": 2.5}}).status_code == 200
    assert (3, "length-ratio") not in findings(lead, DUB)
    assert lead.patch(f"{V}/pt-BR", {"script_length_ratio": {"min": 1.0, "max": 1.0}}).status_code == 422
    state = lead.get(f"{V}/pt-BR").get_json()["scripts"]
    assert state == [{"episode": 1, "segments": {"new": 3, "translated": 2}, "outdated": 0}]
    listed = {v["locale"]: v["scripts"] for v in lead.get(f"{V}").get_json()["versions"]}
    assert listed["en-US"] == [{"episode": 1, "segments": {"approved": 5}, "outdated": 0}] and listed["es-MX"] == []


def test_dialogue_list_times_from_the_original_track_cut_lines_left_out(lead, scripted):
    r = lead.put(f"{V}/en-US/episodes/1/subtitles/en-US", data=VTT.encode(), headers={"Content-Type": "text/vtt"})
    assert r.status_code == 201
    rows = list(csv.DictReader(io.StringIO(lead.get(f"{V}/en-US/episodes/1/dialogue-list.csv").get_data(as_text=True))))
    assert [(r["number"], r["in"], r["out"], r["character"]) for r in rows] == [
        ("1", "00:00:01.000", "00:00:03.500", "ETHAN"), ("2", "00:00:04.000", "00:00:05.250", "CLAIRE"),
        ("3", "", "", "ETHAN")]
    assert lead.post(REMAKE + "/translate").status_code == 201
    segments = lead.get(REMAKE).get_json()["segments"]
    segments[3].update(status="cut", note="said with a look")
    segments[2].update(text="Esperé 3 años esta noche.", status="translated", note="slower")
    assert lead.put(REMAKE, {"segments": segments}).status_code == 200
    response = lead.get(f"{V}/es-MX/episodes/1/dialogue-list.csv")
    assert response.mimetype == "text/csv"
    reader = csv.reader(io.StringIO(response.get_data(as_text=True)))
    assert next(reader) == ["number", "in", "out", "character", "source", "text", "note"]
    rows = list(reader)
    assert rows == [["1", "00:00:01.000", "00:00:03.500", "ETHAN", "I waited 3 years for this night.",
                     "Esperé 3 años esta noche.", "slower"],
                    ["2", "", "", "ETHAN", "Nobody had to.", "Nobody had to.", ""]]
    assert lead.get(f"{V}/es-MX/episodes/2/dialogue-list.csv").status_code == 404


def test_rename_everywhere_across_scripts_and_subtitle_tracks(lead, api, scripted):
    ethan = scripted[2]["character"]["id"]
    assert lead.post(REMAKE + "/translate").status_code == 201
    segments = lead.get(REMAKE).get_json()["segments"]
    segments[1]["text"] = "Mateo entra. MATEO mira a Mateos."
    lead.put(REMAKE, {"segments": segments})
    sub = f"{V}/es-MX/episodes/1/subtitles/es-MX"
    lead.put(sub, data=b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMateo, ven.\n\n00:00:03.000 --> 00:00:04.000\nNo.\n",
             headers={"Content-Type": "text/vtt"})
    body = {"character": ethan, "from": "Mateo", "to": "Julián"}
    assert api("translator", ["es-MX"]).post(f"{V}/es-MX/rename", body).status_code == 403
    r = lead.post(f"{V}/es-MX/rename", body)
    assert r.status_code == 200
    assert r.get_json() == {"changed": [
        {"kind": "script", "episode": 1, "language": "es-MX", "revision": 3, "replacements": 2},
        {"kind": "subtitles", "episode": 1, "language": "es-MX", "revision": 2, "replacements": 1}]}
    assert lead.get(REMAKE).get_json()["segments"][1]["text"] == "Julián entra. JULIÁN mira a Mateos."
    assert lead.get(sub).get_json()["cues"][0]["text"] == "Julián, ven."
    assert lead.post(f"{V}/es-MX/rename", body).get_json() == {"changed": []}
    assert lead.post(f"{V}/es-MX/rename", {"character": 999, "from": "a", "to": "b"}).status_code == 404
    assert lead.post(f"{V}/es-MX/rename", {"character": ethan, "from": "", "to": "b"}).status_code == 422


def test_exports_are_read_back_by_an_independent_reader(lead, scripted):
    fdx = lead.get(ORIGINAL + ".fdx")
    assert fdx.mimetype == "application/xml"
    root = ET.fromstring(fdx.get_data())
    assert root.tag == "FinalDraft" and root.get("DocumentType") == "Script"
    paragraphs = [(p.get("Type"), "".join(p.itertext()).strip()) for p in root.iter("Paragraph")]
    assert ("Scene Heading", "INT. MANSION - NIGHT") in paragraphs
    assert ("Character", "ETHAN") in paragraphs and ("Dialogue", "Who told you?") in paragraphs
    fountain = lead.get(ORIGINAL + ".fountain").get_data(as_text=True)
    assert "CLAIRE\nWho told you?" in fountain
    # Export then import gives back the same segments.
    before = lead.get(ORIGINAL).get_json()
    r = lead.put(ORIGINAL, data=fountain.encode(), headers={"Content-Type": "text/x-fountain"})
    assert r.status_code == 200 and r.get_json()["revision"] == before["revision"]
    archive = zipfile.ZipFile(io.BytesIO(lead.get(f"{V}/en-US/scripts.zip?format=fdx").get_data()))
    assert archive.namelist() == ["ep001.en-US.fdx"]
    assert lead.get(f"{V}/en-US/scripts.zip?format=pdf").status_code == 422


segment = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.none(), st.integers(-5, 10**12), st.text(max_size=3)),
    "kind": st.sampled_from(["scene", "action", "dialogue", "transition", "note", "poem", 3]),
    "text": st.one_of(st.text(max_size=40), st.integers(), st.none()),
    "character": st.one_of(st.none(), st.fixed_dictionaries({}, optional={
        "id": st.one_of(st.integers(-3, 10**10), st.text(max_size=3)), "name": st.text(max_size=20)})),
    "source": st.one_of(st.none(), st.fixed_dictionaries({"id": st.integers(-3, 10**10)})),
    "status": st.sampled_from(["new", "machine", "fuzzy", "translated", "reviewed", "approved", "cut", "bogus", None]),
    "note": st.one_of(st.text(max_size=10), st.none(), st.booleans()),
    "dual": st.one_of(st.booleans(), st.text(max_size=2)),
    "outdated": st.one_of(st.booleans(), st.none()),
    "extension": st.one_of(st.none(), st.text(max_size=60)),
})
body = st.one_of(st.fixed_dictionaries({"segments": st.lists(segment, max_size=6)}, optional={
    "revision": st.one_of(st.integers(-2, 5), st.text(max_size=2), st.none()),
    "summary": st.one_of(st.text(max_size=20), st.integers())}),
    st.lists(st.integers(), max_size=2), st.text(max_size=5))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=body, translator=st.booleans())
def test_a_json_save_never_answers_5xx(lead, api, scripted, payload, translator):
    client = api("translator", ["es-MX"]) if translator else lead
    for path in (ORIGINAL, REMAKE):
        r = client.put(path, payload)
        assert r.status_code < 500, (path, payload, r.get_data(as_text=True)[:300])
