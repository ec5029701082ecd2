"""The job runner on both databases: results, failures, checkpoints, claims and stale jobs."""
from __future__ import annotations

import functools
import socket
import subprocess
import sys
import threading
from datetime import timedelta

import job_kinds  # noqa: F401  (registers the test kinds)
import pytest
from sqlmodel import select

from localize import db, jobs
from localize.app.jobs import backend_of, enqueue
from localize.errors import ValidationFailed
from localize.jobs import backends, runner, store
from localize.models import AuditEntry, Job, utcnow


@pytest.fixture
def open_session(engine):
    return functools.partial(db.writer_session, engine)


@pytest.fixture
def every_checkpoint(monkeypatch):
    monkeypatch.setattr(runner, "CHECKPOINT_EVERY_S", 0.0)


def _submit(engine, params, kind="test.steps", **kw) -> str:
    with db.session_scope(engine) as s:
        return jobs.submit(s, kind, params, user=None, **kw).id


def _job(engine, job_id) -> Job:
    with db.session_scope(engine, write=False) as s:
        return s.get(Job, job_id)


def _steps_saved(engine, tag) -> list[str]:
    with db.session_scope(engine, write=False) as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action == "test_job_step")).all()
        return sorted(r.object_id for r in rows if r.details.get("tag") == tag)


def test_a_job_runs_to_its_result_with_its_work_committed(engine, open_session):
    job_id = _submit(engine, {"steps": 3, "tag": "ok"})
    assert _job(engine, job_id).status == "queued"
    assert runner.run(job_id, open_session) == "done"
    job = _job(engine, job_id)
    assert (job.status, job.result, job.error, job.done, job.total) == ("done", {"steps": 3, "tag": "ok"}, None, 3, 3)
    assert job.started_at and job.finished_at and job.worker == store.this_worker()
    assert _steps_saved(engine, "ok") == ["1", "2", "3"]
    assert jobs.as_dict(job)["progress"] == {"done": 3, "total": 3}
    assert runner.run(job_id, open_session) == "skipped"  # a job runs once, whoever asks again


def test_a_refusal_fails_the_job_and_says_which_steps_were_saved(engine, open_session, every_checkpoint):
    job_id = _submit(engine, {"steps": 4, "fail_at": 3, "tag": "refused"})
    assert runner.run(job_id, open_session) == "failed"
    job = _job(engine, job_id)
    assert job.status == "failed" and job.result is None and job.finished_at
    assert job.error == "step refused (field=step, step=3) (the work of 2 of 4 steps was saved before it failed)"
    assert _steps_saved(engine, "refused") == ["1", "2"]  # checkpointed; step 3's work rolled back


def test_a_failure_before_any_checkpoint_leaves_nothing(engine, open_session):
    job_id = _submit(engine, {"steps": 2, "crash_at": 1, "tag": "crash"})
    assert runner.run(job_id, open_session) == "failed"
    job = _job(engine, job_id)
    assert job.error == "internal error: RuntimeError: the disk is full"
    assert _steps_saved(engine, "crash") == []


def test_a_job_taken_from_its_worker_drops_its_unsaved_work(engine, open_session, every_checkpoint, tmp_path):
    gate = tmp_path / "gate"
    job_id = _submit(engine, {"steps": 3, "pause_after": 1, "gate": str(gate), "tag": "lost"})
    outcome = []
    thread = threading.Thread(target=lambda: outcome.append(runner.run(job_id, open_session)))
    thread.start()
    try:
        _until(lambda: _job(engine, job_id).done == 1)
        with db.session_scope(engine) as s:  # a reaper decided it was stale meanwhile
            assert store.fail_stale(s, s.get(Job, job_id), "test says so")
    finally:
        gate.touch()
        thread.join(30)
    assert outcome == ["failed"]
    job = _job(engine, job_id)
    assert job.status == "failed" and job.error.startswith("the job stopped unfinished: test says so")
    assert _steps_saved(engine, "lost") == ["1"]


def test_two_workers_asked_to_run_one_job_run_it_once(engine, open_session):
    job_id = _submit(engine, {"steps": 2, "tag": "once"})
    outcomes = []
    threads = [threading.Thread(target=lambda: outcomes.append(runner.run(job_id, open_session))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["done", "skipped"]
    assert _steps_saved(engine, "once") == ["1", "2"]


def test_a_job_between_steps_keeps_its_heartbeat(engine, open_session, monkeypatch, tmp_path):
    monkeypatch.setattr(runner, "HEARTBEAT_S", 0.05)
    gate = tmp_path / "gate"
    job_id = _submit(engine, {"steps": 2, "pause_after": 1, "gate": str(gate)})
    thread = threading.Thread(target=runner.run, args=(job_id, open_session))
    thread.start()
    try:
        _until(lambda: _job(engine, job_id).done == 1)
        first = _job(engine, job_id).heartbeat_at
        _until(lambda: _job(engine, job_id).heartbeat_at > first)  # beats while the step waits
    finally:
        gate.touch()
        thread.join(30)
    assert _job(engine, job_id).status == "done"


def test_parameters_must_be_json_and_kinds_known(engine):
    with db.session_scope(engine) as s:
        with pytest.raises(ValidationFailed):
            jobs.submit(s, "test.steps", {"when": object()}, user=None)
        with pytest.raises(KeyError, match="no job kind 'nope'"):
            jobs.submit(s, "nope", {}, user=None)


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_stale_jobs_are_marked_failed_and_live_ones_left(engine):
    host = socket.gethostname()
    dead = _submit(engine, {"steps": 1}, worker=f"{host}:{_dead_pid()}")  # queued in a process now gone
    waiting = _submit(engine, {"steps": 1}, queue="rq:localize")  # on Redis: waits for any worker
    live = _submit(engine, {"steps": 1})
    silent = _submit(engine, {"steps": 1})
    with db.session_scope(engine) as s:
        assert store.claim(s, live, store.this_worker())
        assert store.claim(s, silent, "elsewhere:1")
        s.get(Job, silent).heartbeat_at = utcnow() - store.STALE_AFTER - timedelta(seconds=5)
    with db.session_scope(engine) as s:
        assert sorted(jobs.reap_stale(s)) == sorted([dead, silent])
    assert _job(engine, dead).error.startswith(f"the job stopped unfinished: the process {host}:")
    assert "elsewhere:1 has not been heard from" in _job(engine, silent).error
    assert [_job(engine, i).status for i in (waiting, live)] == ["queued", "running"]


def test_the_in_process_pool_runs_a_job_once_its_submission_commits(app, engine):
    backend = backend_of(app)
    assert isinstance(backend, backends.InProcess)
    try:
        with db.session_scope(engine) as s:
            job_id = enqueue(app, s, "test.steps", {"steps": 2, "tag": "pool"}, user=None).id
            assert s.info["localize_jobs_pending"]  # not handed over before the commit
        _until(lambda: _job(engine, job_id).status == "done")
        with pytest.raises(RuntimeError):
            with db.session_scope(engine) as s:
                rolled_back = enqueue(app, s, "test.steps", {"steps": 1}, user=None).id
                raise RuntimeError("the request failed")
        backend.shutdown(wait=True)
        assert _job(engine, rolled_back) is None
        assert _job(engine, job_id).result == {"steps": 2, "tag": "pool"}
    finally:
        backend.shutdown(wait=True)


def _until(condition, timeout_s: float = 30.0) -> None:
    import time
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the job never got there"
        time.sleep(0.05)
