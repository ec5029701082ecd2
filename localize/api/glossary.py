"""The glossary of a series per target locale: entries, CSV import and export, TBX export."""
from __future__ import annotations

from flask import Response, jsonify, request

from localize.api import bp, json_body, read_body, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.app.errors import json_error
from localize.catalog import service as catalog
from localize.db import request_session
from localize.errors import ValidationFailed
from localize.glossary import exchange, store
from localize.glossary.schemas import GlossaryEntryCreate, GlossaryEntryUpdate
from localize.locales import normalize_locale
from localize.permissions import Ability

CSV_TYPES = ("text/csv", "application/csv", "text/plain")


def _target_locale(required: bool) -> str | None:
    raw = request.args.get("target_locale")
    if not raw:
        if required:
            raise ValidationFailed("target_locale is required: a BCP 47 tag such as es-MX",
                                   [{"field": "target_locale", "message": "is required"}])
        return None
    return normalize_locale(raw, "target_locale")


@bp.get("/series/<slug>/glossary")
@requires(Ability.READ_CATALOG)
def glossary_list(slug):
    """The series' glossary (of one target locale): casting's names, then the stored entries."""
    session = request_session()
    series = catalog.get_series(session, slug)
    entries = store.list_entries(session, series, _target_locale(False))
    return jsonify({"entries": [store.entry_dict(e) for e in entries]})


@bp.post("/series/<slug>/glossary")
@requires(Ability.EDIT_CATALOG)
def glossary_create(slug):
    session = request_session()
    series = catalog.get_series(session, slug)
    body = json_body(GlossaryEntryCreate)
    entry = store.add_entry(session, series, body.target_locale, body.model_dump(exclude={"target_locale"}))
    return jsonify(store.entry_dict(entry)), 201


@bp.put("/series/<slug>/glossary/<entry_id>")
@requires(Ability.EDIT_CATALOG)
def glossary_update(slug, entry_id):
    session = request_session()
    series = catalog.get_series(session, slug)
    body = json_body(GlossaryEntryUpdate)
    entry = store.update_entry(session, series, entry_id, body.model_dump(exclude_unset=True, exclude_none=True))
    return jsonify(store.entry_dict(entry))


@bp.delete("/series/<slug>/glossary/<entry_id>")
@requires(Ability.EDIT_CATALOG)
def glossary_delete(slug, entry_id):
    session = request_session()
    store.delete_entry(session, catalog.get_series(session, slug), entry_id)
    return "", 204


@bp.get("/series/<slug>/glossary.csv")
@requires(Ability.READ_CATALOG)
def glossary_export_csv(slug):
    session = request_session()
    series = catalog.get_series(session, slug)
    locale = _target_locale(True)
    text = exchange.export_csv(session, series, locale)
    return Response(text.encode("utf-8"), mimetype=exchange.CSV_MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="glossary-{series.slug}-{locale}.csv"'})


@bp.post("/series/<slug>/glossary.csv")
@requires(Ability.EDIT_CATALOG)
def glossary_import_csv(slug):
    """Add or update entries from a CSV (raw body or multipart field `file`); all or nothing."""
    session = request_session()
    series = catalog.get_series(session, slug)
    locale = _target_locale(True)
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed("send the CSV file in the multipart field 'file'", [{"field": "file"}])
        data = upload.read(exchange.MAX_CSV_BYTES + 1)
    elif request.mimetype in CSV_TYPES:
        data = read_body(exchange.MAX_CSV_BYTES)
    else:
        return json_error(415, "unsupported_media_type", "send a CSV file as text/csv, or multipart field 'file'")
    result = exchange.import_csv(session, series, locale, data)
    return jsonify(result.as_dict())


@bp.get("/series/<slug>/glossary.tbx")
@requires(Ability.READ_CATALOG)
def glossary_export_tbx(slug):
    session = request_session()
    series = catalog.get_series(session, slug)
    locale = _target_locale(True)
    return Response(exchange.export_tbx(session, series, locale), mimetype=exchange.TBX_MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="glossary-{series.slug}-{locale}.tbx"'})


def _locale_parameter(required: bool) -> list[dict]:
    return [{"name": "target_locale", "in": "query", "required": required, "schema": {"type": "string"},
             "description": "the target locale (BCP 47)" + ("" if required else "; all locales when left out")}]


ENTRY_ID = "a stored entry's integer id; `name-<casting id>` entries come from casting (read-only: 409)"
describe("api.glossary_list", "The series' glossary: casting's renamed characters (`name`, ids `name-<casting id>`) "
         "and the stored entries", parameters=_locale_parameter(False),
         responses={"422": "An unknown target_locale"}, returns={"200": answers.GlossaryEntries})
describe("api.glossary_create", "Add a glossary entry (one per source and kind in a locale)",
         bodies={"application/json": GlossaryEntryCreate},
         responses={"409": "The locale already has an entry of this kind for this source"},
         returns={"201": answers.GlossaryEntryOut})
describe("api.glossary_update", f"Change a glossary entry ({ENTRY_ID})",
         bodies={"application/json": GlossaryEntryUpdate},
         responses={"409": "An entry from casting, or another entry of this kind has this source"},
         returns={"200": answers.GlossaryEntryOut})
describe("api.glossary_delete", f"Delete a glossary entry ({ENTRY_ID})",
         responses={"409": "An entry from casting (rename the character in casting)"}, returns={"204": None})
describe("api.glossary_export_csv", "The glossary of one target locale as CSV: source,target,kind,note "
         "(casting's names included)", parameters=_locale_parameter(True),
         responses={"422": "A missing or unknown target_locale"},
         returns={"200": {exchange.CSV_MEDIA_TYPE: {"type": "string"}}})
describe("api.glossary_import_csv", "Import a CSV (source,target,kind,note[,case_sensitive]): adds new entries, "
         "updates existing ones by source and kind, skips `name` rows; a bad row refuses the whole file",
         parameters=_locale_parameter(True),
         bodies={"text/csv": {"type": "string"},
                 "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
         responses={"413": "Too large", "415": "Not a CSV body",
                    "422": "A bad row (details name the row and field), not UTF-8, or a bad header; nothing stored"},
         returns={"200": answers.GlossaryImportResult})
describe("api.glossary_export_tbx", "The glossary of one target locale as TBX-Basic (forbidden translations are "
         "deprecated terms)", parameters=_locale_parameter(True),
         responses={"422": "A missing or unknown target_locale"},
         returns={"200": {exchange.TBX_MEDIA_TYPE: {"type": "string"}}})
