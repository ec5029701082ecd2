"""Background jobs: their progress and outcome, and how a route answers now or hands work to a job."""
from __future__ import annotations

from flask import current_app, jsonify, request, url_for

from localize import jobs
from localize.api import api_user, bp, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.app.jobs import enqueue
from localize.db import request_session, session_scope
from localize.errors import field_error
from localize.jobs.registry import kind_function
from localize.permissions import Ability

# Issue 10: up to 20 episodes answer at once; a longer range is a job.
INLINE_EPISODES = 20


@bp.get("/jobs/<job_id>")
@requires(Ability.READ_CATALOG)
def job_get(job_id):
    """A job's status, progress and, once over, its result or error (its creator, leads and admins)."""
    job = jobs.readable_job(request_session(), job_id, api_user())
    if jobs.is_stale(job):
        # Marked in a short write transaction of its own: this GET's own session only reads.
        with session_scope(current_app.extensions["localize_engine"]) as session:
            job = jobs.settle(session, job.id)
    return jsonify(jobs.as_dict(job))


@bp.get("/jobs")
@requires(Ability.READ_CATALOG)
def jobs_list():
    """The caller's own jobs, newest first (?limit=, 1-100, default 20)."""
    text = request.args.get("limit", "")
    if text and (not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 100):
        raise field_error("limit", "must be a whole number from 1 to 100")
    found = jobs.jobs_of(request_session(), api_user(), limit=int(text or 20))
    return jsonify({"jobs": [jobs.as_dict(job) for job in found]})


def answer_or_enqueue(kind: str, params: dict, *, size: int, limit: int = INLINE_EPISODES):
    """Run the job kind's function in this request when `size` (episodes) is at most `limit` and
    answer 200 with its result; else submit it as a job and answer 202 {"job": url} with Location.

    A route of a job kind (pre-translation) ends with, e.g.:
        return answer_or_enqueue("pretranslate", {"series": slug, "locale": locale, ...},
                                 size=len(episodes))
    and describes both answers: returns={"200": answers.X, "202": answers.JobAccepted}.
    """
    session = request_session()
    if size <= limit:
        # In the request's own transaction, committed by it: progress has no one to tell.
        return jsonify(kind_function(kind)(session, params, lambda done, total: None))
    job = enqueue(current_app, session, kind, params, user=api_user())
    url = url_for("api.job_get", job_id=job.id)
    response = jsonify({"job": url})
    response.status_code = 202
    response.headers["Location"] = url
    return response


describe("api.jobs_list", "The jobs the caller started, newest first", returns={"200": answers.JobList},
         responses={"422": "A bad limit"},
         parameters=[{"name": "limit", "in": "query", "required": False,
                      "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}])
describe("api.job_get",
         "A background job (a pre-translation of more than 20 episodes): status, progress, and once over "
         "the same answer the request would have given at once, or why it failed. Readable by the person "
         "who started it, leads and admins; anyone else gets 404, so job ids cannot be probed",
         responses={"404": "No such job, or not one this user may read"},
         returns={"200": answers.JobState})
