"""Background jobs in the app: its backend (from QUEUE_URL), and jobs dispatched once their
submitting transaction commits, so no worker looks for a row it cannot see yet."""
from __future__ import annotations

import functools

from sqlalchemy import event
from sqlmodel import Session

from localize import db
from localize.jobs import backends, registry, submit
from localize.models import Job, User

PENDING = "localize_jobs_pending"


def init_app(app) -> None:
    """Choose the backend: RQ on Redis when QUEUE_URL is set, else a thread pool of this process."""
    registry.configure(app.config)
    open_session = functools.partial(db.writer_session, app.extensions["localize_engine"])
    if app.config.get("QUEUE_URL"):
        backend = backends.RedisQueue(open_session, app.config["QUEUE_URL"], app.config["QUEUE_NAME"],
                                      app.config["JOB_TIMEOUT"])
    else:
        backend = backends.InProcess(open_session, app.config["JOB_THREADS"])
    app.extensions["localize_jobs"] = backend


def backend_of(app):
    return app.extensions["localize_jobs"]


def enqueue(app, session: Session, kind: str, params: dict, *, user: User | None) -> Job:
    """Submit a job in `session`; it is handed to the backend when the session commits (never if
    it rolls back)."""
    backend = backend_of(app)
    job = submit(session, kind, params, user=user, queue=backend.queue, worker=backend.holder())
    if PENDING not in session.info:
        session.info[PENDING] = []
        event.listen(session, "after_commit", _dispatch_pending)
        event.listen(session, "after_rollback", _drop_pending)
    session.info[PENDING].append((backend, job.id))
    return job


def _dispatch_pending(session: Session) -> None:
    pending, session.info[PENDING] = session.info[PENDING], []
    for backend, job_id in pending:
        backend.dispatch(job_id)


def _drop_pending(session: Session) -> None:
    session.info[PENDING] = []
