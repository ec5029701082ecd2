"""Ingest of daily view counts: CSV or JSON, idempotent, all or nothing."""
from __future__ import annotations

import codecs
import io

from flask import current_app, jsonify, request

from localize.api import bp, read_body, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.catalog import service as catalog
from localize.db import request_session
from localize.app.errors import BadJson, json_error
from localize.permissions import Ability
from localize.reports.ingest import ingest
from localize.reports.rows import FIELDS, RowsRejected, iter_csv_rows, iter_json_rows

def _is_text_encoding(name: str) -> bool:
    """A codec that decodes bytes to text (rot13, hex or base64 are codecs, but not text encodings)."""
    try:
        return codecs.lookup(name)._is_text_encoding
    except (LookupError, ValueError):
        return False


@bp.post("/series/<slug>/views")
@requires(Ability.INGEST_VIEWS)
def views_ingest(slug):
    """Store daily views, unlocks and revenue; a (date, locale, episode) sent again replaces its row."""
    # View exports are far larger than subtitle files; they stream, so memory stays flat.
    request.max_content_length = current_app.config["MAX_VIEWS_UPLOAD"]
    session = request_session()
    series = catalog.get_series(session, slug)
    if request.mimetype == "application/json":
        # JSON is parsed whole (a 200 MB batch grew a worker past 1.5 GB); large batches stream as CSV.
        request.max_content_length = current_app.config["MAX_VIEWS_JSON"]
        body = read_body(limit=current_app.config["MAX_VIEWS_JSON"],
                         advice="send large batches as text/csv, which streams")
        try:
            document = current_app.json.loads(body) if body.strip() else None
        except ValueError:
            document = None
        if document is None:
            raise BadJson("the body is not valid JSON; send {\"rows\": [...]}")
        rows = iter_json_rows(document)
    elif request.mimetype in ("text/csv", "text/plain", "application/csv"):
        charset = request.mimetype_params.get("charset", "utf-8")
        if not _is_text_encoding(charset):
            return json_error(415, "unsupported_media_type",
                              f"charset {charset[:40]!r} is not a text encoding Python knows; send UTF-8",
                              [{"field": "charset", "message": "unknown or not a text encoding"}])
        stream = io.TextIOWrapper(request.stream, encoding=charset, errors="strict", newline="")
        rows = iter_csv_rows(stream)
    else:
        return json_error(415, "unsupported_media_type",
                              "send text/csv with the header " + ",".join(FIELDS) + ", or JSON {\"rows\": [...]}")
    try:
        result = ingest(session, series, rows)
    except RowsRejected as exc:
        session.rollback()
        details = [{"row": e.row, "line": e.line, "field": e.field, "message": e.reason} for e in exc.errors]
        return json_error(422, "invalid_rows",
                              f"{len(exc.errors)} problem(s); nothing was stored", details)
    except UnicodeError as exc:  # UnicodeDecodeError, or UTF-16 without its BOM
        session.rollback()
        return json_error(422, "invalid_rows", f"the CSV is not {request.mimetype_params.get('charset', 'utf-8')} text: {exc.reason}",
                              [{"field": "body", "message": str(exc)}])
    return jsonify({"series": series.slug, "rows": result.rows, "inserted": result.inserted,
                    "replaced": result.replaced, "months_recomputed": result.months})


describe("api.views_ingest", "Ingest daily view counts (CSV or JSON); idempotent per (date, locale, episode)",
         bodies={"text/csv": {"type": "string", "description": "header: " + ",".join(FIELDS)},
                 "application/json": {"type": "object", "required": ["rows"], "properties": {"rows": {
                     "type": "array", "items": {"type": "object", "properties": {
                         "date": {"type": "string", "format": "date"}, "locale": {"type": "string"},
                         "episode": {"type": "integer"}, "views": {"type": "integer"},
                         "unlocks": {"type": "integer"}, "revenue": {"type": "string"}}}}}}},
         responses={"415": "Neither CSV nor JSON", "422": "Bad rows: every row number, field and reason; nothing stored"},
         returns={"200": answers.IngestResult})
