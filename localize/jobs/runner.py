"""Run one job: claim it, call its kind's function with a checkpointing progress, store the outcome.

The runner opens its own sessions: `open_session()` gives a session each of whose transactions
takes the write lock on SQLite (localize.db.writer_session). The job's work and its progress are committed together at each
checkpoint, so a GET on any process sees how far it got, and the final result is committed in the
same transaction as the last of the work: a job is never "done" without its work, nor its work
kept while the job says otherwise, unless it failed after a checkpoint, which its error says.
"""
from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from sqlmodel import Session

from localize.errors import DomainError
from localize.jobs import store
from localize.jobs.registry import kind_function
from localize.models import Job

log = logging.getLogger("localize.jobs")

CHECKPOINT_EVERY_S = 1.0   # progress is written at most this often (and always at the end)
HEARTBEAT_S = 30.0         # a running job says it lives this often, between checkpoints too


class JobLost(BaseException):
    """The job stopped being this worker's (declared stale meanwhile): its work is abandoned.

    A BaseException, so a job function that reports its own failures per segment with
    `except Exception` does not swallow it and go on working for nobody."""


def run(job_id: str, open_session: Callable[[], Session], *, worker: str | None = None) -> str:
    """Run a queued job to its end; its final status ("done", "failed"), or "skipped" when it was
    not queued (another worker took it, or it was already over)."""
    worker = worker or store.this_worker()
    with transaction(open_session) as session:
        if not store.claim(session, job_id, worker):
            return "skipped"
    beat = _Heartbeat(job_id, worker, open_session)
    beat.start()
    try:
        return _work(job_id, worker, open_session)
    finally:
        beat.stop()


def _work(job_id: str, worker: str, open_session) -> str:
    session = open_session()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < CHECKPOINT_EVERY_S and done < total:
            return
        last[0] = now
        if not store.checkpoint(session, job_id, worker, int(done), int(total)):
            raise JobLost(job_id)
        session.commit()

    try:
        job = session.get(Job, job_id)
        fn = kind_function(job.kind)
        result = fn(session, dict(job.params), progress)
        if not isinstance(result, dict):
            raise TypeError(f"job kind {job.kind!r} returned {type(result).__name__}, not a dict")
        if not store.finish(session, job_id, worker, result):
            raise JobLost(job_id)
        session.commit()
        return "done"
    except JobLost:
        session.rollback()
        log.warning("job %s was taken from %s (found stale); its unsaved work is dropped", job_id, worker)
        return "failed"
    except BaseException as exc:  # noqa: B036  (any failure, even an interrupt, must end as "failed")
        session.rollback()
        _record_failure(job_id, worker, exc, open_session)
        if not isinstance(exc, Exception):
            raise
        return "failed"
    finally:
        session.close()


def failure_message(exc: BaseException) -> str:
    """A refusal of the domain reads as its message and details; anything else names its type."""
    if isinstance(exc, DomainError):
        details = "; ".join(", ".join(f"{k}={v}" for k, v in d.items()) for d in exc.details)
        return exc.message + (f" ({details})" if details else "")
    return f"internal error: {type(exc).__name__}: {exc}"


def _record_failure(job_id: str, worker: str, exc: BaseException, open_session) -> None:
    if not isinstance(exc, DomainError):
        log.error("job %s failed", job_id, exc_info=exc)
    try:
        with transaction(open_session) as session:
            job = session.get(Job, job_id)
            saved = (f" (the work of {job.done} of {job.total} steps was saved before it failed)"
                     if job is not None and job.done else "")
            store.fail(session, job_id, worker, failure_message(exc) + saved)
    except Exception:  # the database itself is gone: the job will be found stale
        log.exception("could not record the failure of job %s", job_id)


@contextmanager
def transaction(open_session) -> Iterator[Session]:
    """A short transaction of its own: committed on success, rolled back on error."""
    session = open_session()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class _Heartbeat:
    """Refresh a running job's heartbeat from a side thread, so a long step does not look dead."""

    def __init__(self, job_id: str, worker: str, open_session):
        self.job_id, self.worker, self.open_session, self.every = job_id, worker, open_session, HEARTBEAT_S
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"job-heartbeat-{job_id[:8]}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                with transaction(self.open_session) as session:
                    if not store.heartbeat(session, self.job_id, self.worker):
                        return
            except Exception:  # a lock held by the job's own work: the next beat will do
                log.debug("heartbeat of job %s skipped", self.job_id, exc_info=True)
