"""Leverage and cost of a version's episode range before the work (JSON, or CSV per episode)."""
from __future__ import annotations

from flask import Response, jsonify, request

from localize.api import bp, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.db import request_session
from localize.errors import field_error
from localize.memory import leverage
from localize.permissions import Ability

FORMATS = ("json", "csv")


@bp.get("/series/<slug>/versions/<locale>/leverage")
@requires(Ability.EDIT_CATALOG)
def version_leverage(slug, locale):
    """Source words of an episode range per match band, weighted words and cost."""
    fmt = request.args.get("format", "json").strip().lower() or "json"
    if fmt not in FORMATS:
        raise field_error("format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}")
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    numbers = leverage.parse_episodes(request.args.get("episodes"),
                                      effective_settings(series, version).episode_count)
    result = leverage.analyse(session, series, version, numbers)
    if fmt == "json":
        return jsonify(result)
    span = f"{numbers[0]}-{numbers[-1]}" if numbers else "none"
    return Response(leverage.csv_text(result), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{series.slug}-{version.locale}-leverage-{span}.csv"'})


describe("api.version_leverage",
         "Leverage before the work: the original's source words of the version's episodes (script sources "
         "and original-language cues) per translation-memory band, weighted by the series' rate scheme, "
         "and their cost at the version's rate per word (JSON, or CSV: one row per episode)",
         parameters=[
             {"name": "episodes", "in": "query", "required": False, "schema": {"type": "string"},
              "description": "the version's episodes: 1-12, 3 or 1-3,7 (default: all)"},
             {"name": "format", "in": "query", "required": False,
              "schema": {"type": "string", "enum": list(FORMATS)}, "description": "json (default) or csv"}],
         responses={"422": "A bad episodes range or format, or the original itself (details name the field)"},
         returns={"200": {"application/json": answers.Leverage,
                          "text/csv": {"type": "string", "description": "episode," + ",".join(leverage.BANDS)
                                       + ",weighted_words,cost: words per band; cost empty without a rate"}}})
