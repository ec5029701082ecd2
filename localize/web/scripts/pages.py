"""The script of one episode and version: the page, its file downloads, upload and "start adaptation"."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from localize.db import request_session
from localize.errors import DomainError
from localize.exchange import scripts as exchange
from localize.permissions import Ability
from localize.scripts import adapt, dialogue, files, store
from localize.security import current_user, page_requires
from localize.web import xliff
from localize.web.scripts.helpers import SCRIPT, import_upload, may_edit, open_target, render_page, script_args

DIALOGUE_LIST = SCRIPT.removesuffix("/script") + "/dialogue-list.csv"


@page_requires(Ability.READ_CATALOG)
def script_page(slug, locale, number):
    return render_page(open_target(slug, locale, number))


def _download(slug, locale, number, fmt):
    t = open_target(slug, locale, number)
    script = store.get_script(request_session(), t.version, t.episode)
    text = files.export_text(request_session(), t.series, t.version, script, fmt)
    name = files.export_name(t.episode.number, t.version.locale, fmt)
    return Response(text, mimetype=files.MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@page_requires(Ability.READ_CATALOG)
def download_fountain(slug, locale, number):
    return _download(slug, locale, number, "fountain")


@page_requires(Ability.READ_CATALOG)
def download_fdx(slug, locale, number):
    return _download(slug, locale, number, "fdx")


@page_requires(Ability.READ_CATALOG)
def download_xliff(slug, locale, number):
    t = open_target(slug, locale, number)
    return xliff.download(*exchange.export_script(request_session(), t.series, t.version, t.episode))


@page_requires(Ability.WRITE_LANGUAGE)
def upload_xliff(slug, locale, number):
    """Apply an XLIFF file from a CAT tool: its changed units as one new revision, or every conflict listed."""
    t = open_target(slug, locale, number)
    if not may_edit(t.version):
        abort(403)
    error, problems, status = xliff.apply_upload(lambda data: exchange.import_script(
        request_session(), series=t.series, version=t.version, episode=t.episode, data=data, author=current_user()))
    if error:
        request_session().rollback()
        return render_page(open_target(slug, locale, number), error=error, status=status, xliff_problems=problems)
    return redirect(url_for("scripts.script_page", **script_args(t)))


@page_requires(Ability.READ_CATALOG)
def dialogue_list(slug, locale, number):
    t = open_target(slug, locale, number)
    text = dialogue.dialogue_csv(request_session(), t.series, t.version, t.episode)
    name = f"{t.series.slug}.{t.version.locale}.ep{t.episode.number:03d}.dialogue-list.csv"
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@page_requires(Ability.WRITE_LANGUAGE)
def upload(slug, locale, number):
    """Replace the script with a Fountain or FDX file (a new revision; the domain keeps the segments' ids)."""
    t = open_target(slug, locale, number)
    if not may_edit(t.version):
        abort(403)
    error = import_upload(t)
    if error:
        request_session().rollback()
        t = open_target(slug, locale, number)
        return render_page(t, error=error[0], status=error[1])
    return redirect(url_for("scripts.script_page", **script_args(t)))


@page_requires(Ability.EDIT_CATALOG)
def translate(slug, locale, number):
    """Start the version's script from the original's: every segment new, with its source beside it."""
    t = open_target(slug, locale, number)
    try:
        result = adapt.translate_script(request_session(), series=t.series, version=t.version, episode=t.episode,
                                        author=current_user())
    except DomainError as exc:
        request_session().rollback()
        t = open_target(slug, locale, number)
        return render_page(t, error=_("The adaptation was not started: %(reason)s", reason=exc.message),
                           status=exc.status)
    flash(ngettext("Adaptation started: %(num)s segment to adapt.", "Adaptation started: %(num)s segments to adapt.",
                   len(result.segments)))
    return redirect(url_for("scripts.script_page", **script_args(t)))
