"""Plan and write revisions of subtitle tracks: the one save path of single saves and season imports.

A save is two steps. `plan_revision` compares a track's stored cues with the new ones, and when
anything changed bumps the track's revision and prepares the new cue rows and the revision row
(author, summary, change counts, snapshot, cue count). The caller runs QC on `plan.saved` and sets
`plan.findings`. `write_revisions` then writes any number of plans with a handful of set-based
statements: one delete and one insert of cues, one insert of revisions. A saved track's cues are
never read back: saving is the hot path of an import.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, insert
from sqlmodel import Session, select

from localize.errors import ValidationFailed
from localize.models import Cue, SubtitleTrack, TrackRevision, User, utcnow
from localize.subtitles.qc import Finding

CUE_FIELDS = ("start_ms", "end_ms", "text", "identifier", "settings", "status")


@dataclass
class SavedCue:
    """A cue as saved: the same attributes as a Cue row, for QC and answers."""

    position: int
    start_ms: int
    end_ms: int
    text: str
    identifier: str | None = None
    settings: str | None = None
    status: str | None = None


@dataclass
class SaveResult:
    track: SubtitleTrack
    created: bool
    cues: list[SavedCue]
    findings: list[Finding]
    changed: bool = True
    dropped: list[dict] = field(default_factory=list)  # cues an import left out: {"line", "reason"}


@dataclass
class RevisionPlan:
    """One track's save: what changed, and the rows `write_revisions` writes when it did."""

    track: SubtitleTrack
    created: bool
    changed: bool
    changes: dict
    saved: list[SavedCue]
    cue_rows: list[dict]            # the new cues, without track_id (known once the track is flushed)
    revision_row: dict | None       # None when nothing changed: no revision is made
    findings: list[Finding] = field(default_factory=list)
    dropped: list[dict] = field(default_factory=list)

    def result(self) -> SaveResult:
        return SaveResult(self.track, self.created, self.saved, self.findings, changed=self.changed,
                          dropped=self.dropped)


def stored_cues(session: Session, track_ids: list[int]) -> dict[int, list[dict]]:
    """The stored cues of tracks as dicts of CUE_FIELDS, by track id, in position order (one query)."""
    if not track_ids:
        return {}
    columns = [Cue.track_id] + [getattr(Cue.__table__.c, name) for name in CUE_FIELDS]
    out: dict[int, list[dict]] = {}
    for row in session.execute(select(*columns).where(Cue.track_id.in_(track_ids))
                               .order_by(Cue.track_id, Cue.position)):
        out.setdefault(row[0], []).append(dict(zip(CUE_FIELDS, row[1:])))
    return out


def count_changes(old: list[dict], new: list[dict]) -> dict:
    """Count cues added, removed and changed between two versions of a track."""
    def key(c: dict) -> tuple:
        return c["start_ms"], c["end_ms"], c["text"], c.get("identifier"), c.get("settings"), c.get("status")
    matcher = difflib.SequenceMatcher(a=[key(c) for c in old], b=[key(c) for c in new], autojunk=False)
    added = removed = changed = 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "insert":
            added += b2 - b1
        elif op == "delete":
            removed += a2 - a1
        elif op == "replace":
            common = min(a2 - a1, b2 - b1)
            changed += common
            added += (b2 - b1) - common
            removed += (a2 - a1) - common
    return {"added": added, "removed": removed, "changed": changed}


def plan_revision(track: SubtitleTrack, *, created: bool, old_cues: list[dict], cues: list[dict],
                  header: str, blocks: list, source_format: str, author: User, summary: str,
                  restored_from: int | None = None, dropped: list[dict] | None = None) -> RevisionPlan:
    """Plan one track's save of `cues` over `old_cues`; a change bumps the track's revision in place.

    Saving exactly what is stored (same cues, header and blocks) plans no revision; a restore
    always makes one. `dropped` (cues an import left out) is kept in the revision's changes.
    """
    dropped = list(dropped or [])
    changes = count_changes(old_cues, cues)
    if restored_from is not None:
        changes["restored_from"] = restored_from
    if not created and not any(changes.values()) and (header, list(blocks)) == (track.header, track.blocks):
        saved = [SavedCue(position=n, **c) for n, c in enumerate(old_cues, 1)]
        return RevisionPlan(track, created, False, changes, saved, [], None, dropped=dropped)
    if dropped:
        changes = {**changes, "dropped": dropped}
    track.revision += 1
    track.header, track.blocks, track.source_format = header, list(blocks), source_format
    track.updated_at = utcnow()
    revision = {"number": track.revision, "author_id": author.id, "author": author.name or author.email,
                "summary": summary[:500], "changes": changes, "cue_count": len(cues),
                "snapshot": {"header": header, "blocks": list(blocks), "format": source_format, "cues": cues}}
    saved = [SavedCue(position=n, **c) for n, c in enumerate(cues, 1)]
    return RevisionPlan(track, created, True, changes, saved, cues, revision, dropped=dropped)


