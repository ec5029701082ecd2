"""JSON API v1: bearer-token authentication, role checks and one error format."""
from __future__ import annotations

from flask import Blueprint, g, request
from pydantic import BaseModel
from werkzeug.exceptions import RequestEntityTooLarge

from localize.db import request_session
from localize.app.errors import BadJson, json_error
from localize.permissions import Ability
from localize.security import csrf, json_requires
from localize.users.service import user_for_token

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # token-authenticated; no cookies are read here, so CSRF cannot apply

PUBLIC_ENDPOINTS = {"api.health", "api.openapi"}

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
    response = json_error(401, "unauthorized", message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="localize"'
    return response


def api_user():
    return g.api_user


def requires(ability: Ability):
    """Allow a view to the roles holding an ability (localize.permissions); others get 403.
    The token's user was found by `authenticate` before any view runs."""
    return json_requires(ability, who=api_user)


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


def optional_json() -> dict:
    """The JSON object body, or {} when the request has no body; a malformed body is a 400."""
    if not request.get_data(cache=True).strip():
        return {}
    data = request.get_json(silent=True)
    if data is None:
        raise BadJson("the body is not valid JSON (send Content-Type: application/json)")
    if not isinstance(data, dict):
        raise BadJson("the body must be a JSON object")
    return data


def read_body(limit: int | None = None, advice: str = "") -> bytes:
    """The raw request body, refused with 413 past the upload limit (or `limit`).

    Checked here, not left to the server: under gunicorn a chunked body over the limit was cut
    to the limit and accepted.
    """
    from flask import current_app
    limit = limit or current_app.config["MAX_CONTENT_LENGTH"]
    too_large = f"the body is larger than the {limit // 1024} KiB limit" + (f"; {advice}" if advice else "")
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(too_large)
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
            raise RequestEntityTooLarge(too_large)
        chunks.append(chunk)
    return b"".join(chunks)


from localize.api import audit, catalog, exchange, glossary, jobs, leverage, memory, openapi, pretranslate, reports, scripts, subtitles, suggest, views  # noqa: E402,F401  (routes register on bp)
