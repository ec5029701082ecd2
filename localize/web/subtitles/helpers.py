"""What the subtitle pages and the editor's JSON endpoints share: URL rules, the editor's data, uploads.

The editor page renders everything its script needs into a JSON block (cues, source cues,
preset limits, QC findings, history, and its sentences in the reader's language); the script
then talks to the JSON endpoints of editor_api.py with the session cookie and a CSRF header.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import flash, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import ngettext

from localize.db import request_session
from localize.errors import PreconditionFailed, ValidationFailed
from localize.glossary import store as glossary_store
from localize.models import MarketVersion
from localize.permissions import can_write_language
from localize.security import current_user
from localize.subtitles import editor, revisions, tracks
from localize.web.memory.panel import panel_data
from localize.web.subtitles import pending
from localize.web.subtitles.strings import (RULES, STATUSES, editor_plurals, editor_strings, qc_messages,
                                            summary_text, track_finding_text)

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
    return [_shown(editor.revision_data(r, format_datetime(r.created_at, "medium"))) for r in page], next_before


def _shown(revision: dict) -> dict:
    """A revision for the history panel, its summary also in the reader's language (`summary_shown`)."""
    revision["summary_shown"] = summary_text(revision["summary"])
    return revision


def editor_data(target: editor.Target, source) -> dict:
    """What editor.js starts from. `key` names the user's drafts of this track in the browser."""
    session, track, args = request_session(), target.track, track_args(target)
    cues = tracks.track_cues(session, track) if track else []
    findings = tracks.run_qc(session, target.series, target.version, target.episode, track, cues) if track else []
    preset = tracks.preset_for(target.series, target.version, track, target.language)
    data_qc = [tracks.finding_dict(f) for f in findings]
    return {
        "key": f"{current_user().id}:{'/'.join(str(v) for v in args.values())}",
        "revision": track.revision if track else 0, "exists": track is not None,
        "can_edit": may_edit(target.language), "language": target.language,
        "preset": editor.preset_data(preset),
        "cues": [editor.cue_data(c) for c in cues], "qc": data_qc,
        "source": {"language": source.language,
                   "cues": [editor.cue_data(c) for c in tracks.track_cues(session, source)]} if source else None,
        "revisions": revisions_data(track),
        "urls": {"cues": url_for("subtitles.api.cues", **args),
                 "revisions": url_for("subtitles.api.revisions", **args),
                 "vtt": url_for("subtitles.download_vtt", **args)},
        "strings": editor_strings(), "rules": {k: str(v) for k, v in RULES.items()},
        "plurals": editor_plurals(), "qc_messages": qc_messages(),
        # What the live QC needs beside the preset, as the server's QC has it.
        "qc_context": {"episode_duration_ms": target.episode.duration_s * 1000 if target.episode.duration_s else None,
                       "renamed_names": tracks.renamed_names(session, target.series, target.version)},
        "track_qc": [track_finding_text(f) for f in data_qc if f["cue"] == 0],
        # The language's glossary: terms underlined in the source, checked live (editor-glossary.js).
        "glossary": glossary_data(target.series, target.language),
        "memory": panel_data(target.series, source.language if source else None, target.language,
                             editable=may_edit(target.language)),
    }


def glossary_data(series, language: str) -> list[dict]:
    """The glossary entries of a translation's language (none for the original's own language)."""
    if language == series.original_locale:
        return []
    return [glossary_store.entry_dict(e) for e in glossary_store.list_entries(request_session(), series, language)]


def render_editor(target: editor.Target, upload_error: "UploadRefusal | None" = None, status: int = 200,
                  xliff_problems: list[str] | None = None):
    session = request_session()
    source = editor.source_track(session, target)
    source_ref = f"{session.get(MarketVersion, source.version_id).locale}|{source.language}" if source else ""
    return render_template("subtitles/editor.html", t=target, track=target.track, source=source,
                           source_ref=source_ref, data=editor_data(target, source),
                           can_edit=may_edit(target.language), statuses=STATUSES,
                           upload_error=upload_error, args=track_args(target),
                           xliff_problems=xliff_problems or []), status


