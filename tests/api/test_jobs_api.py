"""Jobs over HTTP, on both databases: a short range answers at once, a long one is a job whose GET
shows its progress and then the same answer; in this process's pool, and on Redis with
`localize worker`; failures, stale workers, and who may read a job."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import job_kinds  # noqa: F401  (registers the test kinds)
import pytest
from flask import g, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize import create_app, db
from localize.api.jobs import answer_or_enqueue
from localize.app.jobs import backend_of
from localize.db import request_session
from localize.models import Job
from localize.security import csrf
from localize.users.service import user_for_token

REDIS = "redis://127.0.0.1:6379/3"  # db 3: this feature's, apart from anything else on the box
TESTS = Path(__file__).resolve().parents[1]


class Bearer:
    """A test client sending one API token (the shared `api` fixture serves only the default app)."""

    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path):
        return self.client.get(path, headers=self.headers)

    def post(self, path, json=None):
        return self.client.post(path, json=json, headers=self.headers)


def _add_start_route(app) -> None:
    """POST /test/jobs {"episodes": n, "params": {...}}: a route of the test kind, as pre-translation's will be."""
    def start():
        g.api_user = user_for_token(request_session(), request.headers["Authorization"].split()[1])
        body = request.get_json()
        return answer_or_enqueue("test.steps", body["params"], size=body["episodes"])
    app.add_url_rule("/test/jobs", "test_jobs", csrf.exempt(start), methods=["POST"])


@pytest.fixture
def jobs_app(app):
    _add_start_route(app)
    yield app
    backend_of(app).shutdown(wait=True)


@pytest.fixture
def queue_name():
    name = f"localize-test-{uuid.uuid4().hex[:12]}"
    yield name
    from redis import Redis
    from rq import Queue
    Queue(name, connection=Redis.from_url(REDIS)).delete(delete_jobs=True)


@pytest.fixture
def queued_app(db_url, tmp_path, queue_name):
    app = create_app({"DATABASE_URL": db_url, "TESTING": True, "QUEUE_URL": REDIS, "QUEUE_NAME": queue_name})
    app.instance_path = str(tmp_path / "instance")
    _add_start_route(app)
    return app


def _start(api, episodes, **params):
    return api.post("/test/jobs", {"episodes": episodes, "params": params})


def _poll(api, url, until, timeout_s=60.0) -> dict:
    deadline = time.monotonic() + timeout_s
    while True:
        r = api.get(url)
        assert r.status_code == 200, r.get_json()
        if until(r.get_json()):
            return r.get_json()
        assert time.monotonic() < deadline, r.get_json()
        time.sleep(0.05)


def test_a_short_range_answers_at_once(jobs_app, api):
    r = _start(api("lead"), 20, steps=2, tag="inline")
    assert r.status_code == 200 and r.get_json() == {"steps": 2, "tag": "inline"}


def test_a_long_range_is_a_job_showing_progress_then_the_same_answer(jobs_app, api, tmp_path):
    lead = api("lead")
    gate = tmp_path / "gate"
    r = _start(lead, 21, steps=3, pause_after=1, gate=str(gate), tag="pool")
    assert r.status_code == 202
    url = r.get_json()["job"]
    assert r.headers["Location"] == url and url.startswith("/api/v1/jobs/")
    running = _poll(lead, url, lambda j: j["status"] == "running" and j["progress"]["done"] == 1)
    assert running["progress"] == {"done": 1, "total": 3} and running["result"] is None
    gate.touch()
    done = _poll(lead, url, lambda j: j["status"] == "done")
    assert done["result"] == {"steps": 3, "tag": "pool"} and done["progress"] == {"done": 3, "total": 3}
    assert done["error"] is None and done["kind"] == "test.steps"
    assert done["finished_at"].endswith("Z") and done["created_at"] <= done["finished_at"]


def test_a_failed_job_says_why(jobs_app, api):
    lead = api("lead")
    url = _start(lead, 40, steps=2, fail_at=1).get_json()["job"]
    failed = _poll(lead, url, lambda j: j["status"] == "failed")
    assert failed["error"] == "step refused (field=step, step=1)" and failed["result"] is None


def test_only_its_creator_leads_and_admins_read_a_job(jobs_app, api, make_user, client):
    creator = api("translator", ["es-MX"])
    url = _start(creator, 30, steps=1).get_json()["job"]
    _poll(creator, url, lambda j: j["status"] == "done")
    for reader in (api("lead"), api("admin")):
        assert reader.get(url).status_code == 200
    for stranger in (api("translator", ["es-MX"]), api("marketing")):
        r = stranger.get(url)
        assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"
    assert creator.get("/api/v1/jobs/" + "A" * 22).status_code == 404
    assert Bearer(client, None).get(url).status_code == 401


