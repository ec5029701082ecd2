"""JSON a strict parser refuses is a 400 everywhere, never a 500 (and nothing is stored)."""
from __future__ import annotations

import pytest

HOSTILE = {
    "huge number": '{"revision": 0, "cues": [{"start": 1e309, "end": 2, "text": "x"}]}',
    "NaN": '{"revision": 0, "cues": [{"start": NaN, "end": 2, "text": "x"}]}',
    "-Infinity": '{"revision": 0, "cues": [{"start": -Infinity, "end": 2, "text": "x"}]}',
    "deep nesting": '{"cues": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "lone surrogate": '{"revision": 0, "cues": [{"start": 1, "end": 2, "text": "\\ud800"}]}',
}
TRACK = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_json_is_a_400_on_every_json_endpoint(series, lead, name):
    body = HOSTILE[name]
    views_body = body.replace('"revision": 0, "cues"', '"rows"')
    calls = [
        ("PUT", TRACK, body),
        ("POST", "/api/v1/series", body),
        ("PATCH", "/api/v1/series/heir", body),
        ("POST", "/api/v1/series/heir/views", views_body),
        ("POST", TRACK + "/translate", body),
    ]
    for method, path, data in calls:
        r = lead._call(method, path, data=data, headers={"Content-Type": "application/json"})
        assert r.status_code == 400, (method, path, r.status_code, r.get_data(as_text=True)[:200])
        assert r.get_json()["error"]["code"] == "malformed_json", (method, path)
    assert lead.get(TRACK).status_code == 404  # nothing was stored
