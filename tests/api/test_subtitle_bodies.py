"""JSON bodies of the subtitle endpoints, API and editor, validated by one schema layer (issue 12, point 11)."""
import pytest

BASE = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
CUES = [{"start": 1, "end": 2, "text": "Hola."}]


@pytest.fixture
def translator(api, series):
    return api("translator", ["es-MX"])


def test_api_save_revision_of_the_wrong_type_is_422_naming_it(translator):
    assert translator.put(BASE, {"cues": CUES}).status_code == 201
    for revision in (True, "1", "2", 1.0):
        r = translator.put(BASE, {"revision": revision, "cues": CUES + [{"start": 3, "end": 4, "text": "x"}]})
        assert r.status_code == 422, (revision, r.get_json())
        error = r.get_json()["error"]
        assert error["code"] == "validation_failed" and error["details"][0]["field"] == "revision"
    assert translator.get(BASE).get_json()["revision"] == 1  # nothing was saved
    assert translator.put(BASE, {"revision": 1, "cues": CUES + [{"start": 3, "end": 4}]}).status_code == 200


def test_api_save_cue_problems_name_each_cue_and_field(translator):
    r = translator.put(BASE, {"cues": [{"start": 1, "end": 2, "status": "done"}, {"end": 1}, "x"]})
    assert r.status_code == 422
    details = r.get_json()["error"]["details"]
    assert [(d["cue"], d["field"]) for d in details] == [(1, "status"), (2, "start"), (3, "cues")]
    assert r.get_json()["error"]["message"] == "3 problem(s) in the cues"
    r = translator.put(BASE, {"summary": "no cues"})
    assert r.status_code == 422 and r.get_json()["error"]["details"] == [{"field": "cues", "message": "Field required"}]
    r = translator.put(BASE, data="[1]", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "malformed_json"


def test_api_save_summary_and_if_match(translator):
    first = translator.put(BASE, {"cues": CUES, "summary": "first cut"})
    assert translator.get(BASE + "/revisions").get_json()["revisions"][0]["summary"] == "first cut"
    # If-Match wins over the body's revision, as before.
    r = translator.put(BASE, {"revision": 7, "cues": [{"start_ms": 1000, "end_ms": 2500, "text": "Hola."}]},
                       headers={"If-Match": first.headers["ETag"]})
    assert r.status_code == 200 and r.get_json()["revision"] == 2


def test_translate_body_is_validated(lead, translator):
    en = "/api/v1/series/heir/versions/en-US/episodes/1/subtitles/en-US"
    assert lead.put(en, {"cues": CUES}).status_code == 201
    r = translator.post(BASE + "/translate", {"prefill": "human"})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "prefill"
    r = translator.post(BASE + "/translate", {"source_language": ["en"]})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "source_language"
    r = translator.post(BASE + "/translate", {"source_locale": "en-US", "prefill": "machine"})
    assert r.status_code == 422 and r.get_json()["error"]["details"] == [{"field": "prefill"}]  # not configured
    r = translator.post(BASE + "/translate", {"source_locale": "en-US", "source_language": None, "prefill": None})
    assert r.status_code == 201 and r.get_json()["cues"] == 1
