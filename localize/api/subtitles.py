"""Subtitle tracks: import, read, export, QC, revisions, restore and translation."""
from __future__ import annotations

from flask import Response, jsonify, request, url_for

from localize.api import api_user, bp, optional_json, read_body, requires, track_answers
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.catalog import service as catalog
from localize.locales import normalize_locale
from localize.db import request_session
from localize.errors import Forbidden, ValidationFailed
from localize.app.errors import BadJson
from localize.app.cache import reusable
from localize.permissions import Ability, can_write_language
from localize.api.machine import configured_provider, machine_prefill
from localize.subtitles import revisions, schemas, tracks

BASE = "/series/<slug>/versions/<locale>/episodes/<int:number>/subtitles/<tag:lang>"
MEDIA = {"vtt": "text/vtt; charset=utf-8", "srt": "application/x-subrip; charset=utf-8"}


def _target(slug, locale, number):
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    episode = catalog.get_episode(session, series, number)
    return session, series, version, episode


def _require_language(lang: str) -> str:
    tag = normalize_locale(lang, "language")
    user = api_user()
    if not can_write_language(user, tag):
        raise Forbidden(f"{user.email} does not write {tag}; their languages are {user.languages or 'none'}")
    return tag


def _track_body(track, cues, findings=None) -> dict:
    body = {"language": track.language, "revision": track.revision, "etag": tracks.etag(track),
            "format": track.source_format, "header": track.header, "blocks": track.blocks,
            "cues": [{"position": c.position, "start": c.start_ms / 1000, "end": c.end_ms / 1000,
                      "text": c.text, "identifier": c.identifier, "settings": c.settings,
                      "status": c.status} for c in cues]}
    if findings is not None:
        body["qc"] = [tracks.finding_dict(f) for f in findings]
    return body


def _saved(result, skip_invalid: bool = False):
    body = {"cues": len(result.cues), "revision": result.track.revision,
            "qc": [tracks.finding_dict(f) for f in result.findings]}
    if skip_invalid:  # what ?skip_invalid=1 left out (empty when the file had no bad cue)
        body["dropped"] = result.dropped
    response = jsonify(body)
    response.status_code = 201 if result.created else 200
    response.headers["ETag"] = tracks.etag(result.track)
    return response


@bp.put(BASE)
@requires(Ability.WRITE_LANGUAGE)
def subtitles_put(slug, locale, number, lang):
    """Import a VTT or SRT file (raw body or multipart field `file`), or save cues as JSON."""
    skip_invalid = _flag("skip_invalid")
    session, series, version, episode = _target(slug, locale, number)
    language = _require_language(lang)
    expected = tracks.revision_from_etag(request.headers.get("If-Match"))
    summary = request.args.get("summary", "")
    if request.mimetype == "application/json":
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise BadJson("the body must be a JSON object with a 'cues' list")
        body = schemas.parse(schemas.SaveBody, payload)
        result = tracks.save_cues(session, series=series, version=version, episode=episode,
                                  language=language, cues=body.cues, author=api_user(),
                                  expected_revision=expected if expected is not None else body.revision,
                                  summary=body.summary or summary)
        return _saved(result)
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed("send the subtitle file in the multipart field 'file'", [{"field": "file"}])
        data = upload.read()
    else:
        data = read_body()
    if not data.strip():
        raise ValidationFailed("the subtitle file is empty", [{"field": "file", "line": 1, "message": "no cue"}])
    result = tracks.import_file(session, series=series, version=version, episode=episode, language=language,
                                data=data, author=api_user(), expected_revision=expected, summary=summary,
                                skip_invalid=skip_invalid)
    return _saved(result, skip_invalid)


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def _flag(name: str) -> bool:
    """A yes/no query parameter (1/0, true/false...); anything else is a 422 naming it."""
    value = request.args.get(name)
    if value is None or value.strip().lower() in _FALSE:
        return False
    if value.strip().lower() in _TRUE:
        return True
    raise ValidationFailed(f"{name} must be 1 or 0", [{"field": name, "message": "must be 1 or 0"}])


