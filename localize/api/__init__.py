"""JSON API v1: bearer-token authentication, role checks and one error format."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, g, jsonify, request
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.routing import BaseConverter

from localize.db import request_session
from localize.errors import DomainError
from localize.security import csrf
from localize.users.service import user_for_token

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class LanguageTagConverter(BaseConverter):
    """A BCP 47 tag in a URL (es-MX, pt_BR, zh-Hant-TW): never swallows a `.vtt` suffix."""

    regex = r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*"


# Registered before any route so the rules below can use <tag:...>.
bp.record_once(lambda state: state.app.url_map.converters.setdefault("tag", LanguageTagConverter))
csrf.exempt(bp)  # token-authenticated; no cookies are read here, so CSRF cannot apply

PUBLIC_ENDPOINTS = {"api.health", "api.openapi"}


def error_response(status: int, code: str, message: str, details: list | None = None):
    response = jsonify({"error": {"code": code, "message": message, "details": details or []}})
    response.status_code = status
    return response


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _unauthorized("send an API token as 'Authorization: Bearer TOKEN'")
    user = user_for_token(request_session(), token.strip())
    if user is None:
        return _unauthorized("the API token is unknown or revoked")
    g.api_user = user
    return None


def _unauthorized(message: str):
    response = error_response(401, "unauthorized", message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="localize"'
    return response


def api_user():
    return g.api_user


def roles(*allowed: str):
    """Allow a view to these roles (admin always)."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = g.api_user
            if user.role != "admin" and user.role not in allowed:
                return error_response(403, "forbidden",
                                      f"role {user.role!r} may not {request.method} {request.path}")
            return view(*args, **kwargs)
        return wrapper
    return decorate


READ_ROLES = ("lead", "translator", "marketing")


def json_body(model: type[BaseModel]) -> BaseModel:
    """Parse and validate the JSON body; raises errors the handlers turn into 400 or 422."""
    data = request.get_json(silent=True)
    if data is None:
        raw = request.get_data(cache=True)
        if not raw.strip():
            raise BadJson("the request needs a JSON object body")
        raise BadJson("the body is not valid JSON (send Content-Type: application/json)")
    if not isinstance(data, dict):
        raise BadJson("the body must be a JSON object")
    return model.model_validate(data)


class BadJson(Exception):
    pass


def read_body() -> bytes:
    """The raw request body, refused with 413 past the upload limit.

    Checked here, not left to the server: under gunicorn a chunked body over the limit was cut
    to the limit and accepted (see shared/BRIEF.md).
    """
    from flask import current_app
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"the body is larger than the {limit // 1024} KiB limit")
    if request.content_length is not None:
        return request.get_data(cache=True)
    if not request.environ.get("wsgi.input_terminated"):
        return b""  # no length and not chunked: there is no body to read
    chunks, size = [], 0
    stream = request.environ["wsgi.input"]
    while True:
        chunk = stream.read(64 * 1024)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge(f"the body is larger than the {limit // 1024} KiB limit")
        chunks.append(chunk)
    return b"".join(chunks)


@bp.errorhandler(BadJson)
def _bad_json(exc):
    return error_response(400, "malformed_json", str(exc))


@bp.errorhandler(ValidationError)
def _invalid(exc: ValidationError):
    details = []
    for err in exc.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in err["loc"]) or "body"
        message = err["msg"].removeprefix("Value error, ")
        details.append({"field": field, "message": message})
    fields = ", ".join(d["field"] for d in details)
    return error_response(422, "validation_failed", f"invalid fields: {fields}", details)


@bp.errorhandler(DomainError)
def _domain(exc: DomainError):
    return error_response(exc.status, exc.code, exc.message, exc.details)


@bp.errorhandler(IntegrityError)
def _integrity(exc: IntegrityError):
    # Two requests raced past the service's own check; the database kept exactly one.
    request_session().rollback()
    return error_response(409, "conflict", "this conflicts with data stored meanwhile; reload and retry")


@bp.errorhandler(HTTPException)
def _http(exc: HTTPException):
    code = (exc.name or "error").lower().replace(" ", "_")
    return error_response(exc.code or 500, code, exc.description or exc.name)


def app_error_handlers(app) -> None:
    """HTTP errors raised outside a view: JSON under /api/, the HTML error page elsewhere."""
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def _app_level(exc):
        if request.path.startswith("/api/"):
            return _http(exc)
        from localize.web import html_error
        return html_error(exc)

    @app.errorhandler(500)
    def _server_error(exc):
        if request.path.startswith("/api/"):
            return error_response(500, "internal_error", "the server failed; the error is logged")
        from localize.web import html_error
        return html_error(exc)


from localize.api import catalog, openapi, reports, subtitles, views  # noqa: E402,F401  (routes register on bp)
