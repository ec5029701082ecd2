"""The script page's JSON endpoints: the page's session cookie plus the X-CSRFToken header.

They call the same domain functions as /api/v1 (which takes bearer tokens instead). A save names
the revision the page was loaded at; a stale one answers 412 with both versions, the server's
current segments ("theirs") and the segments that were refused ("mine"), so nothing is lost.
"""
from __future__ import annotations

from flask import jsonify, request, url_for

from localize.db import request_session
from localize.errors import Forbidden, PreconditionFailed
from localize.app.errors import json_error as error
from localize.permissions import Ability
from localize.scripts import history, schemas, store
from localize.scripts.speakers import speakers
from localize.security import current_user, json_requires
from localize.subtitles.revisions import page_arguments
from localize.web.scripts.helpers import (Target, current_state, may_edit, open_target, revisions_page,
                                          snapshot_segment)


def _target(slug, locale, number, write: bool = False) -> Target:
    t = open_target(slug, locale, number)
    if write and not may_edit(t.version):
        what = "the original's scripts" if t.original else f"{t.version.locale} scripts"
        raise Forbidden(f"you do not write {what}")
    return t


def _payload() -> dict | None:
    payload = request.get_json(silent=True)
    return payload if isinstance(payload, dict) else None


def _saved(t: Target, result: store.SaveResult):
    t.script = result.script
    body = current_state(t)
    body.update(changed=result.changed, created_characters=result.created_characters,
                revisions=revisions_page(result.script)[0])
    return jsonify(body)


def _conflict(slug, locale, number, exc: PreconditionFailed, mine: dict):
    request_session().rollback()
    return error(412, exc.code, exc.message, exc.details, theirs=current_state(open_target(slug, locale, number)),
                 mine=mine)


@json_requires(Ability.READ_CATALOG)
def script(slug, locale, number):
    """The script as the page shows it (revision 0 and no segments when there is none yet)."""
    return jsonify(current_state(_target(slug, locale, number)))


@json_requires(Ability.WRITE_LANGUAGE)
def save(slug, locale, number):
    """Save the page's segments as a new revision of the one it was loaded at."""
    t = _target(slug, locale, number, write=True)
    payload = _payload()
    if payload is None:
        return error(400, "bad_request", "send a JSON object with 'revision' (an integer) and 'segments'")
    body = schemas.parse(schemas.ScriptSaveBody, payload)
    try:
        result = store.save(request_session(), series=t.series, version=t.version, episode=t.episode,
                            drafts=schemas.body_drafts(body), author=current_user(),
                            expected_revision=body.revision if body.revision is not None else 0,
                            summary=(body.summary or "").strip() or "edited segments")
    except PreconditionFailed as exc:
        # "mine" gives back the segments exactly as sent, so the page can offer them again.
        return _conflict(slug, locale, number, exc, {"revision": body.revision, "segments": payload.get("segments")})
    return _saved(t, result)


@json_requires(Ability.READ_CATALOG)
def revisions(slug, locale, number):
    """A page of the script's history, newest first (?limit=, ?before=); `next` is the next page's URL."""
    limit, before = page_arguments(request.args.get("limit"), request.args.get("before"))
    t = _target(slug, locale, number)
    page, next_before = revisions_page(t.script, limit=limit, before=before)
    return jsonify({"revision": t.script.revision if t.script else 0, "revisions": page,
                    "next": None if next_before is None else url_for(
                        request.endpoint, **request.view_args, limit=limit, before=next_before)})


@json_requires(Ability.READ_CATALOG)
def revision(slug, locale, number, revision):
    """One revision and what changed in it, segment by segment, against the revision before."""
    t = _target(slug, locale, number)
    session = request_session()
    script = store.get_script(session, t.version, t.episode)
    current = history.get_revision(session, script, revision)
    previous = history.get_revision(session, script, revision - 1) if revision > 1 else None
    who = speakers(session, t.series, t.version)
    shown = lambda s: snapshot_segment(s, who) if s else None  # noqa: E731
    return jsonify({"number": current.number, "author": current.author, "summary": current.summary,
                    "changes": current.changes,
                    "diff": [{"op": d["op"], "position": d["position"], "old": shown(d["old"]), "new": shown(d["new"])}
                             for d in history.diff_revisions(previous, current)],
                    "segments": [shown(s) for s in current.snapshot["segments"]]})


@json_requires(Ability.WRITE_LANGUAGE)
def restore(slug, locale, number, revision):
    """Make an old revision current again, as a new revision; names the revision the page shows."""
    t = _target(slug, locale, number, write=True)
    payload = _payload()
    if payload is None:
        return error(400, "bad_request", "send a JSON object with 'revision' (an integer)")
    expected = payload.get("revision")
    if not isinstance(expected, int) or isinstance(expected, bool):
        return error(422, "validation_failed", "revision must be an integer", [{"field": "revision"}])
    script = store.get_script(request_session(), t.version, t.episode)
    try:
        result = history.restore_revision(request_session(), series=t.series, version=t.version, episode=t.episode,
                                          script=script, number=revision, author=current_user(),
                                          expected_revision=expected)
    except PreconditionFailed as exc:
        return _conflict(slug, locale, number, exc, {"revision": expected, "segments": None})
    return _saved(t, result)