@dataclass
class UploadRefusal:
    """Why an upload was not imported: the sentence, the status, and for a file with bad cues every
    problem with its line; `pending` is the token of the kept file when its other cues can be
    imported ("import, dropping these N cues")."""

    message: str
    status: int
    filename: str = ""
    problems: list[dict] = field(default_factory=list)   # {"line", "reason"}
    pending: str | None = None
    kept: int = 0
    summary: str = ""

    def __str__(self) -> str:
        return self.message


def import_upload(target: editor.Target, expected: int | None) -> UploadRefusal | None:
    """Import the uploaded file into the target; returns why it was not imported, or None when saved.

    A form with `pending` (and skip_invalid=1) imports the file kept at the last refusal,
    dropping its invalid cues.
    """
    summary = request.form.get("summary", "").strip()
    token = request.form.get("pending", "")
    skip_invalid = bool(token) and request.form.get("skip_invalid") == "1"
    if token:
        filename = request.form.get("filename", "")[:200] or _("The file")
        data = pending.take(current_user().id, token)
        if data is None:
            return UploadRefusal(_("%(file)s is no longer kept here (after an hour it is removed). Upload it again.",
                                   file=filename), 422)
    else:
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            return UploadRefusal(_("Choose a VTT or SRT file to upload."), 422)
        filename, data = upload.filename, upload.read()
    try:
        result = tracks.import_file(request_session(), series=target.series, version=target.version,
                                    episode=target.episode, language=target.language, data=data,
                                    author=current_user(), expected_revision=expected,
                                    summary=summary, skip_invalid=skip_invalid)
    except tracks.InvalidSubtitleFile as exc:
        return _refused_file(exc, filename, data, summary)
    except ValidationFailed as exc:
        detail = exc.details[0] if exc.details else {}
        reason = detail.get("message") or exc.message
        return UploadRefusal(_("%(file)s was not imported: %(reason)s", file=filename, reason=reason), 422, filename)
    except PreconditionFailed:
        return UploadRefusal(_("Someone saved this track while you were choosing the file. "
                               "Reload the page and upload again."), 412, filename)
    if result.dropped:
        flash(ngettext("%(file)s imported: %(n)s cues, revision %(r)s; %(num)s invalid cue was dropped "
                       "(listed in the revision).",
                       "%(file)s imported: %(n)s cues, revision %(r)s; %(num)s invalid cues were dropped "
                       "(listed in the revision).", len(result.dropped),
                       file=filename, n=len(result.cues), r=result.track.revision))
    else:
        flash(_("%(file)s imported: %(n)s cues, revision %(r)s.", file=filename, n=len(result.cues),
                r=result.track.revision))
    return None


def _refused_file(exc: "tracks.InvalidSubtitleFile", filename: str, data: bytes, summary: str) -> UploadRefusal:
    problems = [{"line": p.line, "reason": p.reason} for p in exc.problems]
    first = exc.problems[0]
    if len(problems) == 1 and first.line:
        message = _("%(file)s was not imported. Line %(line)s: %(reason)s", file=filename, line=first.line,
                    reason=first.reason)
    elif len(problems) == 1:
        message = _("%(file)s was not imported: %(reason)s", file=filename, reason=first.reason)
    else:
        message = ngettext("%(file)s was not imported: %(num)s problem, listed below.",
                           "%(file)s was not imported: %(num)s problems, listed below.", len(problems), file=filename)
    refusal = UploadRefusal(message, 422, filename, problems if len(problems) > 1 or exc.skippable else [],
                            summary=summary)
    if exc.skippable:
        refusal.pending = pending.stash(current_user().id, data)
        refusal.kept = exc.kept
    return refusal
