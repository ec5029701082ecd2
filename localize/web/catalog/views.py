"""Series list (the first page after sign-in), the series page with its market matrix, series settings."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from pydantic import ValidationError
from sqlmodel import select

from localize.catalog import service
from localize.catalog.matrix import market_matrix
from localize.catalog.matrix_state import matrix_digest
from localize.catalog.overview import (search_series, series_summaries, slug_from_title, speaks,
                                      versions_for_languages)
from localize.catalog.schemas import SeriesCreate, SeriesUpdate
from localize.db import request_session
from localize.errors import DomainError, field_error
from localize.models import Series
from localize.permissions import Ability
from localize.security import current_user, page_requires
from localize.presets import PRESETS
from localize.web.forms import cleaned, form_errors, form_values, preset_options
from localize.reports.cache import ReportCache
from localize.web.catalog.matrix_view import cell_titles, cells_html


NEW_FIELDS = ("title", "slug", "original_locale", "episode_count", "free_episodes", "unlock_price",
              "currency", "genre", "logline", "qc_preset")
PAGE_SIZE = 50  # series per page of the list (a studio has hundreds)
pages = ReportCache(64)  # rendered series page contents (HTML text) by matrix state and reader
EDIT_FIELDS = ("title", "episode_count", "free_episodes", "unlock_price", "currency", "genre",
               "logline", "qc_preset")


@page_requires(Ability.READ_CATALOG)
def series_list():
    return _series_list()


@page_requires(Ability.EDIT_CATALOG)
def series_create():
    values = form_values(*NEW_FIELDS)
    data = cleaned(values)
    data["currency"] = data["currency"] or "USD"
    if data["slug"] is None and values["title"]:
        # Left empty: the address is proposed from the title (the page's script proposes it too).
        data["slug"] = slug_from_title(values["title"]) or None
    try:
        series = service.create_series(request_session(), SeriesCreate.model_validate(data))
    except (ValidationError, DomainError) as exc:
        errors = form_errors(exc)
        return _series_list(values, errors), errors.status
    flash(_("Series “%(title)s” created with its original version and %(n)s episodes.",
            title=series.title, n=series.episode_count))
    return redirect(url_for("catalog.series_page", slug=series.slug))


def _series_list(values: dict | None = None, errors: dict | None = None) -> str:
    user, session = current_user(), request_session()
    query = request.args.get("q", "").strip()[:200]
    page = request.args.get("page", 1, type=int) or 1
    page = max(page, 1)
    summaries, total = search_series(session, query, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    if not summaries and total and page > 1:  # past the last page: show the last one
        page = (total + PAGE_SIZE - 1) // PAGE_SIZE
        summaries, total = search_series(session, query, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    any_series = bool(total) or (bool(query) and session.exec(select(Series.id).limit(1)).first() is not None)
    work = versions_for_languages(series_summaries(session), user.language_list) if user.role == "translator" else []
    pager = {"query": query, "page": page, "total": total, "first": (page - 1) * PAGE_SIZE + 1,
             "last": (page - 1) * PAGE_SIZE + len(summaries), "prev": page > 1,
             "next": page * PAGE_SIZE < total}
    return render_template("catalog/series_list.html", summaries=summaries, work=work, pager=pager,
                           any_series=any_series,
                           values=values or {"currency": "USD", "original_locale": "en-US",
                                             "free_episodes": "10"},
                           errors=errors or {}, presets=preset_options())


@page_requires(Ability.READ_CATALOG)
def series_page(slug):
    session = request_session()
    series = service.get_series(session, slug)
    user = current_user()
    # Building the matrix and rendering its cells was nearly all of the page's time: the content is
    # rendered once per stored state of what the matrix reads and per kind of reader (the role
    # decides the links, a translator's languages mark their markets), and reused until either changes.
    key = (matrix_digest(session, series.id), user.role, user.languages, str(get_locale()))
    body = pages.get(key)
    if body is None:
        matrix = market_matrix(session, series)
        # A translator's own markets are marked in the matrix.
        mine = {row.version.id for row in matrix.rows
                if user.role == "translator" and speaks(user.language_list, row.version.locale)}
        body = render_template("catalog/_series_body.html", series=series, matrix=matrix,
                               titles=cell_titles(matrix), mine=mine, preset=PRESETS.get(series.qc_preset or ""),
                               cells_html=cells_html)
        if matrix_digest(session, series.id) == key[0]:  # kept only if nothing changed meanwhile
            pages.put(key, body)
    return render_template("catalog/series.html", series=series, body=Markup(body))


@page_requires(Ability.EDIT_CATALOG)
def series_edit(slug):
    session = request_session()
    series = service.get_series(session, slug)
    errors: dict = {}
    if request.method == "POST":
        values = form_values(*EDIT_FIELDS)
        try:
            data = SeriesUpdate.model_validate(cleaned(values) | {"currency": values["currency"] or "USD"})
            _confirm_shrink(series, data)
            service.update_series(session, series, data)
        except (ValidationError, DomainError) as exc:
            errors = form_errors(exc)
            return _edit_page(series, values, errors), errors.status
        flash(_("Series settings saved."))
        return redirect(url_for("catalog.series_page", slug=series.slug))
    values = {name: "" if getattr(series, name) is None else str(getattr(series, name)) for name in EDIT_FIELDS}
    if series.unlock_price is not None:
        values["unlock_price"] = format_decimal(series.unlock_price, format="0.00")
    return _edit_page(series, values, errors)


def _confirm_shrink(series, data: SeriesUpdate) -> None:
    """Lowering the episode count deletes episodes with their cliffhangers and subtitles: ask first."""
    if data.episode_count is not None and data.episode_count < series.episode_count \
            and request.form.get("confirm_shrink") != "yes":
        raise field_error("episode_count", _(
            "Lowering the count deletes episodes %(first)s to %(last)s with their cliffhangers and "
            "subtitles. Tick the box below to confirm.", first=data.episode_count + 1, last=series.episode_count))


def _edit_page(series, values, errors):
    return render_template("catalog/series_edit.html", series=series, values=values, errors=errors,
                           presets=preset_options())
