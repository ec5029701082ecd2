"""Job rows: submit, read as their creator or a lead, move through queued -> running -> done | failed.

Every change of state is one guarded UPDATE (`WHERE status = ... AND worker = ...`), so two
processes never both run a job, and a runner whose job was declared stale stops instead of
overwriting the verdict.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import socket
from datetime import datetime, timedelta, timezone

from sqlalchemy import update
from sqlmodel import Session, col, select

from localize.errors import NotFound, field_error
from localize.jobs.registry import kind_function
from localize.models import Job, User, utcnow
from localize.permissions import Ability, can

# A running job refreshes its heartbeat every HEARTBEAT_S (localize/jobs/runner.py); one not heard
# from for STALE_AFTER is taken for dead. Generous: on SQLite a heartbeat waits behind the job's own
# write transaction between two checkpoints.
STALE_AFTER = timedelta(minutes=10)
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,32}$")
OPEN = ("queued", "running")


def this_worker() -> str:
    """This process as a job holder, "host:pid" (read at each call: serve workers are forked)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def submit(session: Session, kind: str, params: dict, *, user: User | None, queue: str = "process",
           worker: str | None = None) -> Job:
    """Add a queued job of a registered kind; a backend runs it once the session commits."""
    kind_function(kind)  # an unknown kind is a programming error, found here rather than in a worker
    try:
        params = json.loads(json.dumps(params))
    except (TypeError, ValueError) as exc:
        raise field_error("params", f"a job's parameters must be JSON: {exc}") from exc
    job = Job(id=secrets.token_urlsafe(16), kind=kind, params=params, status="queued", queue=queue,
              worker=worker, created_by=user.id if user else None)
    session.add(job)
    session.flush()
    return job


def may_read(user: User | None, job: Job) -> bool:
    """Its creator, leads and admins (who run the series' work) read a job; nobody else."""
    if not can(user, Ability.READ_CATALOG):
        return False
    return job.created_by == user.id or can(user, Ability.EDIT_CATALOG)


def readable_job(session: Session, job_id: str, user: User | None) -> Job:
    """The job, or NotFound, also when it exists but is not the user's to read (ids cannot be probed)."""
    job = session.get(Job, job_id) if ID_PATTERN.match(job_id or "") else None
    if job is None or not may_read(user, job):
        raise NotFound(f"no job {job_id!r}")
    return job


def jobs_of(session: Session, user: User, *, limit: int = 20) -> list[Job]:
    """The jobs a person started, newest first."""
    statement = (select(Job).where(col(Job.created_by) == user.id)
                 .order_by(col(Job.created_at).desc(), col(Job.id)).limit(limit))
    return list(session.exec(statement).all())


def as_dict(job: Job) -> dict:
    """The job as the API answers it."""
    return {"id": job.id, "kind": job.kind, "status": job.status,
            "progress": {"done": job.done, "total": job.total},
            "result": job.result, "error": job.error,
            "created_at": _time(job.created_at), "finished_at": _time(job.finished_at)}


def _time(value: datetime | None) -> str | None:
    if value is None:
        return None
    return as_utc(value).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def is_stale(job: Job, *, now: datetime | None = None, stale_after: timedelta = STALE_AFTER) -> str | None:
    """Why an open job can no longer finish, or None.

    Its holder is a process of this host that has exited (known at once), or a running job's
    heartbeat is older than `stale_after` (a worker of another host that died). A job queued on
    Redis has no holder yet: it waits for a worker, however long.
    """
    if job.status not in OPEN or not job.worker:
        return None
    host, _, pid = job.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
        return f"the process {job.worker} that held it has stopped"
    if job.status == "running" and job.heartbeat_at is not None:
        silent = (now or utcnow()) - as_utc(job.heartbeat_at)
        if silent > stale_after:
            return f"its worker {job.worker} has not been heard from for {int(silent.total_seconds())} s"
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def fail_stale(session: Session, job: Job, reason: str) -> bool:
    """Mark a stale job failed (guarded: not if it moved on meanwhile); True when this call did it."""
    saved = f"; the work of its {job.done} saved step(s) of {job.total} is kept" if job.done else ""
    message = f"the job stopped unfinished: {reason}{saved}. Submit it again."
    return _move(session, job.id, job.status, job.worker, status="failed", error=message,
                 finished_at=utcnow())


def settle(session: Session, job_id: str) -> Job | None:
    """The job as it stands, marked failed first if it is stale (call with a write session)."""
    job = session.get(Job, job_id)
    reason = is_stale(job) if job is not None else None
    if reason and fail_stale(session, job, reason):
        session.refresh(job)
    return job


def reap_stale(session: Session, *, now: datetime | None = None, stale_after: timedelta = STALE_AFTER) -> list[str]:
    """Mark every stale job failed; the ids marked. Run when a worker or an in-process pool starts."""
    jobs = session.exec(select(Job).where(col(Job.status).in_(OPEN), col(Job.worker).is_not(None))).all()
    marked = []
    for job in jobs:
        reason = is_stale(job, now=now, stale_after=stale_after)
        if reason and fail_stale(session, job, reason):
            marked.append(job.id)
    return marked


def claim(session: Session, job_id: str, worker: str) -> bool:
    """Take a queued job to run it (False: another process took it, or it is no longer queued)."""
    now = utcnow()
    return _move(session, job_id, "queued", None, status="running", worker=worker, started_at=now,
                 heartbeat_at=now)


def checkpoint(session: Session, job_id: str, worker: str, done: int, total: int) -> bool:
    """Record progress (and that the worker lives); False when the job is no longer this worker's."""
    return _move(session, job_id, "running", worker, done=done, total=total, heartbeat_at=utcnow())


def heartbeat(session: Session, job_id: str, worker: str) -> bool:
    return _move(session, job_id, "running", worker, heartbeat_at=utcnow())


def finish(session: Session, job_id: str, worker: str, result: dict) -> bool:
    """Store the result; progress reads complete."""
    now = utcnow()
    return _move(session, job_id, "running", worker, status="done", result=result, done=Job.total,
                 finished_at=now, heartbeat_at=now)


def fail(session: Session, job_id: str, worker: str | None, error: str, *, status: str = "running") -> bool:
    return _move(session, job_id, status, worker, status="failed", error=error, finished_at=utcnow())


def _move(session: Session, job_id: str, from_status: str, holder: str | None, **values) -> bool:
    """Set `values` on the job if it is still `from_status` (and held by `holder`, when given)."""
    statement = update(Job).where(col(Job.id) == job_id, col(Job.status) == from_status)
    if holder is not None:
        statement = statement.where(col(Job.worker) == holder)
    done = session.execute(statement.values(**values).execution_options(synchronize_session=False))
    return done.rowcount == 1
