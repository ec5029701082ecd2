"""Translation memory: look up matches for a source text; TMX import and export."""
from __future__ import annotations

import re

from flask import Response, jsonify, request

from localize.api import api_user, bp, read_body, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.db import request_session
from localize.errors import Forbidden, ValidationFailed
from localize.locales import normalize_locale
from localize.app.errors import json_error
from localize.memory import exchange, store, tmx
from localize.memory.text import DEFAULT_THRESHOLD
from localize.permissions import Ability, can, can_write_language

MAX_TEXT = 10_000  # characters of a looked-up text (a subtitle cue is ~80, a script line a few hundred)
MAX_LIMIT = 100


def _integer(name: str, default: int | None, low: int, high: int, details: list) -> int | None:
    raw = request.args.get(name)
    if raw is None or not raw.strip():
        return default
    if not re.fullmatch(r"-?[0-9]{1,9}", raw.strip()) or not low <= int(raw) <= high:
        details.append({"field": name, "message": f"must be an integer from {low} to {high}"})
        return default
    return int(raw)


def query_locale(name: str, details: list) -> str | None:
    raw = request.args.get(name)
    if not raw:
        details.append({"field": name, "message": "is required: a BCP 47 tag such as en-US or es-MX"})
        return None
    try:
        return normalize_locale(raw, name)
    except ValidationFailed as exc:
        details.extend(exc.details)
        return None


@bp.get("/tm/matches")
@requires(Ability.READ_CATALOG)
def memory_matches():
    """Memory matches for a source text: context 101, exact 100, fuzzy down to the threshold, best first."""
    details: list[dict] = []
    source_locale, target_locale = query_locale("source_locale", details), query_locale("target_locale", details)
    text = request.args.get("text", "")
    if not text.strip():
        details.append({"field": "text", "message": "is required: the source text to look up"})
    elif len(text) > MAX_TEXT:
        details.append({"field": "text", "message": f"is longer than {MAX_TEXT} characters"})
    for name in ("text", "previous"):
        if "\x00" in request.args.get(name, ""):  # no database stores it, so no memory holds it
            details.append({"field": name, "message": "contains a NUL character"})
    threshold = _integer("threshold", DEFAULT_THRESHOLD, 0, 100, details)
    limit = _integer("limit", store.DEFAULT_LIMIT, 1, MAX_LIMIT, details)
    speaker = _integer("speaker", None, 1, 2**31 - 1, details)
    previous = request.args.get("previous")
    if previous is not None and len(previous) > MAX_TEXT:
        details.append({"field": "previous", "message": f"is longer than {MAX_TEXT} characters"})
    if details:
        raise ValidationFailed("; ".join(f"{d['field']} {d['message']}" for d in details), details)
    user = api_user()
    if can(user, Ability.WRITE_LANGUAGE) and not can_write_language(user, target_locale):
        raise Forbidden(f"{user.email} translates {user.languages or 'no language'}, not {target_locale}")
    matches = store.lookup(request_session(), source_locale=source_locale, target_locale=target_locale,
                           text=text, previous=previous, speaker=speaker, threshold=threshold, limit=limit)
    return jsonify({"matches": [m.as_dict() for m in matches]})


TMX_TYPES = (tmx.MEDIA_TYPE, "application/xml", "text/xml")


@bp.post("/tm/import")
@requires(Ability.EDIT_CATALOG)
def memory_import():
    """Remember every pair of a TMX 1.4 file (raw body or multipart field `file`); all or nothing."""
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed("send the TMX file in the multipart field 'file'", [{"field": "file"}])
        data = upload.read()
    elif request.mimetype in TMX_TYPES:
        data = read_body()
    else:
        return json_error(415, "unsupported_media_type",
                          f"send a TMX file as {tmx.MEDIA_TYPE} or application/xml, or multipart field 'file'")
    result = exchange.import_tmx(request_session(), data, author=api_user())
    return jsonify(result.as_dict())


@bp.get("/tm/export.tmx")
@requires(Ability.EDIT_CATALOG)
def memory_export():
    """The memory of one language pair as a TMX 1.4 file."""
    details: list[dict] = []
    source_locale, target_locale = query_locale("source_locale", details), query_locale("target_locale", details)
    if details:
        raise ValidationFailed("; ".join(f"{d['field']} {d['message']}" for d in details), details)
    text = "".join(exchange.export_tmx(request_session(), source_locale, target_locale))
    name = f"memory-{source_locale}-{target_locale}.tmx"
    return Response(text.encode("utf-8"), mimetype=tmx.MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _parameter(name: str, description: str, schema: dict, required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


describe("api.memory_matches", "Translation memory matches for a source text, best first",
         parameters=[
             _parameter("source_locale", "the source text's locale", {"type": "string"}, True),
             _parameter("target_locale", "the locale of the translations wanted", {"type": "string"}, True),
             _parameter("text", "the source text", {"type": "string"}, True),
             _parameter("threshold", "lowest fuzzy score, 0-100 (default 75; below 50 counts as 50)",
                        {"type": "integer"}),
             _parameter("limit", f"most matches answered, 1-{MAX_LIMIT} (default {store.DEFAULT_LIMIT})",
                        {"type": "integer"}),
             _parameter("previous", "the previous source segment: an exact match used after it is 101",
                        {"type": "string"}),
             _parameter("speaker", "script dialogue: the original's character id; an exact match of theirs is 101",
                        {"type": "integer"})],
         responses={"403": "A translator looking up a language not theirs",
                    "422": "A missing or bad locale, text, threshold, limit or speaker (details name each)"},
         returns={"200": answers.MemoryMatches})
describe("api.memory_import", "Import a TMX 1.4 file into translation memory: one pair per target "
         "<tuv> of each <tu>; languages from xml:lang. A broken file is refused whole (422 naming the line)",
         bodies={tmx.MEDIA_TYPE: {"type": "string"}, "application/xml": {"type": "string"},
                 "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
         responses={"413": "Too large", "415": "Not a TMX body",
                    "422": "Not a TMX file we can read: details name the line; nothing was stored"},
         returns={"200": answers.MemoryImportResult})
describe("api.memory_export", "The translation memory of one language pair as a TMX 1.4 file",
         parameters=[_parameter("source_locale", "the source locale", {"type": "string"}, True),
                     _parameter("target_locale", "the target locale", {"type": "string"}, True)],
         responses={"422": "A missing or unknown locale"},
         returns={"200": {tmx.MEDIA_TYPE: {"type": "string"}}})
