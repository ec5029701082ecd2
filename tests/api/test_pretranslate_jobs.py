"""Pre-translation of more than 20 episodes is a job: 202 with its URL, whose GET shows progress and then
the same answer a short range gives at once; in the serving process's pool and on Redis with
`localize worker`, machine translation included (the LibreTranslate double)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from fake_libretranslate import FakeLibreTranslate
from redis import Redis
from rq import Queue

from localize.app import jobs as app_jobs
from localize.app.jobs import backend_of

V = "/api/v1/series/heir/versions"
PRE = f"{V}/es-MX/pretranslate"
SRT = "1\n00:00:01,000 --> 00:00:03,500\nWhere were you?\n\n2\n00:00:04,000 --> 00:00:06,000\nAway.\n"
REDIS = "redis://127.0.0.1:6379/3"


def _poll(client, url, until, timeout_s=90.0) -> dict:
    deadline = time.monotonic() + timeout_s
    while True:
        r = client.get(url)
        assert r.status_code == 200, r.get_json()
        if until(r.get_json()):
            return r.get_json()
        assert time.monotonic() < deadline, r.get_json()
        time.sleep(0.05)


def _long_series(lead, episodes=24):
    assert lead.patch("/api/v1/series/heir", {"episode_count": episodes}).status_code == 200
    for n in (1, 22):
        r = lead.put(f"{V}/en-US/episodes/{n}/subtitles/en-US", data=SRT.encode(),
                     headers={"Content-Type": "application/x-subrip"})
        assert r.status_code == 201, r.get_json()


def test_a_long_range_answers_202_and_its_job_ends_with_the_same_answer(app, lead, series):
    _long_series(lead)
    with FakeLibreTranslate() as server:
        app.config.update(MT_PROVIDER="libre", MT_URL=server.url)
        try:
            r = lead.post(PRE, {"scope": ["subtitles"], "machine": True})
            assert r.status_code == 202, r.get_json()
            url = r.get_json()["job"]
            assert r.headers["Location"] == url
            done = _poll(lead, url, lambda j: j["status"] in ("done", "failed"))
        finally:
            backend_of(app).shutdown(wait=True)
    assert done["status"] == "done", done["error"]
    assert done["kind"] == "pretranslate" and done["progress"] == {"done": 24, "total": 24}
    assert done["result"] == {"filled": {"context": 0, "exact": 0, "fuzzy": 0, "machine": 4}, "left": 0,
                              "failed": [], "revisions": 2}
    cues = lead.get(f"{V}/es-MX/episodes/22/subtitles/es-MX").get_json()["cues"]
    assert [c["status"] for c in cues] == ["machine", "machine"] and cues[0]["text"]
    # 20 episodes or fewer answer at once with the same shape
    r = lead.post(PRE, {"episodes": list(range(1, 21)), "scope": ["subtitles"]})
    assert r.status_code == 200 and set(r.get_json()) == {"filled", "left", "failed", "revisions"}


def test_a_long_range_is_checked_before_it_becomes_a_job(lead, series):
    _long_series(lead)
    r = lead.post(PRE, {"episodes": list(range(1, 26))})  # 25 is past the series' 24
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "episodes"
    r = lead.post(PRE, {"machine": True})  # no provider configured
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "machine"


def test_on_redis_a_localize_worker_pretranslates(app, lead, series, db_url, tmp_path):
    queue = f"localize-test-{uuid.uuid4().hex[:12]}"
    app.config.update(QUEUE_URL=REDIS, QUEUE_NAME=queue)
    app_jobs.init_app(app)  # this app now hands its jobs to Redis
    _long_series(lead)
    try:
        with FakeLibreTranslate() as server:
            app.config.update(MT_PROVIDER="libre", MT_URL=server.url)
            r = lead.post(PRE, {"scope": ["subtitles"], "machine": True})
            assert r.status_code == 202, r.get_json()
            url = r.get_json()["job"]
            assert lead.get(url).get_json()["status"] == "queued"  # no worker yet
            env = {**os.environ, "DATABASE_URL": db_url, "LOCALIZE_QUEUE_URL": REDIS, "LOCALIZE_QUEUE_NAME": queue,
                   "LOCALIZE_INSTANCE_PATH": str(tmp_path / "worker"), "LOCALIZE_MT_PROVIDER": "libre",
                   "LOCALIZE_MT_URL": server.url}
            worker = subprocess.run([str(Path(sys.executable).parent / "localize"), "worker", "--burst"], env=env,
                                    capture_output=True, text=True, timeout=300)
            assert worker.returncode == 0, worker.stderr[-2000:]
            # one batch for episode 1's track; episode 22's same lines come from the cache
            assert server.translations() == [["Where were you?", "Away."]]
    finally:
        Queue(queue, connection=Redis.from_url(REDIS)).delete(delete_jobs=True)
    done = lead.get(url).get_json()
    assert done["status"] == "done", done
    assert done["result"]["filled"]["machine"] == 4 and done["result"]["revisions"] == 2
