"""A version's subtitle tracks: episodes x languages with cues, QC and revision; start a
translation or upload a file from here.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from localize.catalog import service as catalog
from localize.locales import is_valid_locale, normalize_locale
from localize.db import request_session
from localize.permissions import Ability, can
from localize.security import current_user, page_requires
from localize.subtitles import editor, tracks
from localize.web.subtitles.helpers import import_upload, may_edit, track_args


@page_requires(Ability.READ_CATALOG)
def index(slug, locale):
    session = request_session()
    series = catalog.get_series(session, slug)
    return render_index(series, catalog.get_version(session, series, locale))


def render_index(series, version, errors: dict | None = None, values: dict | None = None, status: int = 200):
    session = request_session()
    summaries = editor.version_tracks(session, series, version)
    numbers = [n for n in catalog.version_mapping(series, version) if n <= series.episode_count]
    languages = sorted({lang for _n, lang in summaries} | {version.locale},
                       key=lambda tag: (tag != version.locale, tag))
    user = current_user()
    suggestions = sorted(set(languages) | set(user.language_list) | {series.original_locale})
    default_language = next((tag for tag in [version.locale, *user.language_list] if may_edit(tag)), version.locale)
    sources = editor.source_choices(session, series)
    original = catalog.original_version(session, series)
    default_source = f"{original.locale}|{series.original_locale}"
    return render_template(
        "subtitles/index.html", series=series, version=version, numbers=numbers, languages=languages,
        summaries=summaries, suggestions=suggestions, sources=sources, errors=errors or {},
        values=values or {"language": default_language, "source": default_source, "episodes": "all"},
        can_write=can(user, Ability.WRITE_LANGUAGE), preset=tracks.preset_for(series, version, None, version.locale),
    ), status


def _language(value: str) -> str | None:
    return normalize_locale(value, "language") if value and is_valid_locale(value) else None


@page_requires(Ability.WRITE_LANGUAGE)
def translate(slug, locale):
    """Start target tracks from source tracks, cue by cue with the source timings."""
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    values = {k: request.form.get(k, "").strip() for k in ("episodes", "language", "source")}

    def refuse(message: str, status: int):
        return render_index(series, version, {"translate": message}, values, status)

    language = _language(values["language"])
    if language is None:
        return refuse(_("Choose a language tag such as es-MX or pt-BR."), 422)
    if not may_edit(language):
        return refuse(_("You do not translate into %(lang)s.", lang=language), 403)
    source_locale, _sep, source_language = values["source"].partition("|")
    source_version = catalog.get_version(session, series, source_locale)
    source_language = _language(source_language) or series.original_locale
    if source_version.id == version.id and source_language == language:
        return refuse(_("Choose a source in another language."), 422)
    numbers = [n for n in catalog.version_mapping(series, version) if n <= series.episode_count]
    if values["episodes"] != "all":
        numbers = [n for n in numbers if str(n) == values["episodes"]]
    done = editor.start_translations(session, series=series, version=version, numbers=numbers, language=language,
                                     source_version=source_version, source_language=source_language,
                                     author=current_user())
    if not done.started and done.existing:
        return refuse(_("Episode %(n)s already has %(lang)s subtitles: open it to edit them.",
                        n=done.existing[0], lang=language) if len(numbers) == 1 else
                      _("Every episode with a source already has %(lang)s subtitles.", lang=language), 409)
    if not done.started:
        return refuse(_("No %(lang)s source subtitles in %(version)s for these episodes.",
                        lang=source_language, version=source_version.locale), 422)
    flash(ngettext("Translation started for %(num)s episode.", "Translation started for %(num)s episodes.",
                   len(done.started)))
    if len(done.started) == 1:
        return redirect(url_for("subtitles.editor_page", slug=slug, locale=version.locale,
                                number=done.started[0], lang=language))
    return redirect(url_for("subtitles.index", slug=slug, locale=version.locale))


@page_requires(Ability.WRITE_LANGUAGE)
def index_upload(slug, locale):
    """Upload a VTT or SRT file for one episode and language (a new track, or a new revision)."""
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    values = {"episode": request.form.get("episode", ""), "language": request.form.get("language", "").strip()}
    language = _language(values["language"])

    def refuse(message, status: int):  # a sentence, or an UploadRefusal with the problem cues
        return render_index(series, version, {"upload": message}, values, status)

    episode = values["episode"].strip()
    # ASCII digits only ("²" is a digit to str.isdigit, and int() refuses it), and a real episode number.
    if language is None or not (episode.isascii() and episode.isdigit() and len(episode) <= 4):
        return refuse(_("Choose an episode and a language tag such as es-MX."), 422)
    if not may_edit(language):
        return refuse(_("You do not translate into %(lang)s.", lang=language), 403)
    target = editor.open_target(session, slug, locale, int(episode), language)
    error = import_upload(target, None)
    if error:
        session.rollback()
        return refuse(error, error.status)
    return redirect(url_for("subtitles.editor_page", **track_args(target)))
