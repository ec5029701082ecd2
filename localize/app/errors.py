"""Errors as HTTP answers, in one place for the API and the pages.

Under /api/ (and the JSON endpoints of the pages, whose blueprints call `json_blueprint`) every
error is `{"error": {"code", "message", "details"}}`; elsewhere it is the HTML error page in the
reader's language. Domain errors carry their own status; a unique-key race is a 409 because the
database kept exactly one of the two writes.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from localize.errors import DomainError

_JSON_BLUEPRINTS: set[str] = set()


class BadJson(Exception):
    """A body that is not the JSON object an endpoint needs (400)."""


def json_blueprint(name: str) -> None:
    """Answer errors of this blueprint (dotted name, e.g. "subtitles.api") as JSON."""
    _JSON_BLUEPRINTS.add(name)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.blueprint in _JSON_BLUEPRINTS


def json_error(status: int, code: str, message: str, details: list | None = None, **extra):
    """The JSON error body, plus extra top-level keys (a conflict's two versions)."""
    response = jsonify({"error": {"code": code, "message": message, "details": details or []}, **extra})
    response.status_code = status
    return response


def html_error(status: int, message: str = "", **context):
    return render_template("error.html", status=status, message=message, **context), status


def validation_details(exc: ValidationError) -> list[dict]:
    """Pydantic's errors as `{"field", "message"}` details (the field as a dotted path)."""
    details = []
    for err in exc.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in err["loc"]) or "body"
        details.append({"field": field, "message": err["msg"].removeprefix("Value error, ")})
    return details


def _upload_limit_mb() -> float | None:
    """The body limit of this request (a route may raise the app's), in MB, for the 413 page."""
    limit = request.max_content_length
    return round(limit / (1024 * 1024), 1) if limit else None


def _same_site_referrer() -> str | None:
    """The page the refused form was on, when it is one of ours: the 413 page links back to it."""
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if not referrer or parts.netloc != request.host or parts.scheme not in ("http", "https"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _rollback() -> None:
    """Roll back the request's session if it has one (never open one here: the database may be busy)."""
    from flask import g
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def init_app(app) -> None:
    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        _rollback()
        if wants_json():
            return json_error(exc.status, exc.code, exc.message, exc.details)
        return html_error(exc.status, exc.message)

    @app.errorhandler(IntegrityError)
    def _integrity(_exc: IntegrityError):
        # Two requests raced past the service's own check; the database kept exactly one.
        _rollback()
        if wants_json():
            return json_error(409, "conflict", "this conflicts with data stored meanwhile; reload and retry")
        return html_error(409)

    @app.errorhandler(OperationalError)
    def _busy(exc: OperationalError):
        # Another writer held the database past the busy timeout (SQLite "database is locked",
        # PostgreSQL "lock timeout"): the client may retry; anything else is a real failure.
        text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        if "database is locked" not in text and "lock timeout" not in text and "locknotavailable" not in text:
            raise exc
        _rollback()
        if wants_json():
            response = json_error(503, "busy", "the database is busy with other changes; retry in a few seconds")
        else:
            response = app.make_response(html_error(503))
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(ValidationError)
    def _invalid(exc: ValidationError):
        details = validation_details(exc)
        fields = ", ".join(d["field"] for d in details)
        if wants_json():
            return json_error(422, "validation_failed", f"invalid fields: {fields}", details)
        return html_error(422, f"invalid fields: {fields}")

    @app.errorhandler(BadJson)
    def _bad_json(exc: BadJson):
        return json_error(400, "malformed_json", str(exc))

    @app.errorhandler(CSRFError)
    def _csrf_failed(_exc: CSRFError):
        if wants_json():
            return json_error(400, "csrf_failed", "the CSRF token is missing or wrong; reload the page")
        return html_error(400, csrf_failed=True)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        if wants_json():
            if status >= 500:
                return json_error(status, "internal_error", "the server failed; the error is logged")
            code = (exc.name or "error").lower().replace(" ", "_")
            return json_error(status, code, exc.description or exc.name)
        if status == 413:
            return html_error(413, limit_mb=_upload_limit_mb(), back=_same_site_referrer())
        return html_error(status, exc.description or "" if status < 500 else "")

    @app.errorhandler(InternalServerError)
    def _server_error(_exc):
        if wants_json():
            return json_error(500, "internal_error", "the server failed; the error is logged")
        return html_error(500)