def test_each_person_lists_their_own_jobs_newest_first(jobs_app, api):
    mine, other = api("translator", ["es-MX"]), api("lead")
    urls = [_start(mine, 30, steps=1, tag=str(n)).get_json()["job"] for n in range(3)]
    _start(other, 30, steps=1)
    for url in urls:
        _poll(mine, url, lambda j: j["status"] == "done")
    listed = mine.get("/api/v1/jobs?limit=2").get_json()["jobs"]
    assert len(listed) == 2 and {j["id"] for j in listed} <= {u.rsplit("/", 1)[1] for u in urls}
    assert [j["created_at"] for j in listed] == sorted((j["created_at"] for j in listed), reverse=True)
    assert len(mine.get("/api/v1/jobs").get_json()["jobs"]) == 3
    r = mine.get("/api/v1/jobs?limit=101")
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "limit"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(job_id=st.text(st.characters(blacklist_characters="/"), min_size=1, max_size=80))  # "/" is routing's
def test_any_job_id_is_a_404_never_a_500(lead, job_id):
    r = lead.get("/api/v1/jobs/" + quote(job_id, safe=""))
    assert r.status_code == 404


def test_a_job_whose_worker_died_reads_as_failed(jobs_app, engine, api, make_user):
    user, token = make_user("lead")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    with db.session_scope(engine) as s:
        s.add(Job(id="stale-job-0123456789", kind="test.steps", params={}, status="running", done=2, total=5,
                  created_by=user.id, worker=f"{socket.gethostname()}:{int(dead.stdout)}"))
    r = Bearer(jobs_app.test_client(), token).get("/api/v1/jobs/stale-job-0123456789")
    body = r.get_json()
    assert body["status"] == "failed" and body["finished_at"]
    assert body["error"].startswith("the job stopped unfinished: the process ")
    assert "the work of its 2 saved step(s) of 5 is kept" in body["error"]


def _worker(db_url, queue_name, tmp_path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": db_url, "LOCALIZE_QUEUE_URL": REDIS, "LOCALIZE_QUEUE_NAME": queue_name,
           "LOCALIZE_INSTANCE_PATH": str(tmp_path / "worker-instance"), "PYTHONPATH": str(TESTS)}
    return subprocess.Popen([str(Path(sys.executable).parent / "localize"), "worker", "--burst",
                             "--import", "job_kinds"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_on_redis_a_localize_worker_runs_the_jobs(queued_app, db_url, queue_name, make_user, tmp_path):
    _, token = make_user("lead")
    lead = Bearer(queued_app.test_client(), token)
    gate = tmp_path / "gate"
    first = _start(lead, 80, steps=3, pause_after=1, gate=str(gate), tag="rq")
    assert first.status_code == 202
    url = first.get_json()["job"]
    broken = _start(lead, 80, steps=2, crash_at=2).get_json()["job"]
    assert lead.get(url).get_json()["status"] == "queued"  # no worker yet: it waits on the queue
    worker = _worker(db_url, queue_name, tmp_path)
    try:
        running = _poll(lead, url, lambda j: j["status"] == "running" and j["progress"]["done"])
        assert running["progress"] == {"done": 1, "total": 3}  # paused after its first step
        gate.touch()
        out, err = worker.communicate(timeout=120)
    finally:
        gate.touch()
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert worker.returncode == 0, err[-2000:]
    done = lead.get(url).get_json()
    assert done["status"] == "done" and done["result"] == {"steps": 3, "tag": "rq"}
    failed = lead.get(broken).get_json()
    assert failed["status"] == "failed" and failed["error"] == ("internal error: RuntimeError: the disk is full "
                                                      "(the work of 1 of 2 steps was saved before it failed)")


def test_an_unreachable_queue_fails_the_job_instead_of_losing_it(db_url, tmp_path, make_user):
    app = create_app({"DATABASE_URL": db_url, "TESTING": True, "QUEUE_URL": "redis://127.0.0.1:1/3"})
    _add_start_route(app)
    _, token = make_user("lead")
    lead = Bearer(app.test_client(), token)
    r = _start(lead, 30, steps=1)
    assert r.status_code == 202
    body = lead.get(r.get_json()["job"]).get_json()
    assert body["status"] == "failed" and body["error"].startswith("the job queue 'localize' could not be reached")


def test_the_worker_needs_a_queue(db_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": db_url, "LOCALIZE_INSTANCE_PATH": str(tmp_path / "i")}
    env.pop("LOCALIZE_QUEUE_URL", None)
    done = subprocess.run([str(Path(sys.executable).parent / "localize"), "worker", "--burst"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 1 and "LOCALIZE_QUEUE_URL" in done.stderr
