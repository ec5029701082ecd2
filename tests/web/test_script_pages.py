"""The script page, a version's scripts and the page's JSON endpoints through the Flask test client
(every backend): roles, approving, conflicts, import errors, history, adaptation, links."""
from __future__ import annotations

import io
import json
import re
from urllib.parse import urlsplit

import pytest

V = "/api/v1/series/heir/versions"
PAGE = "/series/heir/versions/es-MX/episodes/1/script"
ORIGINAL_PAGE = "/series/heir/versions/en-US/episodes/1/script"
INDEX = "/series/heir/versions/es-MX/scripts"
FOUNTAIN = """INT. MANSION - NIGHT

Ethan walks in, soaked.

ETHAN
I came back for what is mine.

CLAIRE
(whispering)
You were gone for 3 years.
"""
BROKEN_FDX = ('<?xml version="1.0"?>\n<FinalDraft DocumentType="Script">\n<Content>\n'
              '<Paragraph Type="Action"><Text>Hi</Text>\n</Content>\n</FinalDraft>\n')


def put_fountain(api, path, text):
    return api.put(path, data=text.encode(), headers={"Content-Type": "text/plain"})


@pytest.fixture
def adaptation(lead, series, script_formats):
    """Episode 1: the original's script (4 segments) and the remake's adaptation of it (revision 1, all new)."""
    assert put_fountain(lead, f"{V}/en-US/episodes/1/script", FOUNTAIN).status_code == 201
    r = lead.post(f"{V}/es-MX/episodes/1/script/translate", {})
    assert r.status_code == 201, r.get_json()
    return lead.get(f"{V}/es-MX/episodes/1/script").get_json()


