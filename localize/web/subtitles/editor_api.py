"""The subtitle editor's JSON endpoints: the page's session cookie plus the X-CSRFToken header.

They call the same service functions as /api/v1 (which takes bearer tokens instead). A save
names the revision the page was loaded at; a stale one answers 412 with both versions, the
server's current cues ("theirs") and the edits that were refused ("mine"), so nothing is lost.
"""
from __future__ import annotations


from flask import jsonify, request, url_for

from localize.db import request_session
from localize.errors import Forbidden, PreconditionFailed
from localize.app.errors import json_error as error
from localize.permissions import Ability
from localize.security import current_user, json_requires
from localize.subtitles import editor, schemas, tracks
from localize.subtitles.revisions import page_arguments
from localize.web.subtitles.helpers import may_edit, revisions_data, revisions_page


def _target(slug, locale, number, lang, write: bool = False) -> editor.Target:
    target = editor.open_target(request_session(), slug, locale, number, lang)
    if write and not may_edit(target.language):
        raise Forbidden(f"you do not write {target.language} subtitles")
    return target


def state(track, cues, findings) -> dict:
    return {"revision": track.revision, "cues": [editor.cue_data(c) for c in cues],
            "qc": [tracks.finding_dict(f) for f in findings]}


def current_state(target: editor.Target) -> dict:
    """The track as stored now (revision 0 and no cues when it does not exist yet)."""
    session, track = request_session(), target.track
    if track is None:
        return {"revision": 0, "cues": [], "qc": [], "latest": None}
    cues = tracks.track_cues(session, track)
    body = state(track, cues, tracks.run_qc(session, target.series, target.version, target.episode, track, cues))
    latest = revisions_data(track, limit=1)
    body["latest"] = latest[0] if latest else None
    return body


@json_requires(Ability.READ_CATALOG)
def cues(slug, locale, number, lang):
    return jsonify(current_state(_target(slug, locale, number, lang)))


def _payload() -> dict | None:
    """The JSON object sent, or None (answered 400: there is nothing to validate)."""
    payload = request.get_json(silent=True)
    return payload if isinstance(payload, dict) else None


def _saved(result):
    body = state(result.track, result.cues, result.findings)
    body.update(changed=result.changed, revisions=revisions_data(result.track))
    return jsonify(body)


def _conflict(target: editor.Target, exc: PreconditionFailed, mine: dict):
    session = request_session()
    session.rollback()
    target.track = tracks.find_track(session, target.version, target.episode, target.language)
    return error(412, exc.code, exc.message, theirs=current_state(target), mine=mine)


@json_requires(Ability.WRITE_LANGUAGE)
def save(slug, locale, number, lang):
    """Save the page's cues as a new revision of the one it was loaded at."""
    target = _target(slug, locale, number, lang, write=True)
    payload = _payload()
    if payload is None:
        return error(400, "bad_request", "send a JSON object with 'revision' (an integer) and 'cues'")
    body = schemas.parse(schemas.EditorSaveBody, payload)
    try:
        result = tracks.save_cues(request_session(), series=target.series, version=target.version,
                                  episode=target.episode, language=target.language, cues=body.cues,
                                  author=current_user(), expected_revision=body.revision,
                                  summary=(body.summary or "").strip())
    except PreconditionFailed as exc:
        # "mine" gives back the cues exactly as sent, so the page can offer them again.
        return _conflict(target, exc, {"revision": body.revision, "cues": payload.get("cues")})
    return _saved(result)


@json_requires(Ability.READ_CATALOG)
def revisions(slug, locale, number, lang):
    """A page of the track's history, newest first (?limit=, ?before=); `next` is the next page's URL."""
    limit, before = page_arguments(request.args.get("limit"), request.args.get("before"))
    target = _target(slug, locale, number, lang)
    page, next_before = revisions_page(target.track, limit=limit, before=before)
    return jsonify({"revision": target.track.revision if target.track else 0, "revisions": page,
                    "next": None if next_before is None else url_for(
                        request.endpoint, **request.view_args, limit=limit, before=next_before)})


@json_requires(Ability.READ_CATALOG)
def revision(slug, locale, number, lang, revision):
    """One revision and what changed in it, cue by cue, against the revision before."""
    target = _target(slug, locale, number, lang)
    track = tracks.get_track(request_session(), target.version, target.episode, target.language)
    current, diff = editor.revision_diff(request_session(), track, revision)
    return jsonify({"number": current.number, "author": current.author, "summary": current.summary,
                    "changes": current.changes, "diff": diff,
                    "cues": [editor.cue_data(c) for c in current.snapshot.get("cues", [])]})


@json_requires(Ability.WRITE_LANGUAGE)
def restore(slug, locale, number, lang, revision):
    """Make an old revision current again, as a new revision; names the revision the page shows."""
    target = _target(slug, locale, number, lang, write=True)
    payload = _payload()
    if payload is None:
        return error(400, "bad_request", "send a JSON object with 'revision' (an integer)")
    expected = schemas.parse(schemas.RestoreBody, payload).revision
    track = tracks.get_track(request_session(), target.version, target.episode, target.language)
    try:
        result = tracks.restore_revision(request_session(), series=target.series, version=target.version,
                                         episode=target.episode, track=track, number=revision,
                                         author=current_user(), expected_revision=expected)
    except PreconditionFailed as exc:
        return _conflict(target, exc, {"revision": expected, "cues": None})
    return _saved(result)
