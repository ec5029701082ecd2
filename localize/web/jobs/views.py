"""A job's page, refreshed every few seconds while the job is open."""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l

from localize import jobs
from localize.db import request_session, session_scope
from localize.permissions import Ability
from localize.security import current_user, page_requires

REFRESH_S = 2
# What each kind is called on its page; a kind not named here shows its code.
KIND_NAMES = {"pretranslate": _l("Pre-translation in the background")}
STATUS_NAMES = {"queued": _l("Waiting for a worker to take it."), "running": _l("Running in the background."),
                "done": _l("The work is done."), "failed": _l("The work stopped with an error.")}


@page_requires(Ability.READ_CATALOG)
def job_page(job_id):
    """Its creator, leads and admins see a job; anyone else gets the 404 page (ids cannot be probed)."""
    job = jobs.readable_job(request_session(), job_id, current_user())
    if jobs.is_stale(job):
        with session_scope(current_app.extensions["localize_engine"]) as session:
            job = jobs.settle(session, job.id)
    return render_template("jobs/job.html", job=job, refresh_s=REFRESH_S,
                           kind_name=str(KIND_NAMES.get(job.kind, job.kind)),
                           status_name=str(STATUS_NAMES.get(job.status, job.status)))
