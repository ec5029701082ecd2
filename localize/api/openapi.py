"""The OpenAPI 3.1 document, generated from the registered routes so no endpoint goes undescribed.

Request bodies come from the domains' pydantic models, answers from localize/api/schemas.py;
each route module registers its endpoints' answers with `describe`.
"""
from __future__ import annotations

import re
from typing import Any

from flask import current_app, jsonify

from localize.api import PUBLIC_ENDPOINTS, bp
from localize.api import schemas as answers
from localize.catalog import schemas

# Request bodies by endpoint; endpoints of later features add theirs with `describe`.
REQUEST_BODIES: dict[str, dict] = {
    "api.series_create": {"application/json": schemas.SeriesCreate},
    "api.series_update": {"application/json": schemas.SeriesUpdate},
    "api.episode_create": {"application/json": schemas.EpisodeCreate},
    "api.episode_update": {"application/json": schemas.EpisodeUpdate},
    "api.version_create": {"application/json": schemas.VersionCreate},
    "api.version_update": {"application/json": schemas.VersionUpdate},
    "api.character_create": {"application/json": schemas.CharacterCreate},
    "api.casting_put": {"application/json": schemas.CastingUpdate},
    "api.casting_note_add": {"application/json": schemas.NoteCreate},
}
SUMMARIES: dict[str, str] = {}
EXTRA_RESPONSES: dict[str, dict[str, str]] = {}
# Success answers by endpoint: status -> a response model (JSON), {media type: model or schema},
# or None (no body). Every route registers its own with `describe(..., returns=...)`.
RETURNS: dict[str, dict[str, Any]] = {}
QUERY_PARAMETERS: dict[str, list[dict]] = {}
REF = "#/components/schemas/{model}"
SUCCESS = {"200": "OK", "201": "Created", "202": "Accepted: the work goes on in the background (see its job)",
           "204": "No content"}
ERRORS = {"400": "Malformed JSON", "401": "No API token, or an unknown or revoked one",
          "403": "The role (or the translator's languages) may not do this", "404": "Not found",
          "422": "Validation failed: details name each field"}


def describe(endpoint: str, summary: str | None = None, bodies: dict | None = None,
             responses: dict[str, str] | None = None, returns: dict[str, Any] | None = None,
             parameters: list[dict] | None = None) -> None:
    """Register an endpoint's summary, request bodies (media type -> model or schema), response
    descriptions (status -> text), success answers (status -> model, {media: model or schema}, or
    None) and query parameters (OpenAPI parameter objects)."""
    if summary:
        SUMMARIES[endpoint] = summary
    if bodies:
        REQUEST_BODIES[endpoint] = bodies
    if responses:
        EXTRA_RESPONSES[endpoint] = responses
    if returns:
        RETURNS[endpoint] = returns
    if parameters:
        QUERY_PARAMETERS[endpoint] = parameters


def _schema(model_or_schema) -> dict:
    if isinstance(model_or_schema, dict):
        return model_or_schema
    return model_or_schema.model_json_schema(ref_template=REF)


def _add(components: dict, name: str, schema: dict) -> None:
    if components.setdefault(name, schema) != schema:
        raise ValueError(f"two different schemas are named {name!r}; rename one of the models")


def _ref(model_or_schema, components: dict) -> dict:
    """A model as a $ref to its component (its nested models become components too); a schema as is."""
    if isinstance(model_or_schema, dict):
        return model_or_schema
    schema = _schema(model_or_schema)
    for name, sub in schema.pop("$defs", {}).items():
        _add(components, name, sub)
    _add(components, model_or_schema.__name__, schema)
    return {"$ref": REF.format(model=model_or_schema.__name__)}


def _content(answer, components: dict) -> dict | None:
    if answer is None:
        return None
    if not isinstance(answer, dict):
        answer = {"application/json": answer}
    return {media: {"schema": _ref(model, components)} for media, model in answer.items()}


def _responses(endpoint: str, has_body: bool, secured: bool, has_path: bool, components: dict) -> dict:
    texts = EXTRA_RESPONSES.get(endpoint, {})
    error = {"application/json": {"schema": {"$ref": REF.format(model="Error")}}}
    out = {}
    for status, answer in (RETURNS.get(endpoint) or {"200": None}).items():
        out[status] = {"description": texts.get(status) or SUCCESS.get(status, "OK")}
        content = _content(answer, components)
        if content:
            out[status]["content"] = content
    codes = {"400": has_body, "401": secured, "403": secured, "404": has_path, "422": has_body}
    codes.update({status: True for status in texts if status >= "400"})
    for status in sorted(status for status, applies in codes.items() if applies):
        out[status] = {"description": texts.get(status) or ERRORS[status], "content": error}
    out["default"] = {"description": "Error", "content": error}
    return out


def build_document(app) -> dict:
    paths: dict[str, dict] = {}
    components: dict[str, dict] = {}
    _ref(answers.Error, components)
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            parameters = [{"name": name, "in": "path", "required": True,
                           "schema": {"type": "integer" if conv == "int" else "string"}}
                          for conv, name in re.findall(r"<(?:([^:>]+):)?([^>]+)>", rule.rule)]
            bodies = REQUEST_BODIES.get(rule.endpoint) if method in ("POST", "PUT", "PATCH") else None
            secured = rule.endpoint not in PUBLIC_ENDPOINTS
            op = {
                "operationId": rule.endpoint.split(".", 1)[1] + ("" if method == "GET" else f"_{method.lower()}"),
                "summary": SUMMARIES.get(rule.endpoint) or (view.__doc__ or rule.endpoint).strip().splitlines()[0],
                "parameters": parameters + QUERY_PARAMETERS.get(rule.endpoint, []),
                "responses": _responses(rule.endpoint, bool(bodies), secured, bool(parameters), components),
            }
            if secured:
                op["security"] = [{"bearer": []}]
            if bodies:
                content = {}
                for media, model in bodies.items():
                    schema = _schema(model)
                    for name, sub in schema.pop("$defs", {}).items():
                        _add(components, name, sub)
                    content[media] = {"schema": schema}
                op["requestBody"] = {"required": True, "content": content}
            paths.setdefault(path, {})[method.lower()] = op
    return {
        # 3.1: its schemas are JSON Schema 2020-12, the dialect pydantic writes (nullable is a type).
        "openapi": "3.1.0",
        "info": {"title": "localize API", "version": "1",
                 "description": "Series, market versions, subtitles and view reports of micro dramas."},
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": dict(sorted(components.items())),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 document of this API."""
    return jsonify(build_document(current_app))


describe("api.openapi", returns={"200": {"application/json": {
    "type": "object", "description": "this OpenAPI 3.1 document", "required": ["openapi", "info", "paths"]}}})
