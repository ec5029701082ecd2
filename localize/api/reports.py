"""Reports: one series across its markets, and the whole catalog; JSON or CSV."""
from __future__ import annotations

from flask import Response, jsonify, request, stream_with_context

from localize.api import bp, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.catalog import service as catalog
from localize.db import request_session
from localize.app.cache import reusable
from localize.errors import field_error
from localize.permissions import Ability
from localize.reports import report as reports
from localize.reports.cache import report_etag
from localize.reports.cache import reports as report_cache

FORMATS = ("json", "csv")


def _query() -> tuple:
    """Return (from, to, format) from the query string; 422 names the bad field."""
    fmt = request.args.get("format", "json").strip().lower() or "json"
    if fmt not in FORMATS:
        raise field_error("format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}")
    date_from, date_to = reports.parse_range(request.args.get("from"), request.args.get("to"))
    return date_from, date_to, fmt


def _csv(lines, name: str, date_from, date_to) -> Response:
    span = "-".join(d.isoformat() for d in (date_from, date_to) if d) or "all-time"
    response = Response(stream_with_context(lines), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{span}.csv"'
    return response


@bp.get("/series/<slug>/report")
@reusable
@requires(Ability.READ_REPORTS)
def series_report(slug):
    """Views, unlocks, revenue and ratios per market version and episode of a series."""
    date_from, date_to, fmt = _query()
    session = request_session()
    if fmt == "csv":
        series = catalog.get_series(session, slug)
        result = reports.series_report(session, series, date_from=date_from, date_to=date_to)
        return _csv(reports.report_rows_csv(result), f"{series.slug}-report", date_from, date_to)
    # Computed once per (series, range, stored state): see localize/reports/cache.py. A hit needs the
    # series' id only; the series itself is loaded (or its 404 raised) when there is work to do.
    series_id = catalog.series_id(session, slug)
    if series_id is None:
        catalog.get_series(session, slug)  # raises NotFound
    etag = report_etag(session, series_id, date_from, date_to)
    if etag in _if_none_match():
        return _not_modified(etag)
    body = report_cache.get(etag)
    if body is None:
        series = catalog.get_series(session, slug)
        result = reports.series_report(session, series, date_from=date_from, date_to=date_to)
        body = jsonify(reports.jsonable(result)).get_data()
        report_cache.put(etag, body)
    response = Response(body, mimetype="application/json")
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _if_none_match() -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/report")
@reusable
@requires(Ability.READ_REPORTS)
def portfolio_report():
    """Views, unlocks and revenue per series, locale and version across the whole catalog."""
    date_from, date_to, fmt = _query()
    result = reports.portfolio_report(request_session(), date_from=date_from, date_to=date_to)
    if fmt == "csv":
        return _csv(reports.portfolio_rows_csv(result), "portfolio", date_from, date_to)
    return jsonify(reports.jsonable(result))


_QUERY = ("Query: from, to (YYYY-MM-DD, inclusive, both optional), format=json|csv. "
          "Revenue is a decimal string with 4 places; a ratio with a zero denominator is null.")
_CSV = {"type": "string", "description": "with a header line; see format=csv"}
describe("api.series_report", "Report of a series across its markets (JSON, or CSV: one row per version "
         "and episode). " + _QUERY, responses={"422": "Bad from, to or format (details name the field)"},
         returns={"200": {"application/json": answers.SeriesReport, "text/csv": _CSV}})
describe("api.portfolio_report", "Report of the whole catalog per series, locale and version (JSON or CSV). "
         + _QUERY, responses={"422": "Bad from, to or format (details name the field)"},
         returns={"200": {"application/json": answers.PortfolioReport, "text/csv": _CSV}})
