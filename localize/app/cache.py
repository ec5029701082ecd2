"""Whole answers reused while nothing in the database has changed (issue 14).

A dashboard polling the report, a lead reloading the matrix and a player fetching a track ask the
same question again and again between changes. For the views marked `@reusable`, a successful GET
answer is kept per worker, keyed by everything the answer depends on besides the stored data: the
URL with its host and query, the credentials (bearer token or the signed-in session's contents), the
reader's languages, the wanted media type and the day. It is reused while the database's change
marker (localize.db.ChangeMarker: any commit by anyone, in any process, moves it) stays where it
was when the answer was made, and for at most RESPONSE_CACHE_SECONDS (relative times on pages),
never past the browser session's inactivity limit.

A reused answer skips the view and its authentication: both would give the same result, since
revoking a token, disabling a user, ending sessions or changing a role are all commits. Requests
are still counted and logged (localize.app.metrics), and an `If-None-Match` naming the kept
answer's ETag gets a 304. Answers that set a cookie, stream, or are not 200 are never kept.
A request without cookies (an API client) is answered before Flask builds a request at all
(ReplayBeforeFlask); a browser's, whose key needs its session, in the first before_request hook.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from flask import Response, current_app, g, request, session
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from localize.app import metrics
from localize.db import change_marker

MAX_ANSWERS = 512                  # per worker
MAX_BYTES = 64 * 1024 * 1024       # per worker, bodies summed
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # a bigger answer is not kept


def reusable(view):
    """Mark a GET view whose answer depends only on the request (URL, credentials, languages) and
    the stored data: see the module's docstring."""
    view.reusable = True
    return view


@dataclass(frozen=True)
class Answer:
    marker: str
    expires: float
    status: int
    headers: tuple
    body: bytes
    user_id: int | None


class Answers:
    """A least-recently-used store of answers, bounded in count and in bytes."""

    def __init__(self, max_answers: int = MAX_ANSWERS, max_bytes: int = MAX_BYTES):
        self.max_answers, self.max_bytes = max_answers, max_bytes
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, marker: str, now: float) -> Answer | None:
        with self._lock:
            answer = self._items.get(key)
            if answer is None:
                return None
            if answer.marker != marker or answer.expires <= now:
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer) -> None:
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = answer
            self._bytes += len(answer.body)
            while self._items and (len(self._items) > self.max_answers or self._bytes > self.max_bytes):
                self._drop(next(iter(self._items)))

    def _drop(self, key: str) -> None:
        self._bytes -= len(self._items.pop(key).body)

    def __len__(self) -> int:
        return len(self._items)


def _key(environ: dict, session_part: str) -> str:
    # The host and scheme too: an answer may carry absolute links.
    parts = [environ.get("wsgi.url_scheme", ""), environ.get("HTTP_HOST", ""), environ.get("SCRIPT_NAME", ""),
             environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), environ.get("HTTP_AUTHORIZATION", ""),
             session_part, environ.get("HTTP_ACCEPT_LANGUAGE", ""), environ.get("HTTP_ACCEPT", ""),
             date.today().isoformat()]
    # Hashed: the store keeps no bearer token in the clear.
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _request_key() -> str:
    environ = request.environ
    # The session's contents, not the cookie: the cookie is signed anew on every answer.
    return _key(environ, repr(sorted(session.items())) if "HTTP_COOKIE" in environ else "")


def _expires(now: float) -> float:
    expires = now + current_app.config["RESPONSE_CACHE_SECONDS"]
    if session.get("uid") is not None:
        lifetime = current_app.permanent_session_lifetime.total_seconds()
        expires = min(expires, float(session.get("seen", 0)) + lifetime)
    return expires


def _etags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def _replayed(answer: Answer, if_none_match: str) -> tuple[int, list, bytes]:
    """(status, headers, body) of a kept answer: a 304 when If-None-Match names its ETag."""
    headers = dict(answer.headers)
    etag = headers.get("ETag")
    if etag and etag in _etags(if_none_match):
        kept = [(name, headers[name]) for name in ("ETag", "Cache-Control") if name in headers]
        return 304, kept, b""
    return answer.status, list(answer.headers), answer.body


class ReplayBeforeFlask:
    """WSGI middleware: a cookie-less GET (an API client with a token) whose answer is kept is
    answered before Flask builds a request, with the same status, headers and body, and counted
    and logged like any other request. Anything else (a browser with its session cookie, a miss)
    goes on to Flask, where `_reuse` below does the same with the session in hand."""

    def __init__(self, app, answers: Answers, inner):
        self.app, self.answers, self.inner = app, answers, inner
        self.json_log = app.config.get("LOG_FORMAT") == "json"

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET" and "HTTP_COOKIE" not in environ:
            replayed = self._replay(environ, start_response)
            if replayed is not None:
                return replayed
        return self.inner(environ, start_response)

    def _replay(self, environ, start_response):
        started = time.perf_counter()
        app = self.app
        try:
            rule, _args = app.url_map.bind_to_environ(environ, server_name=app.config.get("SERVER_NAME")).match(
                return_rule=True)
        except HTTPException:  # no route, a redirect, a wrong method: Flask answers those
            return None
        if not getattr(app.view_functions.get(rule.endpoint), "reusable", False):
            return None
        marker = change_marker(app.extensions["localize_engine"]).read()
        answer = None if marker is None else self.answers.get(_key(environ, ""), marker, time.time())
        if answer is None:
            return None
        status, headers, body = _replayed(answer, environ.get("HTTP_IF_NONE_MATCH", ""))
        if status != 304:  # a 304 carries no length of its own (as werkzeug answers it)
            headers = [(k, v) for k, v in headers if k != "Content-Length"] + [("Content-Length", str(len(body)))]
        start_response(f"{status} {HTTP_STATUS_CODES[status]}", headers)
        metrics.record("GET", rule, status, time.perf_counter() - started, answer.user_id,
                            environ.get("REMOTE_ADDR"), self.json_log)
        return [body]


def init_app(app) -> None:
    """Reuse answers of @reusable views (after localize.app.metrics, so reused answers are counted too)."""
    app.config.setdefault("RESPONSE_CACHE_SECONDS", 60)
    if app.config["RESPONSE_CACHE_SECONDS"] <= 0:
        return
    answers = Answers()
    app.extensions["localize_answers"] = answers
    app.wsgi_app = ReplayBeforeFlask(app, answers, app.wsgi_app)

    @app.before_request
    def _reuse():
        if request.method != "GET" or not getattr(app.view_functions.get(request.endpoint), "reusable", False):
            return None
        marker = change_marker(app.extensions["localize_engine"]).read()
        if marker is None:
            return None
        key = _request_key()
        answer = answers.get(key, marker, time.time())
        if answer is None:
            g.answer_slot = (key, marker)
            return None
        g.reused_answer_user_id = answer.user_id
        status, headers, body = _replayed(answer, request.headers.get("If-None-Match", ""))
        return Response(body, status=status, headers=headers)

    @app.after_request
    def _keep(response):
        slot = g.pop("answer_slot", None)
        if (slot is None or response.status_code != 200 or response.is_streamed or session.modified
                or "Set-Cookie" in response.headers):
            return response
        body = response.get_data()
        if len(body) > MAX_ANSWER_BYTES:
            return response
        user = g.get("api_user") or g.get("user")
        now = time.time()
        answers.put(slot[0], Answer(slot[1], _expires(now), response.status_code,
                                    tuple(response.headers.items()), body, getattr(user, "id", None)))
        return response
