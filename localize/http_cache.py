"""Whole answers reused while nothing in the database has changed (issue 14).

A dashboard polling the report, a lead reloading the matrix and a player fetching a track ask the
same question again and again between changes. For the views marked `@reusable`, a successful GET
answer is kept per worker, keyed by everything the answer depends on besides the stored data: the
URL with its query, the credentials (bearer token or the signed-in session's contents), the
reader's languages, the wanted media type and the day. It is reused while the database's change
marker (localize.db.ChangeMarker: any commit by anyone, in any process, moves it) stays where it
was when the answer was made, and for at most RESPONSE_CACHE_SECONDS (relative times on pages),
never past the browser session's inactivity limit.

A reused answer skips the view and its authentication: both would give the same result, since
revoking a token, disabling a user, ending sessions or changing a role are all commits. Requests
are still counted and logged (localize.http_metrics), and an `If-None-Match` naming the kept
answer's ETag gets a 304. Answers that set a cookie, stream, or are not 200 are never kept.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from flask import Response, current_app, g, request, session

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


def _key() -> str:
    environ = request.environ  # read directly: this runs on every reused answer
    parts = [environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), environ.get("HTTP_AUTHORIZATION", ""),
             # The session's contents, not the cookie: the cookie is signed anew on every answer.
             repr(sorted(session.items())) if "HTTP_COOKIE" in environ else "",
             environ.get("HTTP_ACCEPT_LANGUAGE", ""), environ.get("HTTP_ACCEPT", ""), date.today().isoformat()]
    # Hashed: the store keeps no bearer token in the clear.
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _expires(now: float) -> float:
    expires = now + current_app.config["RESPONSE_CACHE_SECONDS"]
    if session.get("uid") is not None:
        lifetime = current_app.permanent_session_lifetime.total_seconds()
        expires = min(expires, float(session.get("seen", 0)) + lifetime)
    return expires


def _etags() -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def _replay(answer: Answer) -> Response:
    headers = dict(answer.headers)
    etag = headers.get("ETag")
    if etag and etag in _etags():
        response = Response(status=304)
        response.headers["ETag"] = etag
        if "Cache-Control" in headers:
            response.headers["Cache-Control"] = headers["Cache-Control"]
        return response
    return Response(answer.body, status=answer.status, headers=list(answer.headers))


def init_app(app) -> None:
    """Reuse answers of @reusable views (after http_metrics, so reused answers are counted too)."""
    app.config.setdefault("RESPONSE_CACHE_SECONDS", 60)
    if app.config["RESPONSE_CACHE_SECONDS"] <= 0:
        return
    answers = Answers()
    app.extensions["localize_answers"] = answers

    @app.before_request
    def _reuse():
        if request.method != "GET" or not getattr(app.view_functions.get(request.endpoint), "reusable", False):
            return None
        marker = change_marker(app.extensions["localize_engine"]).read()
        if marker is None:
            return None
        key = _key()
        answer = answers.get(key, marker, time.time())
        if answer is None:
            g.answer_slot = (key, marker)
            return None
        g.reused_answer_user_id = answer.user_id
        return _replay(answer)

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
