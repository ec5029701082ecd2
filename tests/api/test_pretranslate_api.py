"""POST .../versions/<locale>/pretranslate: leads only, a strict body (422 naming the field), counts per kind."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

V = "/api/v1/series/heir/versions"
PRE = f"{V}/es-MX/pretranslate"
EN_TRACK = f"{V}/en-US/episodes/1/subtitles/en-US"
ES_TRACK = f"{V}/es-MX/episodes/1/subtitles/es-MX"
SRT = "1\n00:00:01,000 --> 00:00:03,500\nWhere were you?\n\n2\n00:00:04,000 --> 00:00:06,000\nAway.\n"
RUN = settings(max_examples=150, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def test_leads_pretranslate_translators_may_not(api, lead, series):
    assert lead.put(EN_TRACK, data=SRT.encode(), headers={"Content-Type": "application/x-subrip"}).status_code == 201
    assert api("translator", ["es-MX"]).post(PRE, {}).status_code == 403
    assert api("marketing").post(PRE, {}).status_code == 403
    r = lead.post(PRE)  # no body: every episode, both scopes, exact matches only
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"filled": {"context": 0, "exact": 0, "fuzzy": 0, "machine": 0}, "left": 2,
                            "failed": [], "revisions": 1}
    assert [c["status"] for c in lead.get(ES_TRACK).get_json()["cues"]] == ["untranslated", "untranslated"]
    assert api("admin").post(PRE, {"episodes": [1], "scope": ["subtitles"]}).get_json()["revisions"] == 0


def test_machine_through_the_configured_provider(app, lead, series):
    assert lead.put(EN_TRACK, data=SRT.encode(), headers={"Content-Type": "application/x-subrip"}).status_code == 201
    r = lead.post(PRE, {"machine": True})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "machine"
    with FakeLibreTranslate() as server:
        app.config.update(MT_PROVIDER="libre", MT_URL=server.url)
        r = lead.post(PRE, {"episodes": [1], "scope": ["subtitles"], "machine": True})
        assert r.status_code == 200, r.get_json()
        assert r.get_json()["filled"]["machine"] == 2 and server.translations() == [["Where were you?", "Away."]]
    assert [c["status"] for c in lead.get(ES_TRACK).get_json()["cues"]] == ["machine", "machine"]
    # machine output waits for a person: an error of the track's QC, so the episode is not ready
    qc = lead.get(ES_TRACK + "/qc").get_json()
    assert [(f["cue"], f["rule"], f["severity"]) for f in qc["qc"] if f["rule"] == "unconfirmed"] == [
        (1, "unconfirmed", "error"), (2, "unconfirmed", "error")]


def test_bad_fields_are_named(lead, series):
    for body, field in [({"episodes": [0]}, "episodes"), ({"episodes": "1-3"}, "episodes"),
                        ({"scope": []}, "scope"), ({"scope": ["video"]}, "scope"), ({"min_score": 74}, "min_score"),
                        ({"min_score": 101}, "min_score"), ({"min_score": "90"}, "min_score"),
                        ({"machine": "yes"}, "machine"), ({"speed": 1}, "speed")]:
        r = lead.post(PRE, body)
        assert r.status_code == 422, (body, r.get_json())
        assert r.get_json()["error"]["details"][0]["field"] == field, body
    assert lead.post(f"{V}/en-US/pretranslate", {}).status_code == 422  # the original is the source
    assert lead.post(f"{V}/de/pretranslate", {}).status_code == 404
    r = lead._call("POST", PRE, data="[1]", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


values = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                   st.text(max_size=12), st.lists(st.integers(-5, 20), max_size=5),
                   st.lists(st.sampled_from(["script", "subtitles", "x", ""]), max_size=4))
bodies = st.one_of(st.dictionaries(st.sampled_from(["episodes", "scope", "min_score", "machine", "other"]), values),
                   values)


@RUN
@given(body=bodies)
def test_any_body_is_answered_2xx_or_4xx_never_5xx(lead, series, body):
    r = lead._call("POST", PRE, data=json.dumps(body), headers={"Content-Type": "application/json"})
    assert r.status_code in (200, 400, 422), (body, r.status_code, r.get_data(as_text=True)[:300])
    event(f"answered {r.status_code}")
