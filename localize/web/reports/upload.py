"""A views CSV imported from a series' report page: the API's rules (all or nothing, every bad
row named with its row, line, field and reason), through a form with CSRF.
"""
from __future__ import annotations

import io

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from localize.catalog import service as catalog
from localize.db import request_session
from localize.permissions import Ability
from localize.reports.ingest import ingest
from localize.reports.rows import FIELDS, RowError, RowsRejected, iter_csv_rows
from localize.security import page_requires

MAX_SHOWN = 200  # rows of problems listed on the page (the count says how many there are)


def raise_limit(endpoint: str | None, _values) -> None:
    """Views exports are far larger than other uploads: lift the body limit before the CSRF check
    reads the form (a url_value_preprocessor runs before every before_request)."""
    if endpoint == "reports.views_upload":
        request.max_content_length = current_app.config["MAX_VIEWS_UPLOAD"]


@page_requires(Ability.INGEST_VIEWS)
def views_upload(slug):
    """Import daily views, unlocks and revenue from a CSV file; nothing is stored when a row is bad."""
    session = request_session()
    series = catalog.get_series(session, slug)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _refused(series, [], _("Choose a CSV file to import."))
    stream = io.TextIOWrapper(upload.stream, encoding="utf-8", errors="strict", newline="")
    try:
        result = ingest(session, series, iter_csv_rows(stream))
    except RowsRejected as exc:
        session.rollback()
        return _refused(series, exc.errors, ngettext(
            "%(file)s was not imported: %(num)s problem. Nothing was stored.",
            "%(file)s was not imported: %(num)s problems. Nothing was stored.", len(exc.errors),
            file=upload.filename))
    except UnicodeError as exc:
        session.rollback()
        return _refused(series, [RowError(0, "body", str(exc))],
                        _("%(file)s is not UTF-8 text. Nothing was stored.", file=upload.filename))
    flash(ngettext("%(file)s imported: %(num)s row (%(new)s new, %(replaced)s replaced).",
                   "%(file)s imported: %(num)s rows (%(new)s new, %(replaced)s replaced).", result.rows,
                   file=upload.filename, new=result.inserted, replaced=result.replaced))
    return redirect(url_for("reports.series_report", slug=series.slug))


def _refused(series, errors: list[RowError], summary: str):
    return render_template("reports/views_import.html", series=series, summary=summary,
                           errors=errors[:MAX_SHOWN], hidden=max(len(errors) - MAX_SHOWN, 0),
                           fields=",".join(FIELDS)), 422
