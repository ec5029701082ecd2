"""What the script pages and their JSON endpoints share: URL rules, the page's data, who may do what.

The script page renders everything its script needs into a JSON block (segments with their
sources, check findings, history, and its sentences in the reader's language); the script then
talks to the JSON endpoints of editor_api.py with the session cookie and a CSRF header. Every
rule (roles, statuses, outdated lines) is the domain's: localize.scripts.store.save decides.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import flash, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import ngettext

from localize.catalog import service as catalog
from localize.db import request_session
from localize.errors import DomainError, PreconditionFailed, ValidationFailed
from localize.glossary import store as glossary_store
from localize.models import Episode, MarketVersion, Script, Series
from localize.permissions import Ability, can, can_write_language
from localize.scripts import files, history, store
from localize.scripts.speakers import speakers
from localize.security import current_user
from localize.web.memory.panel import panel_data, script_context
from localize.web.scripts.strings import KINDS, RULES, STATUSES, page_strings

VERSION = "/series/<slug>/versions/<locale>"
SCRIPT = VERSION + "/episodes/<int:number>/script"


@dataclass
class Target:
    series: Series
    version: MarketVersion
    episode: Episode
    script: Script | None

    @property
    def original(self) -> bool:
        return self.version.kind == "original"


def open_target(slug: str, locale: str, number: int) -> Target:
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    episode = catalog.get_episode(session, series, number)
    return Target(series, version, episode, store.find_script(session, version, episode))


def script_args(t: Target) -> dict:
    return {"slug": t.series.slug, "locale": t.version.locale, "number": t.episode.number}


def may_edit(version: MarketVersion) -> bool:
    """Leads write the original's scripts; translators of the version's language (and leads) the others."""
    user = current_user()
    if version.kind == "original":
        return can(user, Ability.EDIT_CATALOG)
    return can_write_language(user, version.locale)


def may_review(version: MarketVersion) -> bool:
    return version.kind != "original" and may_edit(version) and can(current_user(), Ability.REVIEW)


# --- history ------------------------------------------------------------------------------------

def revision_data(r: history.RevisionSummary) -> dict:
    return {"number": r.number, "author": r.author, "summary": r.summary, "changes": r.changes,
            "when": format_datetime(r.created_at, "medium"), "segments": r.segment_count}


def revisions_page(script: Script | None, *, limit: int = 50, before: int | None = None
                   ) -> tuple[list[dict], int | None]:
    """A page of the script's history, newest first, and the `before` of the next page (or None)."""
    if script is None:
        return [], None
    page, next_before = history.history_page(request_session(), script, limit=limit, before=before)
    return [revision_data(r) for r in page], next_before


def snapshot_segment(segment: dict, who) -> dict:
    """A revision snapshot's segment as the history shows it: the speaker by this version's name."""
    name = who.name(segment.get("character_id")) or segment.get("speaker")
    return {"id": segment.get("id"), "kind": segment.get("kind"), "speaker": name,
            "parenthetical": segment.get("parenthetical"), "text": segment.get("text") or "",
            "status": segment.get("status"), "note": segment.get("note") or ""}


# --- the page's data ------------------------------------------------------------------------------

def sources_data(t: Target, segments: list[dict]) -> dict[str, dict]:
    """The original lines the segments adapt, by id: kind, speaker (the original's name), parenthetical."""
    session = request_session()
    ids = [s["source"]["id"] for s in segments if s["source"]]
    if not ids:
        return {}
    original = catalog.original_version(session, t.series)
    who = speakers(session, t.series, original)
    out = {}
    for sid, src in store.segments_by_id(session, ids).items():
        out[str(sid)] = {"kind": src.kind, "speaker": who.name(src.character_id) or src.speaker,
                         "extension": src.extension, "parenthetical": src.parenthetical}
    return out


def current_state(t: Target) -> dict:
    """The script as stored now: revision (0 when none), segments, their sources, findings, latest revision."""
    session = request_session()
    if t.script is None:
        return {"revision": 0, "segments": [], "sources": {}, "checks": [], "latest": None}
    body = store.script_body(session, t.series, t.version, t.script)
    findings = store.run_checks(session, t.series, t.version, store.listed_segments(session, t.script))
    latest = revisions_page(t.script, limit=1)[0]
    return {"revision": body["revision"], "segments": body["segments"], "sources": sources_data(t, body["segments"]),
            "checks": [f.as_dict() for f in findings], "latest": latest[0] if latest else None}


