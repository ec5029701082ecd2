"""Concurrent saves of one track: exactly one wins per revision, nothing is lost, nothing errors."""
from concurrent.futures import ThreadPoolExecutor

BASE = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"


def _vtt(text):
    return f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{text}\n".encode()


def _put(app, token, body, if_match=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/vtt"}
    if if_match:
        headers["If-Match"] = if_match
    with app.test_client() as client:
        return client.put(BASE, data=body, headers=headers).status_code


def test_same_revision_saved_by_eight_translators_at_once(app, api, series):
    translator = api("translator", ["es-MX"])
    etag = translator.put(BASE, data=_vtt("start"), headers={"Content-Type": "text/vtt"}).headers["ETag"]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: _put(app, translator.token, _vtt(f"version {i}"), etag), range(8)))
    assert sorted(codes) == [200] + [412] * 7
    assert translator.get(BASE).get_json()["revision"] == 2


def test_unconditional_saves_queue_and_all_become_revisions(app, api, series):
    translator = api("translator", ["es-MX"])
    translator.put(BASE, data=_vtt("start"), headers={"Content-Type": "text/vtt"})
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: _put(app, translator.token, _vtt(f"version {i}")), range(8)))
    assert codes == [200] * 8
    revisions = translator.get(BASE + "/revisions").get_json()["revisions"]
    assert [r["number"] for r in revisions] == list(range(9, 0, -1))