def page_data(response) -> dict:
    html = response.get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="script-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def csrf(client, path: str = PAGE) -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf(?:-token" content|_token" value)="([^"]+)"', html).group(1)


def save(client, segments, revision, token=None, summary="adapted"):
    return client.put(PAGE + ".json", json={"revision": revision, "summary": summary, "segments": segments},
                      headers={"X-CSRFToken": token or csrf(client)})


def adapted(segments, **changes):
    """The segments with changes by position: {2: {"text": ..., "status": ...}}."""
    out = [dict(s) for s in segments]
    for position, values in changes.items():
        out[int(position.removeprefix("p")) - 1].update(values)
    return out


# --- access ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [PAGE, INDEX, PAGE + ".fountain", PAGE + ".fdx"])
def test_anonymous_is_sent_to_login(client, adaptation, path):
    r = client.get(path)
    assert r.status_code == 302 and urlsplit(r.headers["Location"]).path == "/login"


def test_anonymous_json_is_401(client, adaptation):
    assert client.get(PAGE + ".json").status_code == 401
    assert client.get(PAGE + "/revisions.json").status_code == 401


def test_lead_sees_the_original_beside_the_adaptation_with_review_buttons(client, sign_in, adaptation):
    sign_in("lead")
    r = client.get(PAGE)
    assert r.status_code == 200
    data = page_data(r)
    assert data["can_edit"] and data["can_review"] and not data["original"] and data["revision"] == 1
    segments = data["segments"]
    assert [s["kind"] for s in segments] == ["scene", "action", "dialogue", "dialogue"]
    assert all(s["status"] == "new" and s["source"] for s in segments)
    source = data["sources"][str(segments[3]["source"]["id"])]
    assert source == {"kind": "dialogue", "speaker": "Claire", "extension": None, "parenthetical": "whispering"}
    assert segments[3]["character"]["name"] == "Claire"
    # Checks inline: every line still to adapt is a finding on its segment.
    assert {(f["segment"], f["rule"]) for f in data["checks"]} >= {(1, "untranslated"), (4, "untranslated")}
    assert data["rules"]["untranslated"] and data["statuses"]["approved"] == "approved"
    assert [rev["number"] for rev in data["revisions"]] == [1]
    html = r.get_data(as_text=True)
    for needle in ('id="ed-approve-all"', 'data-set-status="approved"', "script.js", PAGE + ".fountain",
                   PAGE + ".fdx", "/series/heir/versions/es-MX/episodes/1/dialogue-list.csv"):
        assert needle in html


def test_translator_of_the_language_adapts_and_saves(client, sign_in, adaptation):
    sign_in("translator", ["es-MX"])
    data = page_data(client.get(PAGE))
    assert data["can_edit"] and not data["can_review"]
    assert 'data-set-status="approved"' not in client.get(PAGE).get_data(as_text=True)
    segments = adapted(data["segments"], p3={"text": "Volví por lo que es mío.", "status": "translated"},
                       p4={"text": "Te fuiste 3 años.", "status": "translated", "parenthetical": "susurrando"})
    r = save(client, segments, 1)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["revision"] == 2 and body["changed"] is True
    assert [s["status"] for s in body["segments"]] == ["new", "new", "translated", "translated"]
    assert body["segments"][3]["parenthetical"] == "susurrando"
    assert not [f for f in body["checks"] if f["segment"] in (3, 4)]
    assert body["revisions"][0]["number"] == 2 and body["revisions"][0]["summary"] == "adapted"
    # Reviewing is a lead's: a translator marking a line approved is refused.
    r = save(client, adapted(body["segments"], p3={"status": "approved"}), 2)
    assert r.status_code == 403 and "only leads" in r.get_json()["error"]["message"]
    # A cut needs its reason.
    r = save(client, adapted(body["segments"], p2={"status": "cut", "note": ""}), 2)
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "note"
    r = save(client, adapted(body["segments"], p2={"status": "cut", "note": "the remake opens on the street"}), 2)
    assert r.status_code == 200 and r.get_json()["segments"][1]["status"] == "cut"


def test_translator_of_another_language_reads_only(client, sign_in, adaptation):
    sign_in("translator", ["pt-BR"])
    r = client.get(PAGE)
    assert r.status_code == 200
    assert not page_data(r)["can_edit"]
    html = r.get_data(as_text=True)
    assert "Read-only" in html and 'id="ed-save"' not in html
    token = csrf(client)
    segments = adapted(adaptation["segments"], p3={"text": "Volví.", "status": "translated"})
    assert save(client, segments, 1, token).status_code == 403
    assert client.post(PAGE + "/revisions/1/restore", json={"revision": 1},
                       headers={"X-CSRFToken": token}).status_code == 403
    r = client.post(PAGE + "/upload", data={"csrf_token": token, "file": (io.BytesIO(FOUNTAIN.encode()), "a.fountain")})
    assert r.status_code == 403
    assert client.post(PAGE + "/translate", data={"csrf_token": token}).status_code == 403


def test_save_needs_the_csrf_header(client, sign_in, adaptation):
    sign_in("lead")
    r = client.put(PAGE + ".json", json={"revision": 1, "segments": adaptation["segments"]})
    assert r.status_code == 400


def test_lead_approves_and_an_approved_line_is_read_only_for_a_translator(client, sign_in, make_user, adaptation):
    sign_in("lead")
    segments = adapted(adaptation["segments"], p3={"text": "Volví por lo que es mío.", "status": "approved"},
                       p4={"text": "Te fuiste 3 años.", "status": "reviewed"})
    r = save(client, segments, 1, summary="approved line 3")
    assert r.status_code == 200, r.get_json()
    stored = r.get_json()["segments"]
    assert [s["status"] for s in stored] == ["new", "new", "approved", "reviewed"]
    sign_in("translator", ["es-MX"])
    token = csrf(client)
    r = save(client, adapted(stored, p3={"text": "Regresé por lo mío."}), 2, token)
    assert r.status_code == 403 and "approved" in r.get_json()["error"]["message"]
    # The other lines stay the translator's to write (a reviewed one too).
    r = save(client, adapted(stored, p4={"text": "Te fuiste tres años... 3 años."}), 2, token)
    assert r.status_code == 200 and r.get_json()["segments"][2]["text"] == "Volví por lo que es mío."


def test_a_stale_save_answers_412_with_both_versions(client, sign_in, adaptation):
    sign_in("translator", ["es-MX"])
    token = csrf(client)
    first = adapted(adaptation["segments"], p3={"text": "Volví por lo que es mío.", "status": "translated"})
    assert save(client, first, 1, token).status_code == 200
    mine = adapted(adaptation["segments"], p4={"text": "Te fuiste 3 años.", "status": "translated"})
    r = save(client, mine, 1, token, summary="my line")
    assert r.status_code == 412
    body = r.get_json()
    assert body["error"]["code"] == "precondition_failed"
    theirs = body["theirs"]
    assert theirs["revision"] == 2 and theirs["segments"][2]["text"] == "Volví por lo que es mío."
    assert theirs["latest"]["number"] == 2 and theirs["sources"] and theirs["checks"]
    assert body["mine"]["revision"] == 1 and body["mine"]["segments"][3]["text"] == "Te fuiste 3 años."
    # Nothing was written by the refused save.
    assert client.get(PAGE + ".json").get_json()["segments"][3]["text"] == adaptation["segments"][3]["text"]


def test_history_diff_and_restore(client, sign_in, adaptation):
    sign_in("lead")
    token = csrf(client)
    r = save(client, adapted(adaptation["segments"], p4={"text": "Te fuiste 3 años.", "status": "translated"}), 1, token)
    assert r.status_code == 200
    for n in range(2, 5):
        segments = adapted(r.get_json()["segments"], p1={"text": f"EXT. CALLE - NOCHE {n}", "status": "translated"})
        r = save(client, segments, n, token, summary=f"save {n}")
        assert r.status_code == 200
    page = client.get(PAGE + "/revisions.json?limit=2").get_json()
    assert [r["number"] for r in page["revisions"]] == [5, 4] and page["next"]
    older = client.get(page["next"]).get_json()
    assert [r["number"] for r in older["revisions"]] == [3, 2]
    one = client.get(PAGE + "/revisions/2.json").get_json()
    assert one["number"] == 2 and [d["op"] for d in one["diff"]] == ["changed"]
    change = one["diff"][0]
    assert change["position"] == 4 and change["new"]["text"] == "Te fuiste 3 años."
    assert change["new"]["speaker"] == "Claire" and change["old"]["status"] == "new"
    r = client.post(PAGE + "/revisions/1/restore", json={"revision": 4}, headers={"X-CSRFToken": token})
    assert r.status_code == 412 and r.get_json()["theirs"]["revision"] == 5
    r = client.post(PAGE + "/revisions/1/restore", json={"revision": 5}, headers={"X-CSRFToken": token})
    assert r.status_code == 200
    body = r.get_json()
    assert body["revision"] == 6 and body["segments"][3]["text"] == adaptation["segments"][3]["text"]
    assert body["revisions"][0]["changes"]["restored_from"] == 1


def test_outdated_segment_carries_what_it_was_written_against(client, sign_in, lead, adaptation):
    sign_in("translator", ["es-MX"])
    segments = adapted(adaptation["segments"], p4={"text": "Te fuiste 3 años.", "status": "translated"})
    assert save(client, segments, 1).status_code == 200
    changed = FOUNTAIN.replace("You were gone for 3 years.", "You were gone for 4 long years.")
    assert put_fountain(lead, f"{V}/en-US/episodes/1/script", changed).status_code == 200
    data = page_data(client.get(PAGE))
    line = data["segments"][3]
    assert line["outdated"] is True
    assert line["source"]["written_against"] == "You were gone for 3 years."
    assert line["source"]["text"] == "You were gone for 4 long years."
    assert {"segment": 4, "rule": "outdated"}.items() <= next(f for f in data["checks"] if f["rule"] == "outdated").items()
    # Saving the segment untouched keeps the flag; confirming it (outdated: false) clears it.
    keep = adapted(data["segments"], p3={"text": "Volví.", "status": "translated"})
    keep[3]["outdated"] = None
    body = save(client, keep, 2).get_json()
    assert body["segments"][3]["outdated"] is True
    confirm = [dict(s) for s in body["segments"]]
    confirm[3]["outdated"] = False
    body = save(client, confirm, 3).get_json()
    assert body["segments"][3]["outdated"] is False
    assert body["segments"][3]["source"]["written_against"] == "You were gone for 4 long years."


# --- import, export, adaptation -------------------------------------------------------------

def test_import_error_names_the_line_and_keeps_the_script(client, sign_in, adaptation):
    sign_in("lead")
    token = csrf(client, ORIGINAL_PAGE)
    r = client.post(ORIGINAL_PAGE + "/upload", data={"csrf_token": token, "revision": "1",
                                                     "file": (io.BytesIO(BROKEN_FDX.encode()), "ep1.fdx")})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert re.search(r"ep1\.fdx was not imported\. Line 5: not well-formed XML", html)
    assert 'id="page-error"' in html and page_data(r)["revision"] == 1
    r = client.post(ORIGINAL_PAGE + "/upload", data={"csrf_token": token, "revision": "1",
                                                     "file": (io.BytesIO(b"   \n"), "empty.fountain")})
    assert r.status_code == 422 and "empty" in r.get_data(as_text=True)


def test_upload_replaces_the_original_and_keeps_ids(client, sign_in, adaptation):
    sign_in("lead")
    before = page_data(client.get(ORIGINAL_PAGE))
    assert before["original"] and before["can_edit"] and not before["can_review"]
    token = csrf(client, ORIGINAL_PAGE)
    text = FOUNTAIN.replace("soaked.", "soaked to the bone.") + "\nNINA\nWho is he?\n"
    r = client.post(ORIGINAL_PAGE + "/upload", data={"csrf_token": token, "revision": "1", "summary": "draft 2",
                                                     "file": (io.BytesIO(text.encode()), "ep1.fountain")})
    assert r.status_code == 302 and urlsplit(r.headers["Location"]).path == ORIGINAL_PAGE
    html = client.get(ORIGINAL_PAGE).get_data(as_text=True)
    assert "ep1.fountain imported: 5 segments, revision 2." in html and "New characters: Nina." in html
    after = page_data(client.get(ORIGINAL_PAGE))["segments"]
    assert [s["id"] for s in after[:4]] == [s["id"] for s in before["segments"]]
    # The adaptation of the edited action line is now outdated.
    remake = page_data(client.get(PAGE))["segments"]
    assert remake[1]["outdated"] and remake[1]["source"]["written_against"] == "Ethan walks in, soaked."


def test_original_is_written_by_leads_only(client, sign_in, adaptation):
    sign_in("translator", ["en-US", "es-MX"])
    r = client.get(ORIGINAL_PAGE)
    assert not page_data(r)["can_edit"] and "leads write the original" in r.get_data(as_text=True)
    data = page_data(r)
    r = client.put(ORIGINAL_PAGE + ".json", json={"revision": 1, "segments": data["segments"]},
                   headers={"X-CSRFToken": csrf(client, ORIGINAL_PAGE)})
    assert r.status_code == 403


def test_downloads(client, sign_in, adaptation, script_formats):
    sign_in("marketing")
    r = client.get(PAGE + ".fountain")
    assert r.status_code == 200 and 'filename="ep001.es-MX.fountain"' in r.headers["Content-Disposition"]
    assert [s.kind for s in script_formats.parse(r.data).segments] == ["scene", "action", "dialogue", "dialogue"]
    r = client.get(PAGE + ".fdx")
    assert r.status_code == 200 and b"<FinalDraft" in r.data
    r = client.get("/series/heir/versions/es-MX/episodes/1/dialogue-list.csv")
    assert r.status_code == 200 and r.get_data(as_text=True).startswith("number,in,out,character,source,text,note")
    assert client.get("/series/heir/versions/es-MX/episodes/2/script.fountain").status_code == 404
    r = client.get("/series/heir/versions/es-MX/scripts.zip?format=fdx")
    assert r.status_code == 200 and r.data[:2] == b"PK"


def test_start_adaptation_for_leads(client, sign_in, lead, series, script_formats):
    sign_in("lead")
    r = client.get(PAGE)
    html = r.get_data(as_text=True)
    assert page_data_absent(html) and "The original has no script for this episode yet." in html
    assert put_fountain(lead, f"{V}/en-US/episodes/1/script", FOUNTAIN).status_code == 201
    html = client.get(PAGE).get_data(as_text=True)
    assert 'id="start-adaptation"' in html
    token = csrf(client)
    r = client.post(PAGE + "/translate", data={"csrf_token": token})
    assert r.status_code == 302 and urlsplit(r.headers["Location"]).path == PAGE
    assert "Adaptation started: 4 segments to adapt." in client.get(PAGE).get_data(as_text=True)
    assert page_data(client.get(PAGE))["revision"] == 1
    r = client.post(PAGE + "/translate", data={"csrf_token": token})
    assert r.status_code == 409 and "already has a script" in r.get_data(as_text=True)
    # A translator is never offered it.
    sign_in("translator", ["es-MX"])
    html = client.get("/series/heir/versions/es-MX/episodes/2/script").get_data(as_text=True)
    assert 'id="start-adaptation"' not in html


def page_data_absent(html: str) -> bool:
    return 'id="script-data"' not in html


def test_index_counts_segments_by_status_and_outdated(client, sign_in, lead, adaptation):
    sign_in("translator", ["es-MX"])
    segments = adapted(adaptation["segments"], p3={"text": "Volví.", "status": "translated"},
                       p4={"text": "Te fuiste 3 años.", "status": "translated"})
    assert save(client, segments, 1).status_code == 200
    changed = FOUNTAIN.replace("You were gone for 3 years.", "You were gone for 4 years.")
    assert put_fountain(lead, f"{V}/en-US/episodes/1/script", changed).status_code == 200
    r = client.get(INDEX)
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    row = re.search(r'<tr id="episode-1">(.*?)</tr>', html, re.S).group(1)
    assert "new: 2" in row and "translated: 2" in row and "1 outdated" in row and PAGE in row
    assert "no script yet" in re.search(r'<tr id="episode-2">(.*?)</tr>', html, re.S).group(1)
    assert "1 episode has a script." in html


def test_links_from_the_series_and_episode_pages(client, sign_in, adaptation):
    sign_in("marketing")
    assert INDEX in client.get("/series/heir").get_data(as_text=True)
    html = client.get("/series/heir/episodes/1").get_data(as_text=True)
    assert PAGE in html and ORIGINAL_PAGE in html


def test_pages_speak_spanish(client, sign_in, adaptation):
    sign_in("lead")
    with client.session_transaction() as session:
        session["ui_locale"] = "es"
    html = client.get(PAGE).get_data(as_text=True)
    data = page_data(client.get(PAGE))
    assert "Aprobar todo lo traducido" in html
    assert data["statuses"]["approved"] == "aprobado" and data["strings"]["saving"] == "Guardando…"
