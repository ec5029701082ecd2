"""Scripts: import and save, read, export, checks, revisions, restore, translate, dialogue list, rename."""
from __future__ import annotations

from flask import Response, jsonify, request, url_for

from localize.api import api_user, bp, read_body, requires
from localize.api import schemas as answers
from localize.api.machine import configured_provider, machine_prefill
from localize.api.openapi import describe
from localize.catalog import service as catalog
from localize.db import request_session
from localize.errors import ValidationFailed
from localize.app.errors import BadJson
from localize.app.cache import reusable
from localize.permissions import Ability
from localize.scripts import adapt, dialogue, files, history, rename, schemas, store
from localize.subtitles import revisions as paging

BASE = "/series/<slug>/versions/<locale>/episodes/<int:number>"
SCRIPT = BASE + "/script"
FILE_TYPES = ("text/plain", "text/x-fountain", "application/xml", "text/xml", "application/octet-stream")


def _target(slug, locale, number):
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    episode = catalog.get_episode(session, series, number)
    return session, series, version, episode


def _saved(result: store.SaveResult):
    response = jsonify({"segments": len(result.segments), "revision": result.script.revision,
                        "checks": [f.as_dict() for f in result.findings],
                        "created_characters": result.created_characters})
    response.status_code = 201 if result.created else 200
    response.headers["ETag"] = store.etag(result.script)
    return response


def _drafts(body: schemas.ScriptSaveBody) -> list[dict]:
    return schemas.body_drafts(body)


@bp.put(SCRIPT)
@requires(Ability.WRITE_LANGUAGE)
def script_put(slug, locale, number):
    """Import a Fountain or FDX file (raw body or multipart field `file`), or save segments as JSON."""
    session, series, version, episode = _target(slug, locale, number)
    expected = store.revision_from_etag(request.headers.get("If-Match"))
    summary = request.args.get("summary", "")
    if request.mimetype == "application/json":
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise BadJson("the body must be a JSON object with a 'segments' list")
        body = schemas.parse(schemas.ScriptSaveBody, payload)
        result = store.save(session, series=series, version=version, episode=episode, drafts=_drafts(body),
                             author=api_user(), expected_revision=expected if expected is not None else body.revision,
                             summary=body.summary or summary or "edited segments")
        return _saved(result)
    filename = None
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ValidationFailed("send the script in the multipart field 'file'", [{"field": "file"}])
        data, filename = upload.read(), upload.filename
    else:
        data = read_body()
    if not data.strip():
        raise ValidationFailed("the script file is empty", [{"field": "file", "line": 1, "message": "no segment"}])
    result = files.import_file(session, series=series, version=version, episode=episode, data=data,
                               filename=filename, author=api_user(), expected_revision=expected, summary=summary)
    return _saved(result)


@bp.get(SCRIPT)
@reusable
@requires(Ability.READ_CATALOG)
def script_get(slug, locale, number):
    """The script as JSON: revision and segments with their speakers and sources."""
    session, series, version, episode = _target(slug, locale, number)
    script = store.get_script(session, version, episode)
    response = jsonify(store.script_body(session, series, version, script))
    response.headers["ETag"] = store.etag(script)
    return response


def _file(slug, locale, number, fmt):
    session, series, version, episode = _target(slug, locale, number)
    script = store.get_script(session, version, episode)
    text = files.export_text(session, series, version, script, fmt)
    name = files.export_name(episode.number, version.locale, fmt)
    return Response(text, mimetype=files.MEDIA[fmt], headers={
        "ETag": store.etag(script), "Content-Disposition": f'attachment; filename="{name}"'})


@bp.get(SCRIPT + ".fountain")
@reusable
@requires(Ability.READ_CATALOG)
def script_fountain(slug, locale, number):
    """The script as a Fountain file."""
    return _file(slug, locale, number, "fountain")


@bp.get(SCRIPT + ".fdx")
@reusable
@requires(Ability.READ_CATALOG)
def script_fdx(slug, locale, number):
    """The script as a Final Draft file."""
    return _file(slug, locale, number, "fdx")


@bp.get(SCRIPT + "/checks")
@reusable
@requires(Ability.READ_CATALOG)
def script_checks(slug, locale, number):
    """The script's check findings."""
    session, series, version, episode = _target(slug, locale, number)
    script = store.get_script(session, version, episode)
    findings = store.run_checks(session, series, version, store.listed_segments(session, script))
    return jsonify({"revision": script.revision, "checks": [f.as_dict() for f in findings]})


@bp.get(SCRIPT + "/revisions")
@requires(Ability.READ_CATALOG)
def script_revisions(slug, locale, number):
    """The script's revisions, newest first, a page at a time (?limit=, ?before=)."""
    limit, before = paging.page_arguments(request.args.get("limit"), request.args.get("before"))
    session, series, version, episode = _target(slug, locale, number)
    script = store.get_script(session, version, episode)
    page, next_before = history.history_page(session, script, limit=limit, before=before)
    return jsonify({"revision": script.revision, "revisions": [
        {"number": r.number, "author": r.author, "summary": r.summary, "changes": r.changes,
         "created_at": r.created_at.isoformat(), "segments": r.segment_count} for r in page],
        "next": None if next_before is None else url_for(
            request.endpoint, **request.view_args, limit=limit, before=next_before)})


@bp.get(SCRIPT + "/revisions/<int:revision>")
@requires(Ability.READ_CATALOG)
def script_revision(slug, locale, number, revision):
    """One revision's segments and its difference from the revision before it."""
    session, series, version, episode = _target(slug, locale, number)
    script = store.get_script(session, version, episode)
    current = history.get_revision(session, script, revision)
    previous = history.get_revision(session, script, revision - 1) if revision > 1 else None
    return jsonify({"number": current.number, "author": current.author, "summary": current.summary,
                    "changes": current.changes, "segments": current.snapshot["segments"],
                    "diff": history.diff_revisions(previous, current)})