def store_counts(track: SubtitleTrack, findings: list[Finding]) -> None:
    """Keep a track's QC error and warning counts, so lists read them without re-checking cues."""
    errors = sum(1 for f in findings if f.severity == "error")
    track.qc_errors, track.qc_warnings = errors, len(findings) - errors


def write_revisions(session: Session, plans: list[RevisionPlan]) -> None:
    """Write planned saves: QC counts of every track, and cues and a revision for each changed one."""
    for plan in plans:
        store_counts(plan.track, plan.findings)
        session.add(plan.track)
    session.flush()  # new tracks get their ids, changed ones their revision numbers
    changed = [plan for plan in plans if plan.changed]
    if not changed:
        return
    now = utcnow()
    session.execute(delete(Cue).where(Cue.track_id.in_([plan.track.id for plan in changed])))
    cue_rows = [{"track_id": plan.track.id, "position": n, **c}
                for plan in changed for n, c in enumerate(plan.cue_rows, 1)]
    if cue_rows:
        session.execute(insert(Cue), cue_rows)
    session.execute(insert(TrackRevision), [{"track_id": plan.track.id, "created_at": now, **plan.revision_row}
                                            for plan in changed])
    session.flush()


# --- history ---------------------------------------------------------------------------------

HISTORY_PAGE = 50
HISTORY_MAX_PAGE = 500


@dataclass
class RevisionSummary:
    """A revision as history lists show it: everything but the snapshot."""

    number: int
    author: str
    summary: str
    changes: dict
    created_at: datetime
    cue_count: int


SUMMARY_COLUMNS = ("number", "author", "summary", "changes", "created_at", "cue_count")


def history(session: Session, track: SubtitleTrack, *, limit: int | None = None,
            before: int | None = None) -> list[RevisionSummary]:
    """A track's revisions newest first, numbered below `before` if given; snapshots are not read."""
    columns = [getattr(TrackRevision.__table__.c, name) for name in SUMMARY_COLUMNS]
    query = select(*columns).where(TrackRevision.track_id == track.id)
    if before is not None:
        query = query.where(TrackRevision.number < before)
    query = query.order_by(TrackRevision.number.desc())
    if limit is not None:
        query = query.limit(limit)
    return [RevisionSummary(*row) for row in session.execute(query)]


def history_page(session: Session, track: SubtitleTrack, *, limit: int = HISTORY_PAGE,
                 before: int | None = None) -> tuple[list[RevisionSummary], int | None]:
    """One page of history and the `before` of the next page (None on the last page)."""
    rows = history(session, track, limit=limit + 1, before=before)
    if len(rows) > limit:
        return rows[:limit], rows[limit - 1].number
    return rows, None


def page_arguments(limit: str | None, before: str | None) -> tuple[int, int | None]:
    """Read `?limit=` (1..500, default 50) and `?before=` (a revision number); bad ones are a 422."""
    details = []
    page = HISTORY_PAGE
    if limit is not None:
        page = _integer(limit)
        if page is None or not 1 <= page <= HISTORY_MAX_PAGE:
            details.append({"field": "limit", "message": f"must be an integer from 1 to {HISTORY_MAX_PAGE}"})
    number = None
    if before is not None:
        number = _integer(before)
        if number is None or number < 1:
            details.append({"field": "before", "message": "must be a revision number (an integer of at least 1)"})
    if details:
        raise ValidationFailed("; ".join(f"{d['field']} {d['message']}" for d in details), details)
    return page, number


def _integer(text: str) -> int | None:
    return int(text) if re.fullmatch(r"-?[0-9]{1,12}", text.strip()) else None
