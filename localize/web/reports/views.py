"""Report pages for marketing: the whole catalog, and one series across its markets.

Numbers and money are formatted by Babel in the reader's language and each version's currency;
the charts are SVG drawn on the server (localize.reports.charts), with the same formats.
"""
from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_babel import format_currency, format_date, format_decimal, format_percent, get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from localize.catalog import service as catalog
from localize.db import request_session
from localize.errors import ValidationFailed
from localize.reports import charts
from localize.reports import report as reports
from localize.reports.cache import ReportCache, report_etag
from localize.permissions import Ability
from localize.security import page_requires


TOP_SERIES = 15  # bars in the catalog chart; the table lists every series
# Rendered result sections of series report pages (HTML text), by report state and language.
page_cache = ReportCache(64)


def _range():
    """Return (from, to, errors) from the query string, the errors worded for the reader."""
    try:
        date_from, date_to = reports.parse_range(request.args.get("from"), request.args.get("to"))
    except ValidationFailed as exc:
        errors = {d["field"]: _("Enter a date as YYYY-MM-DD.") if d["code"] == "date"
                  else _("The start date is after the end date.") for d in exc.details}
        return None, None, errors
    return date_from, date_to, {}


def _percent(value: float) -> str:
    """A ratio in the reader's percent pattern with one decimal: "#,##0 %" becomes "#,##0.0 %"."""
    return format_percent(value, get_locale().percent_formats[None].pattern.replace("0", "0.0", 1))


def formats() -> dict:
    """Formatting helpers of the report templates, in the reader's language."""
    na = Markup('<span class="muted">{}</span>').format(_("n/a"))
    return {
        # The range of this page for its links (CSV, a series' report), without empty values.
        "range_args": {key: request.args[key] for key in ("from", "to") if request.args.get(key)},
        "num": lambda v: na if v is None else format_decimal(v),
        "pct": lambda v: na if v is None else _percent(v),
        "money": lambda v, currency: na if v is None else format_currency(v, currency),
        "day": lambda iso: format_date(date.fromisoformat(iso), "medium"),
        # data_range is month-precise (it comes from the monthly rollup): show it as months.
        "month": lambda iso: format_date(date.fromisoformat(iso), "LLLL y"),
    }


def _words() -> dict:
    return {"empty": _("No data"), "missing": _("n/a"), "paywall": _("paywall"), "no_data": _("no data"),
            "episode": _("ep.")}


def _series_charts(series, result: dict) -> dict[str, Markup]:
    """The four charts of a series report, on the original's episode numbers."""
    words, versions = _words(), result["versions"]
    silent = {v["locale"] for v in versions if not v["has_data"]}  # no views in the period
    heat = {v["locale"]: {p["number"]: p["continuation"] for p in v["original_episodes"]} for v in versions}
    svgs = {
        "views": charts.bar_chart([(v["locale"], v["views"]) for v in versions], _("Views per market"),
                                  value_format=format_decimal, words=words, no_data=silent),
        "retention": charts.line_chart(
            {v["locale"]: [(p["number"], p["retention"]) for p in v["original_episodes"]] for v in versions},
            _("Retention by episode (original numbering)"), paywall_at=series.free_episodes,
            y_format=format_percent, words=words, no_data=silent),
        "continuation": charts.heat_map(heat, list(range(1, series.episode_count + 1)),
                                        _("Continuation by episode and market"), value_format=format_percent,
                                        words=words, no_data=silent),
        "paywall": charts.paywall_step([(v["locale"], v["paywall_conversion"]) for v in versions],
                                       _("Paywall conversion per market"), value_format=_percent, words=words,
                                       no_data=silent),
    }
    return {name: Markup(svg) for name, svg in svgs.items()}  # charts.py escapes every text it draws


@page_requires(Ability.READ_REPORTS)
def portfolio():
    date_from, date_to, errors = _range()
    if errors:
        return render_template("reports/portfolio.html", result=None, errors=errors), 422
    result = reports.portfolio_report(request_session(), date_from=date_from, date_to=date_to)
    revenue: dict = {}
    for bucket in result["series"]:
        for currency, amount in bucket["revenue"].items():
            revenue[currency] = revenue.get(currency, 0) + amount
    top = result["series"][:TOP_SERIES]
    chart = Markup(charts.bar_chart([(b["title"], b["views"]) for b in top], _("Views per series"),
                                    value_format=format_decimal, words=_words()))
    locales = Markup(charts.bar_chart([(b["locale"], b["views"]) for b in result["locales"]],
                                      _("Views per market language"), value_format=format_decimal, words=_words()))
    return render_template("reports/portfolio.html", result=result, errors={}, revenue=revenue, chart=chart,
                           locales_chart=locales, top=len(top))


@page_requires(Ability.READ_REPORTS)
def portfolio_csv():
    date_from, date_to, errors = _range()
    if errors:
        return _bad_range(errors)
    result = reports.portfolio_report(request_session(), date_from=date_from, date_to=date_to)
    return _csv(reports.portfolio_rows_csv(result), "portfolio", date_from, date_to)


@page_requires(Ability.READ_REPORTS)
def series_report(slug):
    session = request_session()
    series = catalog.get_series(session, slug)
    date_from, date_to, errors = _range()
    if errors:
        return render_template("reports/series.html", series=series, body=None, errors=errors), 422
    # Computing the report and formatting its ~3,000 numbers was nearly all of the page's time: the
    # result's part is rendered once per (report state, reader's language), keyed like the report's
    # ETag (view_state generation and the catalog rows it reads), and reused until either changes.
    key = f"{report_etag(session, series.id, date_from, date_to, kind='series-page')}|{get_locale()}"
    body = page_cache.get(key)
    if body is None:
        result = reports.series_report(session, series, date_from=date_from, date_to=date_to)
        body = render_template("reports/_series_result.html", series=series, result=result,
                               charts=_series_charts(series, result))
        page_cache.put(key, body)
    return render_template("reports/series.html", series=series, body=Markup(body), errors={})


@page_requires(Ability.READ_REPORTS)
def series_csv(slug):
    session = request_session()
    series = catalog.get_series(session, slug)
    date_from, date_to, errors = _range()
    if errors:
        return _bad_range(errors)
    result = reports.series_report(session, series, date_from=date_from, date_to=date_to)
    return _csv(reports.report_rows_csv(result), f"{series.slug}-report", date_from, date_to)


def _csv(lines, name: str, date_from, date_to) -> Response:
    span = "-".join(d.isoformat() for d in (date_from, date_to) if d) or "all-time"
    response = Response(list(lines), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{span}.csv"'
    return response


def _bad_range(errors: dict):
    return render_template("error.html", status=422, message=" ".join(errors.values())), 422
