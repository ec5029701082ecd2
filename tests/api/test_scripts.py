"""Scripts through the API: import, JSON save, revisions, re-import that keeps links, translate, roles."""
from __future__ import annotations

import pytest

V = "/api/v1/series/heir/versions"
ORIGINAL = f"{V}/en-US/episodes/1/script"
REMAKE = f"{V}/es-MX/episodes/1/script"
FOUNTAIN = """Title: The Heir
Credit: Episode 1

INT. MANSION - NIGHT

Ethan walks in, soaked.

ETHAN (V.O.)
I came back for what is mine.

CLAIRE
(whispering)
You were gone for 3 years.

ETHAN ^
Not gone. Waiting.

CUT TO:
"""
SEGMENT_KEYS = {"id", "position", "kind", "character", "extension", "parenthetical", "dual", "text", "source",
                "status", "outdated", "note"}


def put_fountain(api, path, text, **headers):
    return api.put(path, data=text.encode(), headers={"Content-Type": "text/plain", **headers})


@pytest.fixture
def original(lead, series, script_formats):
    r = put_fountain(lead, ORIGINAL, FOUNTAIN)
    assert r.status_code == 201, r.get_json()
    return lead.get(ORIGINAL).get_json()


def test_original_import_creates_characters_and_answers_the_get_shape(lead, series, script_formats):
    ethan = lead.post("/api/v1/series/heir/characters", {"name": "Ethan"}).get_json()["id"]
    r = put_fountain(lead, ORIGINAL, FOUNTAIN)
    assert r.status_code == 201
    body = r.get_json()
    assert body["created_characters"] == ["Claire"] and body["segments"] == 6 and body["revision"] == 1
    assert r.headers["ETag"] and body["checks"] == []
    script = lead.get(ORIGINAL)
    assert script.headers["ETag"] == r.headers["ETag"]
    data = script.get_json()
    assert set(data) == {"revision", "etag", "segments"} and data["etag"] == r.headers["ETag"]
    segments = data["segments"]
    assert all(set(s) == SEGMENT_KEYS for s in segments)
    assert [s["kind"] for s in segments] == ["scene", "action", "dialogue", "dialogue", "dialogue", "transition"]
    assert [s["position"] for s in segments] == [1, 2, 3, 4, 5, 6]
    first = segments[2]
    assert first["character"] == {"id": ethan, "name": "Ethan"} and first["extension"] == "V.O."
    assert segments[3]["parenthetical"] == "whispering" and segments[4]["dual"] is True
    assert all(s["status"] == "approved" and s["source"] is None and s["outdated"] is False for s in segments)
    names = {c["name"] for c in lead.get("/api/v1/series/heir/characters").get_json()["characters"]}
    assert names == {"Ethan", "Claire"}
    assert lead.get(f"{V}/en-US/episodes/2/script").status_code == 404
    assert lead.get(f"{V}/en-US/episodes/2/script/checks").status_code == 404
    # Importing the same draft again changes nothing and makes no revision.
    again = put_fountain(lead, ORIGINAL, FOUNTAIN)
    assert again.status_code == 200 and again.get_json()["revision"] == 1 and again.get_json()["created_characters"] == []


def test_json_save_etag_412_history_diff_and_restore(lead, original):
    texts, ids = [s["text"] for s in original["segments"]], [s["id"] for s in original["segments"]]
    segments = [dict(s) for s in original["segments"]]
    segments[1]["text"] = "Ethan walks in, dripping."
    new = {"kind": "action", "text": "Thunder."}
    r = lead.put(ORIGINAL, {"revision": 1, "segments": segments + [new], "summary": "rain"})
    assert r.status_code == 200 and r.get_json()["revision"] == 2 and r.get_json()["segments"] == 7
    assert lead.put(ORIGINAL, {"revision": 1, "segments": segments}).status_code == 412
    stale = lead.put(ORIGINAL, {"segments": segments}, headers={"If-Match": '"s1-r1"'})
    assert stale.status_code == 412 and stale.get_json()["error"]["code"] == "precondition_failed"
    after = lead.get(ORIGINAL).get_json()["segments"]
    assert [s["id"] for s in after[:6]] == [s["id"] for s in segments]  # ids are stable
    page = lead.get(ORIGINAL + "/revisions?limit=1").get_json()
    assert [r["number"] for r in page["revisions"]] == [2] and page["next"]
    assert page["revisions"][0]["summary"] == "rain" and page["revisions"][0]["segments"] == 7
    assert page["revisions"][0]["changes"] == {"added": 1, "removed": 0, "changed": 1}
    older = lead.get(page["next"]).get_json()
    assert [r["number"] for r in older["revisions"]] == [1] and older["next"] is None
    assert lead.get(ORIGINAL + "/revisions?limit=0").status_code == 422
    detail = lead.get(ORIGINAL + "/revisions/2").get_json()
    assert [(d["op"], d["position"]) for d in detail["diff"]] == [("changed", 2), ("added", 7)]
    assert detail["diff"][0]["old"]["text"] == "Ethan walks in, soaked."
    restored = lead.post(ORIGINAL + "/revisions/1/restore")
    assert restored.status_code == 200 and restored.get_json()["revision"] == 3
    now = lead.get(ORIGINAL).get_json()["segments"]
    assert [s["text"] for s in now] == texts and [s["id"] for s in now] == ids
    assert lead.get(ORIGINAL + "/revisions/3").get_json()["changes"]["restored_from"] == 1