@bp.get(BASE)
@reusable
@requires(Ability.READ_CATALOG)
def subtitles_get(slug, locale, number, lang):
    """The track as JSON: revision and cues (start and end in seconds)."""
    def build():
        session, series, version, episode = _target(slug, locale, number)
        track = tracks.get_track(session, version, episode, lang)
        return track, jsonify(_track_body(track, tracks.track_cues(session, track)))
    return track_answers.answer("json", slug, locale, number, lang, build)


def _file(slug, locale, number, lang, fmt):
    def build():
        session, series, version, episode = _target(slug, locale, number)
        track, text, name = tracks.export_file(session, version, episode, lang, fmt)
        return track, Response(text, mimetype=MEDIA[fmt].split(";")[0],
                               headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return track_answers.answer(fmt, slug, locale, number, lang, build)


@bp.get(BASE + ".vtt")
@reusable
@requires(Ability.READ_CATALOG)
def subtitles_vtt(slug, locale, number, lang):
    """The track as a WebVTT file."""
    return _file(slug, locale, number, lang, "vtt")


@bp.get(BASE + ".srt")
@reusable
@requires(Ability.READ_CATALOG)
def subtitles_srt(slug, locale, number, lang):
    """The track as an SRT file."""
    return _file(slug, locale, number, lang, "srt")


@bp.get(BASE + "/qc")
@reusable
@requires(Ability.READ_CATALOG)
def subtitles_qc(slug, locale, number, lang):
    """Quality-control findings of the track against its preset."""
    session, series, version, episode = _target(slug, locale, number)
    track = tracks.get_track(session, version, episode, lang)
    preset = tracks.preset_for(series, version, track, track.language)
    findings = tracks.run_qc(session, series, version, episode, track, tracks.track_cues(session, track))
    return jsonify({"revision": track.revision, "preset": preset.id,
                    "qc": [tracks.finding_dict(f) for f in findings]})


@bp.get(BASE + "/revisions")
@requires(Ability.READ_CATALOG)
def subtitles_revisions(slug, locale, number, lang):
    """The track's revisions, newest first, a page at a time (?limit=, ?before=)."""
    limit, before = revisions.page_arguments(request.args.get("limit"), request.args.get("before"))
    session, series, version, episode = _target(slug, locale, number)
    track = tracks.get_track(session, version, episode, lang)
    page, next_before = revisions.history_page(session, track, limit=limit, before=before)
    return jsonify({"revision": track.revision, "revisions": [
        {"number": r.number, "author": r.author, "summary": r.summary, "changes": r.changes,
         "created_at": r.created_at.isoformat(), "cues": r.cue_count} for r in page],
        "next": None if next_before is None else url_for(
            request.endpoint, **request.view_args, limit=limit, before=next_before)})


@bp.get(BASE + "/revisions/<int:revision>")
@requires(Ability.READ_CATALOG)
def subtitles_revision(slug, locale, number, lang, revision):
    """One revision's cues and its difference from the revision before it."""
    session, series, version, episode = _target(slug, locale, number)
    track = tracks.get_track(session, version, episode, lang)
    current = tracks.get_revision(session, track, revision)
    previous = tracks.get_revision(session, track, revision - 1) if revision > 1 else None
    return jsonify({"number": current.number, "author": current.author, "summary": current.summary,
                    "changes": current.changes, "cues": current.snapshot["cues"],
                    "diff": tracks.diff_revisions(previous, current)})


@bp.post(BASE + "/revisions/<int:revision>/restore")
@requires(Ability.WRITE_LANGUAGE)
def subtitles_restore(slug, locale, number, lang, revision):
    """Restore a revision as a new revision."""
    session, series, version, episode = _target(slug, locale, number)
    _require_language(lang)
    track = tracks.get_track(session, version, episode, lang)
    result = tracks.restore_revision(session, series=series, version=version, episode=episode, track=track,
                                     number=revision, author=api_user(),
                                     expected_revision=tracks.revision_from_etag(request.headers.get("If-Match")))
    return _saved(result)


@bp.post(BASE + "/translate")
@requires(Ability.WRITE_LANGUAGE)
def subtitles_translate(slug, locale, number, lang):
    """Start a translation: a new track in <lang> with the source track's timings."""
    session, series, version, episode = _target(slug, locale, number)
    language = _require_language(lang)
    body = schemas.parse(schemas.TranslateBody, optional_json())  # no body: the defaults
    source_version = catalog.get_version(session, series, body.source_locale) if body.source_locale else version
    source_language = normalize_locale(body.source_language or series.original_locale, "source_language")
    source = tracks.get_track(session, source_version, episode, source_language)
    prefill = None
    if body.prefill == "machine":
        prefill = machine_prefill(configured_provider())
    result = tracks.translate_track(session, series=series, version=version, episode=episode,
                                    language=language, source=source, author=api_user(), prefill=prefill)
    return _saved(result)


@bp.get("/series/<slug>/versions/<locale>/subtitles/<tag:lang>.zip")
@requires(Ability.READ_CATALOG)
def subtitles_zip(slug, locale, lang):
    """Every episode's track of the version in one language, as a zip (?format=vtt|srt)."""
    fmt = request.args.get("format", "vtt")
    if fmt not in MEDIA:
        raise ValidationFailed("format must be vtt or srt", [{"field": "format"}])
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    data, count = tracks.export_version(session, version, normalize_locale(lang, "language"), fmt)
    name = f"{series.slug}.{version.locale}.{lang}.{fmt}.zip"
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "X-Track-Count": str(count)})


