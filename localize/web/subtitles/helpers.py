"""What the subtitle pages and the editor's JSON endpoints share: URL rules, the editor's data, uploads.

The editor page renders everything its script needs into a JSON block (cues, source cues,
preset limits, QC findings, history, and its sentences in the reader's language); the script
then talks to the JSON endpoints of editor_api.py with the session cookie and a CSRF header.
"""
from __future__ import annotations

from flask import flash, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _

from localize.db import request_session
from localize.errors import PreconditionFailed, ValidationFailed
from localize.models import MarketVersion
from localize.permissions import can_write_language
from localize.security import current_user
from localize.subtitles import editor, revisions, tracks
from localize.web.subtitles.strings import RULES, STATUSES, editor_strings

TRACK = "/series/<slug>/versions/<locale>/episodes/<int:number>/subtitles/<tag:lang>"
VERSION = "/series/<slug>/versions/<locale>/subtitles"
MEDIA = {"vtt": "text/vtt", "srt": "application/x-subrip"}


def may_edit(language: str) -> bool:
    return can_write_language(current_user(), language)


def track_args(target: editor.Target) -> dict:
    return {"slug": target.series.slug, "locale": target.version.locale,
            "number": target.episode.number, "lang": target.language}


def revisions_data(track, *, limit: int = revisions.HISTORY_PAGE) -> list[dict]:
    """The newest page of the track's history, as the history panel shows it."""
    return revisions_page(track, limit=limit)[0]


def revisions_page(track, *, limit: int = revisions.HISTORY_PAGE,
                   before: int | None = None) -> tuple[list[dict], int | None]:
    """A page of the track's history, newest first, and the `before` of the next page (or None)."""
    if track is None:
        return [], None
    page, next_before = revisions.history_page(request_session(), track, limit=limit, before=before)
    return [editor.revision_data(r, format_datetime(r.created_at, "medium")) for r in page], next_before


def editor_data(target: editor.Target, source) -> dict:
    """What editor.js starts from. `key` names the user's drafts of this track in the browser."""
    session, track, args = request_session(), target.track, track_args(target)
    cues = tracks.track_cues(session, track) if track else []
    findings = tracks.run_qc(session, target.series, target.version, target.episode, track, cues) if track else []
    preset = tracks.preset_for(target.series, target.version, track, target.language)
    return {
        "key": f"{current_user().id}:{'/'.join(str(v) for v in args.values())}",
        "revision": track.revision if track else 0, "exists": track is not None,
        "can_edit": may_edit(target.language), "language": target.language,
        "preset": editor.preset_data(preset),
        "cues": [editor.cue_data(c) for c in cues], "qc": [tracks.finding_dict(f) for f in findings],
        "source": {"language": source.language,
                   "cues": [editor.cue_data(c) for c in tracks.track_cues(session, source)]} if source else None,
        "revisions": revisions_data(track),
        "urls": {"cues": url_for("subtitles.api.cues", **args),
                 "revisions": url_for("subtitles.api.revisions", **args),
                 "vtt": url_for("subtitles.download_vtt", **args)},
        "strings": editor_strings(), "rules": {k: str(v) for k, v in RULES.items()},
    }


def render_editor(target: editor.Target, upload_error: str | None = None, status: int = 200):
    session = request_session()
    source = editor.source_track(session, target)
    source_ref = f"{session.get(MarketVersion, source.version_id).locale}|{source.language}" if source else ""
    return render_template("subtitles/editor.html", t=target, track=target.track, source=source,
                           source_ref=source_ref, data=editor_data(target, source),
                           can_edit=may_edit(target.language), statuses=STATUSES,
                           upload_error=upload_error, args=track_args(target)), status


def import_upload(target: editor.Target, expected: int | None) -> tuple[str, int] | None:
    """Import the uploaded file into the target; returns (error sentence, status), or None when saved."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _("Choose a VTT or SRT file to upload."), 422
    try:
        result = tracks.import_file(request_session(), series=target.series, version=target.version,
                                    episode=target.episode, language=target.language, data=upload.read(),
                                    author=current_user(), expected_revision=expected,
                                    summary=request.form.get("summary", "").strip())
    except ValidationFailed as exc:
        detail = exc.details[0] if exc.details else {}
        reason = detail.get("message") or exc.message
        if detail.get("line"):
            return _("%(file)s was not imported. Line %(line)s: %(reason)s", file=upload.filename,
                     line=detail["line"], reason=reason), 422
        return _("%(file)s was not imported: %(reason)s", file=upload.filename, reason=reason), 422
    except PreconditionFailed:
        return _("Someone saved this track while you were choosing the file. Reload the page and upload again."), 412
    flash(_("%(file)s imported: %(n)s cues, revision %(r)s.", file=upload.filename, n=len(result.cues),
            r=result.track.revision))
    return None
