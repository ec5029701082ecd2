"""The OpenAPI 3 document, generated from the registered routes so no endpoint goes undescribed."""
from __future__ import annotations

import re

from flask import current_app, jsonify

from localize.api import PUBLIC_ENDPOINTS, bp
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
QUERY_PARAMETERS: dict[str, list[dict]] = {}


def describe(endpoint: str, summary: str, bodies: dict | None = None,
             responses: dict[str, str] | None = None, parameters: list[dict] | None = None) -> None:
    """Register an endpoint's summary, request bodies (media type -> model or schema), responses
    and query parameters (OpenAPI parameter objects)."""
    SUMMARIES[endpoint] = summary
    if bodies:
        REQUEST_BODIES[endpoint] = bodies
    if responses:
        EXTRA_RESPONSES[endpoint] = responses
    if parameters:
        QUERY_PARAMETERS[endpoint] = parameters


ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message", "details"], "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "details": {"type": "array", "items": {"type": "object"}}}}},
}


def _schema(model_or_schema) -> dict:
    if isinstance(model_or_schema, dict):
        return model_or_schema
    schema = model_or_schema.model_json_schema(ref_template="#/components/schemas/{model}")
    return schema


def build_document(app) -> dict:
    paths: dict[str, dict] = {}
    components = {"Error": ERROR_SCHEMA}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            op = {
                "operationId": rule.endpoint.split(".", 1)[1] + ("" if method == "GET" else f"_{method.lower()}"),
                "summary": SUMMARIES.get(rule.endpoint) or (view.__doc__ or rule.endpoint).strip().splitlines()[0],
                "parameters": [{"name": name, "in": "path", "required": True,
                                "schema": {"type": "integer" if conv == "int" else "string"}}
                               for conv, name in re.findall(r"<(?:([^:>]+):)?([^>]+)>", rule.rule)]
                              + QUERY_PARAMETERS.get(rule.endpoint, []),
                "responses": {"200": {"description": "OK"},
                              "default": {"description": "Error", "content": {"application/json": {
                                  "schema": {"$ref": "#/components/schemas/Error"}}}}},
            }
            op["responses"].update({code: {"description": text}
                                    for code, text in EXTRA_RESPONSES.get(rule.endpoint, {}).items()})
            if rule.endpoint not in PUBLIC_ENDPOINTS:
                op["security"] = [{"bearer": []}]
            bodies = REQUEST_BODIES.get(rule.endpoint)
            if bodies and method in ("POST", "PUT", "PATCH"):
                content = {}
                for media, model in bodies.items():
                    schema = _schema(model)
                    for name, sub in schema.pop("$defs", {}).items():
                        components[name] = sub
                    content[media] = {"schema": schema}
                op["requestBody"] = {"required": True, "content": content}
            paths.setdefault(path, {})[method.lower()] = op
    return {
        "openapi": "3.0.3",
        "info": {"title": "localize API", "version": "1",
                 "description": "Series, market versions, subtitles and view reports of micro dramas."},
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": components,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 document of this API."""
    return jsonify(build_document(current_app))