describe("api.subtitles_put", "Import a VTT/SRT file or save cues as JSON; 201 first time, 200 after. "
         "A file with invalid cues is refused (422) listing every one with its line; with ?skip_invalid=1 "
         "the other cues are imported and the dropped ones listed in the answer's `dropped` and the revision",
         parameters=[{"name": "skip_invalid", "in": "query", "required": False,
                      "description": "1: import a file's valid cues and drop the invalid ones (a file with no "
                                     "valid cue, or with a problem of the whole file, is still refused)",
                      "schema": {"type": "integer", "enum": [0, 1], "default": 0}},
                     {"name": "summary", "in": "query", "required": False,
                      "description": "the revision's summary", "schema": {"type": "string"}}],
         bodies={"text/vtt": {"type": "string"}, "application/x-subrip": {"type": "string"},
                 "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}},
                 "application/json": schemas.SaveBody},
         responses={"201": "Created", "412": "If-Match names an old revision", "413": "Too large",
                    "422": "Malformed file: details name every problem's line (droppable ones can be skipped "
                           "with ?skip_invalid=1); or a track too big for its episode: the message says the "
                           "numbers"},
         returns={"200": answers.SaveResult, "201": answers.SaveResult})
describe("api.subtitles_revisions", "The track's revisions, newest first, a page at a time; `next` is the URL "
         "of the next page, or null on the last",
         parameters=[{"name": "limit", "in": "query", "required": False,
                      "description": "revisions per page (default 50)",
                      "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
                     {"name": "before", "in": "query", "required": False,
                      "description": "only revisions numbered below this one (the next page's start)",
                      "schema": {"type": "integer", "minimum": 1}}],
         responses={"422": "limit or before is not a valid number: details name the field"})
describe("api.subtitles_translate", "Start a translation from a source track",
         bodies={"application/json": schemas.TranslateBody},
         responses={"409": "The track exists already", "502": "Machine translation failed"},
         returns={"201": answers.SaveResult})
_UNCHANGED = {"304": "Not modified: If-None-Match names the track's current ETag"}
describe("api.subtitles_get", returns={"200": answers.Track}, responses=_UNCHANGED)
describe("api.subtitles_vtt", returns={"200": {"text/vtt": {"type": "string"}}}, responses=_UNCHANGED)
describe("api.subtitles_srt", returns={"200": {"application/x-subrip": {"type": "string"}}}, responses=_UNCHANGED)
describe("api.subtitles_qc", returns={"200": answers.QcReport})
describe("api.subtitles_revisions", returns={"200": answers.RevisionList})
describe("api.subtitles_revision", returns={"200": answers.RevisionDetail})
describe("api.subtitles_restore", responses={"412": "If-Match names an old revision"},
         returns={"200": answers.SaveResult})
describe("api.subtitles_zip", responses={"422": "format is not vtt or srt"},
         returns={"200": {"application/zip": {"type": "string", "format": "binary"}}})