def test_bad_input_is_422_naming_the_segment_or_line_and_nothing_changes(lead, original):
    segments = original["segments"]
    r = lead.put(ORIGINAL, {"segments": [{"kind": "dialogue", "text": "x", "character": None}]})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["segment"] == 1
    r = lead.put(ORIGINAL, {"segments": segments + [{"kind": "poem", "text": "x"}]})
    assert r.status_code == 422 and r.get_json()["error"]["details"] == [
        {"field": "kind", "segment": 7, "message": r.get_json()["error"]["details"][0]["message"]}]
    r = lead.put(ORIGINAL, {"segments": [{**segments[0], "id": 999_999}]})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "id"
    r = lead.put(ORIGINAL, {"segments": [{"kind": "action", "text": "a\u0000b"}]})
    assert r.status_code == 422
    r = lead.put(ORIGINAL, data=b"<?xml version='1.0'?><html/>", headers={"Content-Type": "application/xml"})
    assert r.status_code == 422 and "line" in r.get_json()["error"]["details"][0]
    r = lead.put(ORIGINAL, data=b"\x00\x01\x02binary", headers={"Content-Type": "text/plain"})
    assert r.status_code == 422
    assert lead.put(ORIGINAL, data=b"  \n", headers={"Content-Type": "text/plain"}).status_code == 422
    assert lead.get(ORIGINAL).get_json() == original


def test_reimport_keeps_ids_marks_outdated_with_written_against_and_removed_sources(lead, api, original):
    assert lead.post(REMAKE + "/translate").status_code == 201
    adapted = lead.get(REMAKE).get_json()["segments"]
    by_source = {s["source"]["id"]: s for s in adapted}
    ids = [s["id"] for s in original["segments"]]
    draft = FOUNTAIN.replace("You were gone for 3 years.", "You were gone for three whole years.") \
        .replace("ETHAN ^\nNot gone. Waiting.\n\n", "") \
        .replace("Ethan walks in, soaked.", "Ethan walks in, soaked.\n\nLightning.")
    r = put_fountain(lead, ORIGINAL, draft)
    assert r.status_code == 200, r.get_json()
    after = lead.get(ORIGINAL).get_json()["segments"]
    assert [s["text"] for s in after][:3] == ["INT. MANSION - NIGHT", "Ethan walks in, soaked.", "Lightning."]
    kept = {s["text"]: s["id"] for s in after}
    assert kept["INT. MANSION - NIGHT"] == ids[0] and kept["I came back for what is mine."] == ids[2]
    assert kept["You were gone for three whole years."] == ids[3]  # edited: same id
    assert kept["Lightning."] not in ids and ids[4] not in kept.values()
    remake = {s["source"]["id"]: s for s in lead.get(REMAKE).get_json()["segments"]}
    edited = remake[ids[3]]
    assert edited["outdated"] is True and edited["id"] == by_source[ids[3]]["id"]
    assert edited["source"]["text"] == "You were gone for three whole years."
    assert edited["source"]["written_against"] == "You were gone for 3 years."
    removed = remake[ids[4]]
    assert removed["source"]["removed"] is True and removed["outdated"] is True
    assert remake[ids[2]]["outdated"] is False
    rules = {(c["segment"], c["rule"]) for c in lead.get(REMAKE + "/checks").get_json()["checks"]}
    assert (edited["position"], "outdated") in rules and (removed["position"], "outdated") in rules
    # A translator's new text clears the flag and records what it was written against.
    translator = api("translator", ["es-MX"])
    segments = lead.get(REMAKE).get_json()["segments"]
    target = next(s for s in segments if s["id"] == edited["id"])
    target["text"], target["status"] = "Estuviste fuera tres años enteros.", "translated"
    assert translator.put(REMAKE, {"segments": segments}).status_code == 200
    saved = next(s for s in lead.get(REMAKE).get_json()["segments"] if s["id"] == edited["id"])
    assert saved["outdated"] is False and saved["source"]["written_against"] == "You were gone for three whole years."
    # Confirming without a change (outdated: false) clears it too; the removed source stays shown.
    segments = lead.get(REMAKE).get_json()["segments"]
    gone = next(s for s in segments if s["id"] == removed["id"])
    gone["outdated"] = False
    assert lead.put(REMAKE, {"segments": segments}).status_code == 200
    gone = next(s for s in lead.get(REMAKE).get_json()["segments"] if s["id"] == removed["id"])
    assert gone["outdated"] is False and gone["source"]["removed"] is True


