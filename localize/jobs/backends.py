"""Where jobs run: a thread pool in this process (the default), or an RQ queue on Redis.

In-process: each serving process (`localize serve` forks several) starts a pool of a few threads
at its first job; a job is recorded as held by that process, so if the process stops, the job is
found stale (localize/jobs/store.py) and reads as failed instead of "queued" forever.

RQ: with LOCALIZE_QUEUE_URL=redis://... only the job's id is enqueued; `localize worker` runs an
rq SimpleWorker (on as many hosts as wanted) that loads the row and runs it in its own process,
without forking per job, so no database connection crosses a fork.
"""
from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from sqlmodel import Session

from localize.jobs import runner, store

log = logging.getLogger("localize.jobs")

OpenSession = Callable[[], Session]
DEFAULT_THREADS = 2
DEFAULT_TIMEOUT_S = 3600  # RQ stops a job running longer (an 80-episode pre-translation with MT)
ENQUEUE_TIMEOUT_S = 5


class InProcess:
    """A small thread pool in the serving process, started at its first job (and anew after a fork)."""

    def __init__(self, open_session: OpenSession, threads: int = DEFAULT_THREADS):
        self.open_session, self.threads = open_session, max(1, threads)
        self.queue = "process"
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def holder(self) -> str | None:
        """Who holds a job from its submission: this process, the one that will run it."""
        return store.this_worker()

    def dispatch(self, job_id: str) -> None:
        self._started().submit(self._run, job_id)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking jobs; with `wait`, until those in hand are over."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait)

    def _started(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():  # threads do not survive a fork
                self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="localize-job")
                self._pid = os.getpid()
                self._pool.submit(reap, self.open_session)
            return self._pool

    def _run(self, job_id: str) -> None:
        try:
            runner.run(job_id, self.open_session)
        except Exception:  # the runner records failures itself; this is the database being gone
            log.exception("job %s could not be run", job_id)


class RedisQueue:
    """An RQ queue on Redis: enqueue the job's id; `localize worker` (work_queue) runs it."""

    def __init__(self, open_session: OpenSession, url: str, name: str = "localize",
                 timeout_s: int = DEFAULT_TIMEOUT_S):
        self.open_session, self.url, self.name, self.timeout_s = open_session, url, name, timeout_s
        self.queue = f"rq:{name}"
        self._rq = None

    def holder(self) -> str | None:
        return None  # any worker of the queue, on any host, may take it

    def shutdown(self, wait: bool = True) -> None:
        """Nothing to stop here: the workers are other processes."""

    def dispatch(self, job_id: str) -> None:
        try:
            self._rq_queue().enqueue_call(perform, args=(job_id,), job_id=f"localize-{job_id}",
                                          timeout=self.timeout_s, result_ttl=600, failure_ttl=7 * 86400,
                                          description=f"localize job {job_id}")
        except Exception as exc:  # Redis down: say so on the job rather than leave it queued forever
            log.error("job %s could not be enqueued on %s: %s", job_id, self.name, exc)
            with runner.transaction(self.open_session) as session:
                store.fail(session, job_id, None, f"the job queue {self.name!r} could not be reached: {exc}",
                           status="queued")

    def _rq_queue(self):
        if self._rq is None:  # one connection pool per process, opened at the first job
            from redis import Redis
            from rq import Queue
            # Enqueueing runs as a request ends: an unreachable Redis must not hold it for long.
            connection = Redis.from_url(self.url, socket_connect_timeout=ENQUEUE_TIMEOUT_S,
                                        socket_timeout=ENQUEUE_TIMEOUT_S)
            self._rq = Queue(self.name, connection=connection)
        return self._rq


def reap(open_session: OpenSession) -> list[str]:
    """Mark stale jobs failed (a process that held them stopped); the ids marked."""
    try:
        with runner.transaction(open_session) as session:
            marked = store.reap_stale(session)
    except Exception:
        log.exception("stale jobs could not be checked")
        return []
    if marked:
        log.warning("jobs found stale and marked failed: %s", ", ".join(marked))
    return marked


# --- the RQ worker's side ---------------------------------------------------------------------

_worker_sessions: list[OpenSession] = []  # set by work_queue in the worker process


def perform(job_id: str) -> str:
    """RQ's entry point: run the job whose id was enqueued (in the `localize worker` process)."""
    if not _worker_sessions:
        raise RuntimeError("localize jobs run under `localize worker`, which knows the database")
    return runner.run(job_id, _worker_sessions[-1])


def work_queue(open_session: OpenSession, url: str, name: str = "localize", *, burst: bool = False,
               logging_level: str = "WARNING") -> bool:
    """Work the queue until stopped (with `burst`, until it is empty); stale jobs are reaped first."""
    from redis import Redis
    from rq import Queue, SimpleWorker
    _worker_sessions.append(open_session)
    reap(open_session)
    connection = Redis.from_url(url)
    worker = SimpleWorker([Queue(name, connection=connection)], connection=connection)
    return worker.work(burst=burst, logging_level=logging_level, with_scheduler=False)
