"""XLIFF on the script page and in the subtitle editor through the Flask test client (every backend):
the download links, an upload applied, a conflict listed unit by unit, CSRF and roles."""
from __future__ import annotations

import io

import pytest
from xliff_cat import translate, units

V = "/api/v1/series/heir/versions"
PAGE = "/series/heir/versions/es-MX/episodes/1/script"
TRACK = "/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
FOUNTAIN = "INT. MANSION - NIGHT\n\nEthan walks in, soaked.\n"
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nWhere were you?\n"


@pytest.fixture
def work(lead, series):
    assert lead.put(f"{V}/en-US/episodes/1/script", data=FOUNTAIN.encode(),
                    headers={"Content-Type": "text/plain"}).status_code == 201
    assert lead.post(f"{V}/es-MX/episodes/1/script/translate", {}).status_code == 201
    assert lead.put(f"{V}/en-US/episodes/1/subtitles/en-US", data=VTT.encode(),
                    headers={"Content-Type": "text/vtt"}).status_code == 201
    assert lead.post(f"{V}/es-MX/episodes/1/subtitles/es-MX/translate",
                     {"source_locale": "en-US", "source_language": "en-US"}).status_code == 201


def _upload(post_form, path, data, page):
    return post_form(path + "/xliff", {"file": (io.BytesIO(data), "agency.xlf")}, token_from=page,
                     content_type="multipart/form-data")


def test_script_page_downloads_and_applies_xliff(client, sign_in, post_form, work, lead):
    sign_in("translator", ["es-MX"])
    html = client.get(PAGE).get_data(as_text=True)
    assert f'href="{PAGE}.xlf"' in html and f'action="{PAGE}/xliff"' in html and "Apply an XLIFF file" in html
    exported = client.get(PAGE + ".xlf")
    assert exported.status_code == 200 and exported.mimetype == "application/x-xliff+xml"
    assert 'filename="ep001.script.es-MX.xlf"' in exported.headers["Content-Disposition"]
    first = list(units(exported.data))[1]
    r = _upload(post_form, PAGE, translate(exported.data, {first: ("Ethan entra, empapado.", None)}), PAGE)
    assert r.status_code == 302
    assert lead.get(f"{V}/es-MX/episodes/1/script").get_json()["segments"][1]["text"] == "Ethan entra, empapado."
    assert "agency.xlf applied: 1 unit changed, revision 2." in client.get(PAGE).get_data(as_text=True)


def test_a_conflict_is_listed_on_the_page_and_nothing_is_applied(client, sign_in, post_form, work, lead):
    sign_in("translator", ["es-MX"])
    exported = client.get(PAGE + ".xlf").data
    segments = lead.get(f"{V}/es-MX/episodes/1/script").get_json()["segments"]
    segments[1]["text"] = "Lo cambió el lead."
    assert lead.put(f"{V}/es-MX/episodes/1/script", {"segments": segments}).status_code == 200
    unit = list(units(exported))[1]
    r = _upload(post_form, PAGE, translate(exported, {unit: ("Ethan entra.", None)}), PAGE)
    html = r.get_data(as_text=True)
    assert r.status_code == 409
    assert "1 unit was changed here since the export" in html and 'id="xliff-problems"' in html
    assert f"Unit {unit} (line" in html and "Lo cambió el lead." in html
    r = _upload(post_form, PAGE, b"<xliff>\n<file>", PAGE)
    assert r.status_code == 422 and "agency.xlf was not applied" in r.get_data(as_text=True)


def test_subtitle_editor_downloads_and_applies_xliff(client, sign_in, post_form, work, lead):
    sign_in("translator", ["es-MX"])
    html = client.get(TRACK).get_data(as_text=True)
    assert f'href="{TRACK}.xlf"' in html and f'action="{TRACK}/xliff"' in html
    exported = client.get(TRACK + ".xlf").data
    r = _upload(post_form, TRACK, translate(exported, {"c1000-3000": ("¿Dónde estabas?", "translated")}), TRACK)
    assert r.status_code == 302
    cue = lead.get(f"{V}/es-MX/episodes/1/subtitles/es-MX").get_json()["cues"][0]
    assert (cue["text"], cue["status"]) == ("¿Dónde estabas?", "translated")


def test_csrf_and_roles(client, sign_in, post_form, work):
    sign_in("translator", ["fr"])
    exported = client.get(PAGE + ".xlf").data
    assert "Apply an XLIFF file" not in client.get(PAGE).get_data(as_text=True)
    assert _upload(post_form, PAGE, exported, PAGE).status_code == 403
    assert _upload(post_form, TRACK, client.get(TRACK + ".xlf").data, TRACK).status_code == 403
    sign_in("translator", ["es-MX"])
    r = client.post(PAGE + "/xliff", data={"file": (io.BytesIO(exported), "a.xlf")}, content_type="multipart/form-data")
    assert r.status_code == 400
