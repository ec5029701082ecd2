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


def _ingest(app, token, body: bytes) -> tuple[int, dict]:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
    with app.test_client() as client:
        for _ in range(20):  # two imports into one series may collide on its rollups: 409, retry
            r = client.post("/api/v1/series/heir/views", data=body, headers=headers)
            if r.status_code != 409:
                return r.status_code, r.get_json()
    return r.status_code, r.get_json()


def test_concurrent_ingests_report_true_counts(app, api, series):
    """Counts stay true when imports overlap: each batch's inserted + replaced is its row count."""
    marketing = api("marketing")
    head = "date,locale,episode,views,unlocks,revenue\n"
    days = [f"2026-0{m}-{d:02d}" for m in (1, 2) for d in range(1, 29)]

    def batch(offset: int) -> bytes:  # overlapping halves: each day of a batch is in one other batch
        chosen = days[offset:offset + 28]
        return (head + "".join(f"{day},en-US,{ep},{offset + 1},0,0\n" for day in chosen for ep in range(1, 6))).encode()

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda o: _ingest(app, marketing.token, batch(o)), (0, 14, 28, 0)))
    assert [code for code, _ in answers] == [200] * 4, answers
    for _, body in answers:
        assert body["rows"] == 140 and body["inserted"] >= 0 and body["replaced"] >= 0
        assert body["inserted"] + body["replaced"] == 140
    assert sum(body["inserted"] for _, body in answers) == len(days) * 5  # every stored row inserted once