def page_data(t: Target) -> dict:
    """What script.js starts from. `key` names the user's drafts of this script in the browser."""
    args = script_args(t)
    state = current_state(t)
    return {
        "key": f"{current_user().id}:{t.series.slug}/{t.version.locale}/{t.episode.number}",
        "exists": t.script is not None, "original": t.original, "locale": t.version.locale,
        "can_edit": may_edit(t.version), "can_review": may_review(t.version),
        **{k: state[k] for k in ("revision", "segments", "sources", "checks")},
        "revisions": revisions_page(t.script)[0],
        "urls": {"script": url_for("scripts.api.script", **args),
                 "revisions": url_for("scripts.api.revisions", **args)},
        "strings": page_strings(), "rules": {k: str(v) for k, v in RULES.items()},
        "statuses": {k: str(v) for k, v in STATUSES.items()}, "kinds": {k: str(v) for k, v in KINDS.items()},
        # The version's glossary: terms underlined in the original's lines (editor-glossary.js).
        "glossary": [] if t.original else [glossary_store.entry_dict(e) for e in glossary_store.list_entries(
            request_session(), t.series, t.version.locale)],
        "memory": None if t.original or t.script is None else panel_data(
            t.series, t.series.original_locale, t.version.locale, editable=may_edit(t.version),
            context=script_context(s for _e, s in store.source_scripts(request_session(), t.series, t.version,
                                                                       t.episode) if s is not None)),
    }


def render_page(t: Target, error: str | None = None, status: int = 200, xliff_problems: list[str] | None = None):
    session = request_session()
    sources = [] if t.original else store.source_scripts(session, t.series, t.version, t.episode)
    return render_template("scripts/script.html", t=t, data=page_data(t), args=script_args(t),
                           can_edit=may_edit(t.version), can_review=may_review(t.version),
                           can_start=(not t.original and t.script is None and can(current_user(), Ability.EDIT_CATALOG)),
                           has_source=any(script for _e, script in sources),
                           source_numbers=[e.number for e, _s in sources], statuses=STATUSES,
                           original_locale=catalog.original_version(session, t.series).locale,
                           error=error, xliff_problems=xliff_problems or []), status


# --- forms ------------------------------------------------------------------------------------------

def import_upload(t: Target) -> tuple[str, int] | None:
    """Import the uploaded Fountain or FDX file; returns (error sentence, status), or None when saved."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _("Choose a Fountain or Final Draft (.fdx) file to upload."), 422
    data = upload.read()
    if not data.strip():
        return _("%(file)s was not imported: the file is empty.", file=upload.filename), 422
    try:
        result = files.import_file(request_session(), series=t.series, version=t.version, episode=t.episode,
                                   data=data, filename=upload.filename, author=current_user(),
                                   expected_revision=request.form.get("revision", type=int),
                                   summary=request.form.get("summary", "").strip())
    except ValidationFailed as exc:
        detail = exc.details[0] if exc.details else {}
        reason = detail.get("message") or exc.message
        if detail.get("line"):
            return _("%(file)s was not imported. Line %(line)s: %(reason)s", file=upload.filename,
                     line=detail["line"], reason=reason), 422
        return _("%(file)s was not imported: %(reason)s", file=upload.filename, reason=reason), 422
    except PreconditionFailed:
        return _("Someone saved this script while you were choosing the file. Reload the page and upload again."), 412
    except DomainError as exc:
        return _("%(file)s was not imported: %(reason)s", file=upload.filename, reason=exc.message), exc.status
    message = ngettext("%(file)s imported: %(num)s segment, revision %(r)s.",
                       "%(file)s imported: %(num)s segments, revision %(r)s.", len(result.segments),
                       file=upload.filename, r=result.script.revision)
    if result.created_characters:
        message += " " + _("New characters: %(names)s.", names=", ".join(result.created_characters))
    flash(message)
    return None