def test_translate_a_merged_remake_episode_with_renamed_speakers_and_names(lead, series, script_formats):
    assert put_fountain(lead, ORIGINAL, FOUNTAIN).status_code == 201
    second = "EXT. GARDEN - DAY\n\nClaire waits for Ethan.\n\nCLAIRE\nEthan, you came.\n"
    assert put_fountain(lead, f"{V}/en-US/episodes/2/script", second).status_code == 201
    merged = {"1": [1, 2]} | {str(n): [n + 1] for n in range(2, 10)}  # 9 episodes for 10: 1+2 merged
    assert lead.patch(f"{V}/es-MX", {"episode_mapping": merged}).status_code == 200
    ethan = next(c for c in lead.get("/api/v1/series/heir/characters").get_json()["characters"] if c["name"] == "Ethan")
    assert lead.put(f"{V}/es-MX/casting/{ethan['id']}", {"localized_name": "Mateo"}).status_code == 201
    r = lead.post(REMAKE + "/translate", {})
    assert r.status_code == 201 and r.get_json()["segments"] == 9
    segments = lead.get(REMAKE).get_json()["segments"]
    assert all(s["status"] == "new" and s["source"] for s in segments)
    assert segments[2]["character"] == {"id": ethan["id"], "name": "Mateo"}
    assert segments[1]["text"] == "Mateo walks in, soaked." and segments[1]["source"]["text"] == "Ethan walks in, soaked."
    assert segments[8]["text"] == "Mateo, you came." and segments[6]["text"] == "EXT. GARDEN - DAY"
    assert lead.post(REMAKE + "/translate").status_code == 409
    assert lead.post(f"{V}/es-MX/episodes/3/script/translate").status_code == 404
    assert api_translator_forbidden(lead)


def api_translator_forbidden(lead):
    return lead.post(f"{V}/en-US/episodes/1/script/translate").status_code == 422


def test_roles_translators_write_their_language_only_leads_review_and_change_approved(lead, api, original):
    assert lead.post(REMAKE + "/translate").status_code == 201
    french = api("translator", ["fr"])
    spanish = api("translator", ["es-MX"])
    segments = lead.get(REMAKE).get_json()["segments"]
    assert french.put(REMAKE, {"segments": segments}).status_code == 403
    assert spanish.put(ORIGINAL, {"segments": original["segments"]}).status_code == 403
    assert spanish.post(REMAKE + "/translate").status_code == 403
    segments[1]["text"], segments[1]["status"] = "Ethan entra, empapado.", "translated"
    assert spanish.put(REMAKE, {"segments": segments}).status_code == 200
    segments = lead.get(REMAKE).get_json()["segments"]
    segments[1]["status"] = "approved"
    r = spanish.put(REMAKE, {"segments": segments})
    assert r.status_code == 403 and r.get_json()["error"]["details"][0]["segment"] == 2
    segments[2]["status"] = "reviewed"
    assert lead.put(REMAKE, {"segments": segments}).status_code == 200
    segments = lead.get(REMAKE).get_json()["segments"]
    assert (segments[1]["status"], segments[2]["status"]) == ("approved", "reviewed")
    segments[1]["text"] = "Ethan entra."
    r = spanish.put(REMAKE, {"segments": segments})
    assert r.status_code == 403 and "segment 2" in r.get_json()["error"]["message"]
    assert spanish.put(REMAKE, {"segments": segments[2:]}).status_code == 403  # nor removes it
    assert lead.put(REMAKE, {"segments": segments}).status_code == 200
    segments = lead.get(REMAKE).get_json()["segments"]
    segments[3]["status"], segments[3]["note"] = "cut", ""
    r = spanish.put(REMAKE, {"segments": segments})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0] == {
        "field": "note", "segment": 4, "message": "a cut line needs its reason in the note"}
    segments[3]["note"] = "too long for 90 seconds"
    assert spanish.put(REMAKE, {"segments": segments}).status_code == 200
    assert api("marketing").put(REMAKE, {"segments": segments}).status_code == 403
