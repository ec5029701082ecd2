"""Operations: Prometheus metrics at `GET /metrics` and the structured (JSON) access log.

Every request is counted once, in the app's own hooks, so the labels are the Flask endpoint
(never the raw path, which would give a series per slug and episode). Imports and view rows
are counted from the domains' `imported` signal, whichever interface (API, pages, CLI) ran them.

Under `localize serve` the workers are separate processes: serve_forever points
PROMETHEUS_MULTIPROC_DIR at a fresh folder before forking, each worker writes its counters
there, and /metrics adds up every worker's files (prometheus_client's MultiProcessCollector).
Without that variable (tests, `flask run`) the process's own registry answers.
"""
from __future__ import annotations

import json
import os
import sys
import time

from flask import Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest

from localize import signals
from localize.db import request_session
from localize.app.errors import json_error
from localize.permissions import Ability, can

REQUESTS = Counter("localize_http_requests", "HTTP requests answered, by method, Flask endpoint and status",
                   ["method", "endpoint", "status"])
DURATION = Histogram("localize_http_request_duration_seconds", "Time to answer a request, by Flask endpoint",
                     ["endpoint"], buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
VIEW_ROWS = Counter("localize_view_ingest_rows", "View-count rows ingested (inserted or replaced)")
IMPORTS = Counter("localize_imports", "Imports written, by kind (views, subtitles, scripts, tm)", ["kind"])
KINDS = ("views", "subtitles", "scripts", "tm")
UNMATCHED = "unmatched"  # the endpoint label of a request no route matched (404, 405)


def _on_import(kind: str, *, files: int = 1, rows: int = 0, **_extra) -> None:
    IMPORTS.labels(kind=kind).inc(files)
    if kind == "views":
        VIEW_ROWS.inc(rows)


signals.imported.connect(_on_import, weak=False)


def collect() -> bytes:
    """The exposition text: every worker's counters under `localize serve`, this process's otherwise."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def _requester():
    """The admin (or anyone) behind a bearer token or the browser session, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        from localize.users.service import user_for_token
        user = user_for_token(request_session(), token.strip())
        g.api_user = user
        return user
    from localize.security import current_user
    return current_user()


def metrics_view():
    """Prometheus metrics: for admins, or scrapers at an address in LOCALIZE_METRICS_ALLOW."""
    if request.remote_addr not in current_app.config["METRICS_ALLOW"]:
        user = _requester()
        if user is None:
            response = json_error(401, "unauthorized", "sign in as an admin or send an admin's API token")
            response.headers["WWW-Authenticate"] = 'Bearer realm="localize"'
            return response
        if not can(user, Ability.ADMIN):
            return json_error(403, "forbidden", "metrics are for admins and the configured scrape addresses")
    return Response(collect(), mimetype=None, content_type=CONTENT_TYPE_LATEST)


metrics_view.ability = Ability.ADMIN  # and the addresses of LOCALIZE_METRICS_ALLOW, checked in the view


def _user_id():
    user = g.get("api_user") or g.get("user")
    if user is None:
        return g.get("reused_answer_user_id")  # localize.app.cache answered without loading the user
    return getattr(user, "id", None)


def access_line(method: str, path: str | None, status: int, duration_ms: float, user_id, remote: str | None) -> str:
    """One JSON access-log line (LOCALIZE_LOG_FORMAT=json)."""
    return json.dumps({"method": method, "path": path, "status": status, "duration_ms": round(duration_ms, 1),
                       "user_id": user_id, "remote_addr": remote}, separators=(",", ":"))


def init_app(app) -> None:
    """Register /metrics and the request hooks (first, so their after_request runs last)."""
    app.add_url_rule("/metrics", "metrics", metrics_view, methods=["GET"])
    json_log = app.config.get("LOG_FORMAT") == "json"

    @app.before_request
    def _started():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _answered(response):
        g.metrics_status = response.status_code
        return response

    @app.teardown_request
    def _record(_exc):
        started = g.pop("metrics_started", None)
        if started is None:
            return
        rule = request.url_rule
        record(request.method, rule, g.pop("metrics_status", 500), time.perf_counter() - started,
               _user_id() if json_log else None, request.remote_addr, json_log)


def record(method: str, rule, status: int, seconds: float, user_id, remote: str | None, json_log: bool) -> None:
    """Count one answered request under its route (None: no route matched) and log it when asked."""
    endpoint = rule.endpoint if rule is not None else UNMATCHED
    REQUESTS.labels(method=method, endpoint=endpoint, status=str(status)).inc()
    DURATION.labels(endpoint=endpoint).observe(seconds)
    if json_log:
        line = access_line(method, rule.rule if rule is not None else None, status, seconds * 1000, user_id, remote)
        # One write with its newline: print() writes the end separately, and threads interleave.
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
