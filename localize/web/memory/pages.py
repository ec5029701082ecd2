"""Leads' memory pages: TMX import (with what it read, added, updated and skipped), TMX export of a
language pair, and the leverage of a version's episode range (bands, weighted words, cost, CSV)."""
from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.db import request_session
from localize.errors import ValidationFailed
from localize.locales import normalize_locale
from localize.memory import exchange, leverage, tmx
from localize.permissions import Ability
from localize.security import current_user, page_requires

# The bands as a lead reads them (BRIEF "Translation memory": CAT tools' bands).
BAND_LABELS = {"repetition": _l("Repetitions"), "context": _l("Context match (101%)"), "exact": _l("Exact (100%)"),
               "95-99": "95–99%", "85-94": "85–94%", "75-84": "75–84%", "50-74": "50–74%", "new": _l("New")}


def _memory_page(result=None, error=None, values=None, status=200):
    pairs = exchange.language_pairs(request_session())
    return render_template("memory/memory.html", pairs=pairs, result=result, error=error,
                           values=values or {}), status


@page_requires(Ability.EDIT_CATALOG)
def memory_page():
    return _memory_page()


@page_requires(Ability.EDIT_CATALOG)
def import_page():
    """Import an uploaded TMX file: all or nothing; a broken file names its line."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _memory_page(error={"message": _("Choose a TMX file to import.")}, status=422)
    try:
        result = exchange.import_tmx(request_session(), upload.read(), author=current_user())
    except ValidationFailed as exc:
        request_session().rollback()
        detail = exc.details[0] if exc.details else {}
        return _memory_page(error={"message": _("%(file)s was not imported: nothing of it was stored.",
                                                file=upload.filename),
                                   "line": detail.get("line"), "reason": detail.get("message") or exc.message},
                            status=422)
    return _memory_page(result={"file": upload.filename, **result.as_dict()})


@page_requires(Ability.EDIT_CATALOG)
def export_file():
    """The memory of the chosen language pair as a TMX 1.4 file."""
    values = {name: request.args.get(name, "").strip() for name in ("source_locale", "target_locale")}
    try:
        source = normalize_locale(values["source_locale"], "source_locale")
        target = normalize_locale(values["target_locale"], "target_locale")
    except ValidationFailed as exc:
        return _memory_page(error={"message": _("Choose two languages to export: %(reason)s", reason=exc.message)},
                            values=values, status=422)
    text = "".join(exchange.export_tmx(request_session(), source, target))
    return Response(text.encode("utf-8"), mimetype=tmx.MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="memory-{source}-{target}.tmx"'})


def _analysis(slug, locale):
    """The version, the episodes asked for, and the analysis; a bad range or the original is a ValidationFailed."""
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    numbers = leverage.parse_episodes(request.args.get("episodes"), effective_settings(series, version).episode_count)
    return series, version, numbers, leverage.analyse(session, series, version, numbers)


@page_requires(Ability.EDIT_CATALOG)
def leverage_page(slug, locale):
    """Leverage and cost of an episode range: words per band in total, and one row per episode."""
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    episodes = request.args.get("episodes", "").strip()
    try:
        _s, _v, numbers, result = _analysis(slug, locale)
    except ValidationFailed as exc:
        return render_template("memory/leverage.html", series=series, version=version, result=None, numbers=[],
                               episodes=episodes, error=exc.message, bands=leverage.BANDS,
                               band_labels=BAND_LABELS), 422
    return render_template("memory/leverage.html", series=series, version=version, result=result, numbers=numbers,
                           episodes=episodes, error=None, bands=leverage.BANDS,
                           band_labels=BAND_LABELS)


@page_requires(Ability.EDIT_CATALOG)
def leverage_csv(slug, locale):
    """The per-episode table as CSV, as the API's &format=csv gives it."""
    series, version, numbers, result = _analysis(slug, locale)
    span = f"{numbers[0]}-{numbers[-1]}" if numbers else "none"
    return Response(leverage.csv_text(result), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{series.slug}-{version.locale}-leverage-{span}.csv"'})
