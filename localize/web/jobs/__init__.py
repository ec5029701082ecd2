"""A background job's page: its progress while it runs, then its result or what went wrong

The blueprint and its URL rule; the view is in views.py. A page that starts long work (a
pre-translation of more than 20 episodes) submits it with localize.app.jobs.enqueue and redirects
here: `redirect(url_for("jobs.job_page", job_id=job.id))`. A kind shows its result with its own
partial, templates/jobs/_result_<kind>.html, else as a plain table.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.jobs import views

bp = Blueprint("jobs", __name__)
bp.add_url_rule("/jobs/<job_id>", view_func=views.job_page, methods=["GET"])
