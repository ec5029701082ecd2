"""Market versions: add one to a series, edit its status, title, overrides and episode mapping."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from pydantic import ValidationError

from localize.catalog import service
from localize.catalog.mapping import format_mapping, locate, parse_mapping_text
from localize.catalog.schemas import VersionCreate, VersionUpdate
from localize.db import request_session
from localize.errors import DomainError, ValidationFailed
from localize.permissions import Ability
from localize.security import page_requires
from localize.web.forms import cleaned, form_errors, form_values, preset_options
from localize.web.labels import label, locale_label


NEW_FIELDS = ("locale", "kind", "title", "status")
EDIT_FIELDS = ("title", "status", "release_date", "free_episodes", "unlock_price", "currency",
               "episode_count", "qc_preset")
# Locales offered as suggestions; any BCP 47 tag Babel knows is accepted.
SUGGESTED_LOCALES = ("es-MX", "es-ES", "es-US", "pt-BR", "fr", "fr-CA", "de", "it", "ja", "ko",
                     "zh-Hans", "zh-Hant", "id", "th", "vi", "tr", "ar", "hi", "en-GB", "en-US")


@page_requires(Ability.EDIT_CATALOG)
def version_new(slug):
    session = request_session()
    series = service.get_series(session, slug)
    values, errors = {"kind": "remake", "status": "planned"}, {}
    if request.method == "POST":
        values = form_values(*NEW_FIELDS)
        try:
            version = service.create_version(session, series, VersionCreate.model_validate(cleaned(values)))
        except (ValidationError, DomainError) as exc:
            errors = form_errors(exc)
            return _new_page(series, values, errors), errors.status
        flash(_("%(name)s %(kind)s added.", name=locale_label(version.locale),
                kind=label("kind", version.kind)))
        return redirect(url_for("catalog.series_page", slug=slug) + f"#v-{version.locale}")
    return _new_page(series, values, errors)


def _new_page(series, values, errors):
    suggestions = [(tag, locale_label(tag)) for tag in SUGGESTED_LOCALES]
    return render_template("catalog/version_new.html", series=series, values=values, errors=errors,
                           suggestions=suggestions)


@page_requires(Ability.EDIT_CATALOG)
def version_edit(slug, locale):
    session = request_session()
    series = service.get_series(session, slug)
    version = service.get_version(session, series, locale)
    if request.method == "POST":
        values = form_values(*EDIT_FIELDS, "episode_mapping")
        data = cleaned({k: values[k] for k in EDIT_FIELDS})
        lines: dict[int, int] = {}
        try:
            if version.kind != "original":
                data["episode_mapping"], data["cut_episodes"], lines = parse_mapping_text(values["episode_mapping"])
                data["episode_mapping"] = data["episode_mapping"] or None
            service.update_version(session, series, version, VersionUpdate.model_validate(data))
        except ValidationFailed as exc:
            errors = form_errors(locate(exc, lines))
            return _edit_page(series, version, values, errors), errors.status
        except (ValidationError, DomainError) as exc:
            errors = form_errors(exc)
            return _edit_page(series, version, values, errors), errors.status
        flash(_("%(name)s saved.", name=locale_label(version.locale)))
        return redirect(url_for("catalog.series_page", slug=slug) + f"#v-{version.locale}")
    values = {name: "" if getattr(version, name) is None else str(getattr(version, name)) for name in EDIT_FIELDS}
    if version.unlock_price is not None:
        values["unlock_price"] = format_decimal(version.unlock_price, format="0.00")
    values["episode_mapping"] = format_mapping(version.episode_mapping, version.cut_episodes)
    return _edit_page(series, version, values, {})


def _edit_page(series, version, values, errors):
    return render_template("catalog/version_edit.html", series=series, version=version, values=values,
                           errors=errors, presets=preset_options())
