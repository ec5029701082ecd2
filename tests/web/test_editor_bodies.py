"""The editor's JSON bodies, validated by the subtitle schemas as the API's are (issue 12, point 11)."""
import re

import pytest

BASE = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
PAGE = "/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
CUES = [{"start": 1, "end": 2, "text": "Hola."}]


def _token(client) -> str:
    html = client.get(PAGE).get_data(as_text=True)
    return re.search(r'name="csrf(?:-token" content|_token" value)="([^"]+)"', html).group(1)


@pytest.fixture
def editor(client, sign_in, series, api):
    api("translator", ["es-MX"]).put(BASE, {"cues": CUES})
    sign_in("translator", ["es-MX"])
    token = _token(client)

    def call(method, path, body=None, **kw):
        return client.open(PAGE + path, method=method, json=body, headers={"X-CSRFToken": token}, **kw)
    return call


@pytest.mark.parametrize("revision", [True, "1", None])
def test_editor_save_revision_must_be_an_integer(editor, revision):
    r = editor("PUT", "/cues.json", {"revision": revision, "cues": CUES})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "revision"
    assert editor("GET", "/cues.json").get_json()["revision"] == 1


def test_editor_save_without_a_body_is_400_and_bad_cues_422(editor):
    r = editor("PUT", "/cues.json", data="nope", content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"
    r = editor("PUT", "/cues.json", {"revision": 1, "cues": [{"start_ms": 5, "end_ms": 900, "text": "a --> b"}]})
    assert r.status_code == 422
    assert r.get_json()["error"]["details"] == [{"field": "text", "cue": 1, "message": "cue text cannot contain '-->'"}]
    r = editor("PUT", "/cues.json", {"revision": 1, "summary": "  trimmed ", "cues": [{"start_ms": 5, "end_ms": 900}]})
    assert r.status_code == 200 and r.get_json()["revisions"][0]["summary"] == "trimmed"


def test_editor_restore_body(editor):
    assert editor("POST", "/revisions/1/restore").status_code == 400
    r = editor("POST", "/revisions/1/restore", {"revision": "1"})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "revision"
    r = editor("POST", "/revisions/1/restore", {"revision": True})
    assert r.status_code == 422
    assert editor("GET", "/cues.json").get_json()["revision"] == 1


@pytest.mark.parametrize("body", [
    '{"revision": 1, "cues": [{"start": 1e309, "end": 2, "text": "x"}]}',
    '{"revision": 1, "cues": [{"start": NaN, "end": 2, "text": "x"}]}',
    '{"revision": 1, "cues": [{"start": 1, "end": 2, "text": "\\ud800"}]}',
    '{"revision": 1, "cues": ' + "[" * 100_000 + "]" * 100_000 + "}",
])
def test_the_editor_refuses_json_a_strict_parser_refuses(editor, body):
    for method, path in (("PUT", "/cues.json"), ("POST", "/revisions/1/restore")):
        r = editor(method, path, data=body, content_type="application/json")
        assert r.status_code == 400, (path, r.status_code)
        assert r.get_json()["error"]["code"] == "bad_request"
    assert editor("GET", "/cues.json").get_json()["revision"] == 1  # nothing was saved