@bp.post(SCRIPT + "/revisions/<int:revision>/restore")
@requires(Ability.WRITE_LANGUAGE)
def script_restore(slug, locale, number, revision):
    """Restore a revision as a new revision."""
    session, series, version, episode = _target(slug, locale, number)
    script = store.get_script(session, version, episode)
    result = history.restore_revision(session, series=series, version=version, episode=episode, script=script,
                                      number=revision, author=api_user(),
                                      expected_revision=store.revision_from_etag(request.headers.get("If-Match")))
    return _saved(result)


@bp.post(SCRIPT + "/translate")
@requires(Ability.EDIT_CATALOG)
def script_translate(slug, locale, number):
    """Start the version's script from the original's (or `source_locale`'s): every segment new."""
    session, series, version, episode = _target(slug, locale, number)
    payload = request.get_json(silent=True)
    body = schemas.parse(schemas.ScriptTranslateBody, payload if isinstance(payload, dict) else {})
    prefill = machine_prefill(configured_provider()) if body.prefill == "machine" else None
    result = adapt.translate_script(session, series=series, version=version, episode=episode, author=api_user(),
                                    source_locale=body.source_locale, prefill=prefill)
    return _saved(result)


@bp.get(BASE + "/dialogue-list.csv")
@requires(Ability.READ_CATALOG)
def script_dialogue_list(slug, locale, number):
    """The dubbing studio's dialogue list: number,in,out,character,source,text,note."""
    session, series, version, episode = _target(slug, locale, number)
    text = dialogue.dialogue_csv(session, series, version, episode)
    name = f"{series.slug}.{version.locale}.ep{episode.number:03d}.dialogue-list.csv"
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/series/<slug>/versions/<locale>/scripts.zip")
@requires(Ability.READ_CATALOG)
def scripts_zip(slug, locale):
    """Every episode's script of the version, as a zip (?format=fountain|fdx)."""
    fmt = request.args.get("format", "fountain")
    if fmt not in files.FORMATS:
        raise ValidationFailed("format must be fountain or fdx", [{"field": "format"}])
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    data, count = files.export_version(session, series, version, fmt)
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{series.slug}.{version.locale}.{fmt}.zip"',
        "X-Script-Count": str(count)})


@bp.post("/series/<slug>/versions/<locale>/rename")
@requires(Ability.EDIT_CATALOG)
def scripts_rename(slug, locale):
    """Rename everywhere: replace a character's old name in the version's scripts and subtitle tracks."""
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise BadJson("the body must be a JSON object {\"character\", \"from\", \"to\"}")
    body = schemas.parse(schemas.RenameBody, payload)
    character = catalog.get_character(session, series, body.character)
    changed = rename.rename_everywhere(session, series=series, version=version, character=character,
                                       old=body.from_, new=body.to, author=api_user())
    return jsonify({"changed": changed})


describe("api.script_put", "Import a Fountain/FDX file or save segments as JSON; 201 first time, 200 after",
         bodies={"text/plain": {"type": "string", "description": "Fountain"},
                 "text/x-fountain": {"type": "string"},
                 "application/xml": {"type": "string", "description": "Final Draft .fdx"},
                 "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}},
                 "application/json": schemas.ScriptSaveBody},
         responses={"201": "Created", "403": "A translator of another language, a translator changing an approved "
                    "segment or marking one reviewed/approved, or anyone but a lead writing the original",
                    "412": "If-Match names an old revision", "413": "Too large",
                    "422": "Malformed file (details name the line) or segment (details name segment and field)"},
         returns={"200": answers.ScriptSaveResult, "201": answers.ScriptSaveResult})
describe("api.script_get", returns={"200": answers.Script})
describe("api.script_fountain", returns={"200": {"text/plain": {"type": "string"}}})
describe("api.script_fdx", returns={"200": {"application/xml": {"type": "string"}}})
describe("api.script_checks", returns={"200": answers.ScriptChecks})
describe("api.script_revisions", "The script's revisions, newest first, a page at a time; `next` is the URL "
         "of the next page, or null on the last",
         parameters=[{"name": "limit", "in": "query", "required": False,
                      "description": "revisions per page (default 50)",
                      "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
                     {"name": "before", "in": "query", "required": False,
                      "description": "only revisions numbered below this one (the next page's start)",
                      "schema": {"type": "integer", "minimum": 1}}],
         responses={"422": "limit or before is not a valid number: details name the field"},
         returns={"200": answers.ScriptRevisionList})
describe("api.script_revision", returns={"200": answers.ScriptRevisionDetail})
describe("api.script_restore", responses={"412": "If-Match names an old revision"},
         returns={"200": answers.ScriptSaveResult})
describe("api.script_translate", "Start the version's script from the original's (leads and admins)",
         bodies={"application/json": schemas.ScriptTranslateBody},
         responses={"409": "The script exists already", "502": "Machine translation failed for every line"},
         returns={"201": answers.ScriptSaveResult})
describe("api.script_dialogue_list", returns={"200": {"text/csv": {"type": "string"}}})
describe("api.scripts_zip", responses={"422": "format is not fountain or fdx"},
         parameters=[{"name": "format", "in": "query", "required": False,
                      "schema": {"type": "string", "enum": list(files.FORMATS), "default": "fountain"}}],
         returns={"200": {"application/zip": {"type": "string", "format": "binary"}}})
describe("api.scripts_rename", "Rename everywhere: one new revision per changed script or subtitle track",
         bodies={"application/json": schemas.RenameBody}, returns={"200": answers.RenameResult})
