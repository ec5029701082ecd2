"""XLIFF 1.2 exchange with CAT tools: a script or a track out and back in, a version as a zip."""
from __future__ import annotations

from flask import Response, jsonify, request

from localize.api import api_user, bp, read_body, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.app.errors import json_error
from localize.catalog import service as catalog
from localize.db import request_session
from localize.errors import ValidationFailed
from localize.exchange import bundle, scripts, subtitles
from localize.permissions import Ability

BASE = "/series/<slug>/versions/<locale>/episodes/<int:number>"
SCRIPT = BASE + "/script.xlf"
TRACK = BASE + "/subtitles/<tag:lang>.xlf"
MEDIA = "application/x-xliff+xml"
XML_TYPES = (MEDIA, "application/xml", "text/xml", "application/octet-stream")


def _target(slug, locale, number):
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    episode = catalog.get_episode(session, series, number)
    return session, series, version, episode


def _xliff(data: bytes, name: str) -> Response:
    return Response(data, mimetype=MEDIA, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _upload():
    """The XLIFF body (raw or multipart `file`), size-checked; None for another media type (a 415)."""
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed("send the XLIFF file in the multipart field 'file'", [{"field": "file"}])
        data = upload.read()
    elif request.mimetype in XML_TYPES:
        data = read_body()
    else:
        return None
    if not data.strip():
        raise ValidationFailed("the XLIFF file is empty", [{"field": "file", "line": 1, "message": "no XML"}])
    return data


def _refused_media():
    return json_error(415, "unsupported_media_type",
                      f"send an XLIFF file as {MEDIA} or application/xml, or in the multipart field 'file'")


def _imported(result):
    return jsonify({"applied": result.applied, "unchanged": result.unchanged, "revision": result.revision,
                    "checks": result.checks})


@bp.get(SCRIPT)
@requires(Ability.READ_CATALOG)
def script_xliff(slug, locale, number):
    """The episode's script as XLIFF 1.2, one unit per segment."""
    session, series, version, episode = _target(slug, locale, number)
    return _xliff(*scripts.export_script(session, series, version, episode))


@bp.put(SCRIPT)
@requires(Ability.WRITE_LANGUAGE)
def script_xliff_put(slug, locale, number):
    """Apply an XLIFF file exported from here: changed targets as one new revision."""
    session, series, version, episode = _target(slug, locale, number)
    data = _upload()
    if data is None:
        return _refused_media()
    return _imported(scripts.import_script(session, series=series, version=version, episode=episode, data=data,
                                           author=api_user(), summary=request.args.get("summary", "")))


@bp.get(TRACK)
@requires(Ability.READ_CATALOG)
def subtitles_xliff(slug, locale, number, lang):
    """The episode's track in <lang> as XLIFF 1.2, one unit per cue."""
    session, series, version, episode = _target(slug, locale, number)
    return _xliff(*subtitles.export_track(session, series, version, episode, lang))


@bp.put(TRACK)
@requires(Ability.WRITE_LANGUAGE)
def subtitles_xliff_put(slug, locale, number, lang):
    """Apply an XLIFF file exported from here: changed targets as one new revision."""
    session, series, version, episode = _target(slug, locale, number)
    data = _upload()
    if data is None:
        return _refused_media()
    return _imported(subtitles.import_track(session, series=series, version=version, episode=episode, language=lang,
                                            data=data, author=api_user(), summary=request.args.get("summary", "")))


@bp.get("/series/<slug>/versions/<locale>/xliff.zip")
@requires(Ability.READ_CATALOG)
def xliff_zip(slug, locale):
    """Every episode's script (or track in `lang`) of the version as XLIFF files in a zip."""
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    scope, language = bundle.scope_language(version, request.args.get("scope"), request.args.get("lang"))
    data, count = bundle.export_zip(session, series, version, scope, language)
    name = f"{series.slug}.{bundle.zip_name(version, scope, language)}"
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "X-File-Count": str(count)})


_XLIFF_BODY = {"type": "string", "description": "an XLIFF 1.2 file exported from here"}
_BODIES = {MEDIA: _XLIFF_BODY, "application/xml": _XLIFF_BODY,
           "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}
_PUT_RESPONSES = {
    "403": "A translator of another language, or changing an approved line; anyone but a lead writing the original's script",
    "409": "Units changed here since the export (their source, or their target by someone else): details list each "
           "unit; nothing applied",
    "412": "The script or track was saved while the file was applied", "413": "Too large",
    "415": "Not an XLIFF body",
    "422": "Malformed XML, a DTD or entity, another episode or language, an unknown unit: details name the line or "
           "unit; nothing applied"}
for _endpoint, _what in (("api.script_xliff_put", "script"), ("api.subtitles_xliff_put", "track")):
    describe(_endpoint, f"Apply an XLIFF 1.2 file of this {_what} translated in a CAT tool: only changed targets, "
             "as one new revision; a file applied already changes nothing",
             bodies=_BODIES, responses=_PUT_RESPONSES, returns={"200": answers.XliffImportResult})
describe("api.script_xliff", returns={"200": {MEDIA: {"type": "string"}}})
describe("api.subtitles_xliff", returns={"200": {MEDIA: {"type": "string"}}})
describe("api.xliff_zip", responses={"422": "scope is not script or subtitles, or lang is not a language tag"},
         parameters=[{"name": "scope", "in": "query", "required": True,
                      "schema": {"type": "string", "enum": list(bundle.SCOPES)}},
                     {"name": "lang", "in": "query", "required": False,
                      "description": "the tracks' language (subtitles; default: the version's locale)",
                      "schema": {"type": "string"}}],
         returns={"200": {"application/zip": {"type": "string", "format": "binary"}}})
