"""Background jobs: long work (a pre-translation of many episodes) run after the request that asked.

A feature registers a kind with `@job_kind("name")` on a function `fn(session, params, progress)
-> dict`; a route submits it (`submit`), a backend runs it: a small thread pool in the serving
process by default, or an RQ queue on Redis worked by `localize worker` (localize/jobs/backends.py).
The job's row (models.Job) holds its state, so any process on any host answers its GET.
"""
from __future__ import annotations

from localize.jobs.registry import KINDS, job_kind, job_settings
from localize.jobs.store import as_dict, is_stale, jobs_of, readable_job, reap_stale, settle, submit

__all__ = ["KINDS", "job_kind", "job_settings", "as_dict", "is_stale", "jobs_of", "readable_job", "reap_stale", "settle", "submit"]
