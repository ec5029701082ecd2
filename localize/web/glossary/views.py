"""The glossary page: everyone who reads the series reads it; leads and admins edit it."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from localize.catalog import service
from localize.db import request_session
from localize.errors import DomainError, ValidationFailed
from localize.glossary import exchange, store
from localize.models import GLOSSARY_KINDS
from localize.permissions import Ability
from localize.security import page_requires
from localize.web.forms import form_errors, form_values

PAGE = "/series/<slug>/glossary"
FIELDS = ("source", "target", "kind", "note")
KIND_LABELS = {"term": _l("Term"), "name": _l("Name"), "forbidden": _l("Forbidden translation"),
               "keep": _l("Keep as is")}


def _markets(session, series) -> list:
    return [v for v in service.list_versions(session, series) if v.kind != "original"]


def _locale(session, series, markets) -> str | None:
    """The market chosen (?market= or the form's), else the first; None when the series has none."""
    wanted = request.values.get("market", "")
    for version in markets:
        if version.locale == wanted:
            return version.locale
    return markets[0].locale if markets else None


def _values() -> dict:
    values = form_values(*FIELDS)
    values["case_sensitive"] = request.form.get("case_sensitive") == "1"
    return values


@page_requires(Ability.READ_CATALOG)
def page(slug):
    session = request_session()
    series = service.get_series(session, slug)
    return _render(session, series)


@page_requires(Ability.EDIT_CATALOG)
def entry_add(slug):
    session = request_session()
    series = service.get_series(session, slug)
    locale = _locale(session, series, _markets(session, series))
    values = _values()
    try:
        if locale is None:
            raise ValidationFailed("no market", [{"field": "", "message": _("Add a market version first.")}])
        store.add_entry(session, series, locale, values)
    except DomainError as exc:
        errors = form_errors(exc)
        return _render(session, series, failed=("new", values, errors)), errors.status
    flash(_("%(source)s added to the glossary.", source=values["source"]))
    return _back(series, locale)


@page_requires(Ability.EDIT_CATALOG)
def entry_update(slug, entry_id):
    session = request_session()
    series = service.get_series(session, slug)
    values = _values()
    try:
        entry = store.update_entry(session, series, str(entry_id), values)
    except DomainError as exc:
        errors = form_errors(exc)
        return _render(session, series, failed=(entry_id, values, errors)), errors.status
    flash(_("%(source)s saved.", source=entry.source))
    return _back(series, entry.target_locale, entry.id)


@page_requires(Ability.EDIT_CATALOG)
def entry_delete(slug, entry_id):
    session = request_session()
    series = service.get_series(session, slug)
    entry = store.get_entry(session, series, str(entry_id))
    locale, source = entry.target_locale, entry.source
    store.delete_entry(session, series, str(entry_id))
    flash(_("%(source)s removed from the glossary.", source=source))
    return _back(series, locale)


@page_requires(Ability.EDIT_CATALOG)
def csv_import(slug):
    session = request_session()
    series = service.get_series(session, slug)
    locale = _locale(session, series, _markets(session, series))
    upload = request.files.get("file")
    try:
        if locale is None or upload is None or not upload.filename:
            raise ValidationFailed("no file", [{"field": "file", "message": _("Choose a CSV file.")}])
        result = exchange.import_csv(session, series, locale, upload.read(exchange.MAX_CSV_BYTES + 1))
    except DomainError as exc:
        request_session().rollback()
        return _render(session, series, import_problems=exc.details or [{"message": exc.message}]), exc.status
    flash(_("Imported: %(added)s added, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped "
            "(names come from casting).", added=result.added, updated=result.updated,
            unchanged=result.unchanged, skipped=len(result.skipped)))
    return _back(series, locale)


@page_requires(Ability.READ_CATALOG)
def download(slug, fmt):
    session = request_session()
    series = service.get_series(session, slug)
    locale = _locale(session, series, _markets(session, series))
    if locale is None:
        return redirect(url_for("glossary.page", slug=slug))
    data = (exchange.export_csv(session, series, locale).encode("utf-8") if fmt == "csv"
            else exchange.export_tbx(session, series, locale))
    media = exchange.CSV_MEDIA_TYPE if fmt == "csv" else exchange.TBX_MEDIA_TYPE
    return Response(data, mimetype=media, headers={
        "Content-Disposition": f'attachment; filename="glossary-{series.slug}-{locale}.{fmt}"'})


def _back(series, locale, entry_id=None):
    anchor = f"#entry-{entry_id}" if entry_id else ""
    return redirect(url_for("glossary.page", slug=series.slug, market=locale) + anchor)


def _render(session, series, failed=None, import_problems=None):
    """The page for the chosen market; `failed` is (entry id or "new", typed values, errors)."""
    markets = _markets(session, series)
    locale = _locale(session, series, markets)
    entries = store.list_entries(session, series, locale) if locale else []
    forms = {e.id: {**{f: getattr(e, f) for f in FIELDS}, "case_sensitive": e.case_sensitive}
             for e in entries if isinstance(e.id, int)}
    forms["new"] = {"source": "", "target": "", "kind": "term", "note": "", "case_sensitive": False}
    errors = {}
    if failed is not None:
        key, values, errs = failed
        forms.setdefault(key, {}).update(values)
        errors = {key: errs}
    return render_template("glossary/page.html", series=series, markets=markets, locale=locale,
                           entries=entries, forms=forms, errors=errors, import_problems=import_problems or [],
                           kinds=[(k, str(KIND_LABELS[k])) for k in GLOSSARY_KINDS], kind_labels=KIND_LABELS,
                           max_size=exchange.MAX_CSV_BYTES)
