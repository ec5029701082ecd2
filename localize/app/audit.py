"""Every successful change made through the API or the pages goes into the audit log, in one place.

Recorded after the view ran and before the request's transaction commits (so the entry lands
with the change, or not at all). Subtitle and script saves are left out: their revisions are
their history, with author, time, summary and a diff.
"""
from __future__ import annotations

from flask import g, request

from localize import audit
from localize.db import request_session

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Revisioned work, and signing in and out, which are not changes to the studio's data.
SKIPPED = {
    "api.subtitles_put", "api.subtitles_restore", "api.subtitles_translate",
    "subtitles.upload", "subtitles.index_upload", "subtitles.translate",
    "subtitles.api.save", "subtitles.api.restore",
    "web.login", "web.logout", "web.set_language",
}
SKIPPED_PREFIXES = ("api.script_", "scripts.")  # "api.scripts_rename" (rename everywhere) is kept
# The most specific object a URL names, from its parameters.
OBJECTS = (("user_id", "user"), ("character_id", "casting"), ("number", "episode"), ("locale", "version"),
           ("slug", "series"))


def _actor():
    from localize.security import current_user
    return g.get("api_user") or current_user()


# A created object's kind from its collection in the Location path (/api/v1/series/heir/versions/fr).
COLLECTIONS = {"series": "series", "versions": "version", "episodes": "episode", "characters": "character",
               "casting": "casting", "users": "user"}


def _created(location: str) -> tuple[str, str] | None:
    parts = [p for p in location.split("?")[0].split("/") if p and p not in ("api", "v1")]
    pairs = [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2) if parts[i] in COLLECTIONS]
    if not pairs:
        return None
    return COLLECTIONS[pairs[-1][0]], "/".join(value for _, value in pairs)


def _object(response) -> tuple[str, str]:
    if response.status_code == 201 and response.headers.get("Location"):
        created = _created(response.headers["Location"])
        if created:
            return created
    args = request.view_args or {}
    for key, kind in OBJECTS:
        if key in args:
            if kind == "casting" and "/casting/" not in request.path:
                kind = "character"
            parts = [str(args[k]) for k in ("slug", "locale", "number", "character_id", "user_id") if k in args]
            return kind, "/".join(parts)
    return request.blueprint or "app", ""


def _details(response) -> dict:
    details = {"method": request.method, "path": request.path, "status": response.status_code}
    if request.is_json:
        body = request.get_json(silent=True)
        if isinstance(body, dict):
            details["body"] = body
    elif request.form:
        details["form"] = {k: v for k, v in request.form.items()}
    if response.headers.get("Location"):
        details["location"] = response.headers["Location"]
    return details


def init_app(app) -> None:
    @app.after_request
    def _record(response):
        endpoint = request.endpoint or ""
        if (request.method not in WRITES or response.status_code >= 400 or endpoint in SKIPPED
                or endpoint.startswith(SKIPPED_PREFIXES)):
            return response
        actor = _actor()
        if actor is None:
            return response
        kind, ident = _object(response)
        audit.record(request_session(), actor=actor, action=endpoint.split(".")[-1], object_type=kind,
                     object_id=ident, details=_details(response))
        return response
