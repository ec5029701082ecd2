"""The editor of one track: the page, its file downloads and its upload form."""
from __future__ import annotations

from flask import Response, abort, redirect, request, url_for

from localize.db import request_session
from localize.exchange import subtitles as exchange
from localize.permissions import Ability
from localize.security import page_requires
from localize.subtitles import editor, tracks
from localize.security import current_user
from localize.web import xliff
from localize.web.subtitles.helpers import (MEDIA, UploadRefusal, import_upload, may_edit, render_editor,
                                            track_args)


@page_requires(Ability.READ_CATALOG)
def editor_page(slug, locale, number, lang):
    return render_editor(editor.open_target(request_session(), slug, locale, number, lang))


def _download(slug, locale, number, lang, fmt):
    target = editor.open_target(request_session(), slug, locale, number, lang)
    _, text, name = tracks.export_file(request_session(), target.version, target.episode, target.language, fmt)
    # ?play: the <video>'s <track> reads it inline; otherwise the browser saves the file.
    disposition = "inline" if "play" in request.args else f'attachment; filename="{name}"'
    return Response(text, mimetype=MEDIA[fmt], headers={"Content-Disposition": disposition,
                                                        "Cache-Control": "no-store"})


@page_requires(Ability.READ_CATALOG)
def download_vtt(slug, locale, number, lang):
    return _download(slug, locale, number, lang, "vtt")


@page_requires(Ability.READ_CATALOG)
def download_srt(slug, locale, number, lang):
    return _download(slug, locale, number, lang, "srt")


@page_requires(Ability.WRITE_LANGUAGE)
def upload(slug, locale, number, lang):
    target = editor.open_target(request_session(), slug, locale, number, lang)
    if not may_edit(target.language):
        abort(403)
    error = import_upload(target, request.form.get("revision", type=int))
    if error:
        request_session().rollback()
        return render_editor(target, upload_error=error, status=error.status)
    return redirect(url_for("subtitles.editor_page", **track_args(target)))



@page_requires(Ability.READ_CATALOG)
def download_xliff(slug, locale, number, lang):
    t = editor.open_target(request_session(), slug, locale, number, lang)
    return xliff.download(*exchange.export_track(request_session(), t.series, t.version, t.episode, t.language))


@page_requires(Ability.WRITE_LANGUAGE)
def upload_xliff(slug, locale, number, lang):
    """Apply an XLIFF file from a CAT tool: its changed cues as one new revision, or every conflict listed."""
    t = editor.open_target(request_session(), slug, locale, number, lang)
    if not may_edit(t.language):
        abort(403)
    error, problems, status = xliff.apply_upload(lambda data: exchange.import_track(
        request_session(), series=t.series, version=t.version, episode=t.episode, language=t.language, data=data,
        author=current_user()))
    if error:
        request_session().rollback()
        t = editor.open_target(request_session(), slug, locale, number, lang)
        return render_editor(t, upload_error=UploadRefusal(error, status), status=status, xliff_problems=problems)
    return redirect(url_for("subtitles.editor_page", **track_args(t)))
