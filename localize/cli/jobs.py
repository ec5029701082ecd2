"""`localize worker` works the job queue; commands that start long work wait on their job here."""
from __future__ import annotations

import functools
import importlib
import sys
import time

import click

from localize.cli.common import engine_of, make_app

POLL_S = 0.5


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty (tests, cron)")
@click.option("--import", "modules", multiple=True, metavar="MODULE",
              help="Also import MODULE, which registers job kinds of its own (repeatable)")
def worker(burst, modules):
    """Run background jobs from the Redis queue named by LOCALIZE_QUEUE_URL (run one per core, on any host)."""
    from localize import db
    from localize.jobs import backends
    app = make_app()
    if not app.config.get("QUEUE_URL"):
        click.echo("error: set LOCALIZE_QUEUE_URL=redis://HOST:6379/0; without it jobs run inside "
                   "`localize serve` and need no worker", err=True)
        sys.exit(1)
    for module in modules:
        importlib.import_module(module)
    open_session = functools.partial(db.writer_session, engine_of(app))
    click.echo(f"working queue {app.config['QUEUE_NAME']!r} on {_redacted(app.config['QUEUE_URL'])}"
               f"{' until it is empty' if burst else ''}", err=True)
    backends.work_queue(open_session, app.config["QUEUE_URL"], app.config["QUEUE_NAME"], burst=burst)


def _redacted(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


def submit_and_wait(app, kind: str, params: dict, *, label: str) -> dict:
    """Submit a job as the command line (no user) and wait for it with a progress bar; its result.

    With no queue configured, this process's own thread pool runs it while we wait.
    """
    from localize.app.jobs import backend_of, enqueue
    from localize.db import session_scope
    with session_scope(engine_of(app)) as session:
        job_id = enqueue(app, session, kind, params, user=None).id
    result = wait_for_job(app, job_id, label=label)
    backend_of(app).shutdown(wait=True)  # an in-process pool has nothing more to do
    return result


def wait_for_job(app, job_id: str, *, label: str = "working", poll_s: float = POLL_S) -> dict:
    """Poll the job's row, drawing its progress on stderr, until it is over; its result, or exit 1
    with its error."""
    from localize import jobs
    from localize.db import session_scope
    engine = engine_of(app)
    with click.progressbar(length=1, label=label, file=sys.stderr, show_pos=True) as bar:
        while True:
            with session_scope(engine) as session:
                job = jobs.settle(session, job_id)
                if job is None:
                    click.echo(f"error: no job {job_id}", err=True)
                    sys.exit(1)
                status, done, total, result, error = job.status, job.done, job.total, job.result, job.error
            if total:
                bar.length = total
                bar.update(min(done, total) - bar.pos)
            if status in ("done", "failed"):
                bar.update(bar.length - bar.pos if status == "done" else 0)
                break
            time.sleep(poll_s)
    if status == "failed":
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    return result or {}
