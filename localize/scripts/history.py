"""A script's revisions: paged history, one revision with its diff, and restore as a new revision."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from localize.errors import NotFound
from localize.models import Episode, MarketVersion, Script, ScriptRevision, Series, User
from localize.scripts import store

COMPARED = ("kind", "text", "character_id", "speaker", "extension", "parenthetical", "dual", "source_id",
            "status", "note")


@dataclass
class RevisionSummary:
    number: int
    author: str
    summary: str
    changes: dict
    created_at: datetime
    segment_count: int


def history_page(session: Session, script: Script, *, limit: int, before: int | None = None
                 ) -> tuple[list[RevisionSummary], int | None]:
    """Newest first, numbered below `before` if given; the `before` of the next page (None on the last)."""
    columns = [ScriptRevision.number, ScriptRevision.author, ScriptRevision.summary, ScriptRevision.changes,
               ScriptRevision.created_at, ScriptRevision.segment_count]
    query = select(*columns).where(ScriptRevision.script_id == script.id)
    if before is not None:
        query = query.where(ScriptRevision.number < before)
    rows = [RevisionSummary(*row) for row in session.exec(query.order_by(ScriptRevision.number.desc()).limit(limit + 1))]
    if len(rows) > limit:
        return rows[:limit], rows[limit - 1].number
    return rows, None


def get_revision(session: Session, script: Script, number: int) -> ScriptRevision:
    revision = session.exec(select(ScriptRevision).where(ScriptRevision.script_id == script.id,
                                                         ScriptRevision.number == number)).first()
    if revision is None:
        raise NotFound(f"the script has no revision {number}")
    return revision


def diff_revisions(old: ScriptRevision | None, new: ScriptRevision) -> list[dict]:
    """Segment differences between two revisions, by segment id: each {op, position, old, new}."""
    before = {s["id"]: (n, s) for n, s in enumerate(old.snapshot["segments"] if old else [], 1)}
    after = {s["id"]: (n, s) for n, s in enumerate(new.snapshot["segments"], 1)}
    out = []
    for sid, (n, segment) in after.items():
        if sid not in before:
            out.append({"op": "added", "position": n, "old": None, "new": segment})
        elif any(before[sid][1].get(f) != segment.get(f) for f in COMPARED):
            out.append({"op": "changed", "position": n, "old": before[sid][1], "new": segment})
    for sid, (n, segment) in before.items():
        if sid not in after:
            out.append({"op": "removed", "position": n, "old": segment, "new": None})
    return sorted(out, key=lambda d: (d["position"], d["op"] != "removed"))


def restore_revision(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
                     script: Script, number: int, author: User, expected_revision: int | None = None,
                     enforce_roles: bool = True) -> store.SaveResult:
    """Make an old revision current again, as a new revision (history is never rewritten)."""
    snapshot = get_revision(session, script, number).snapshot
    drafts = [dict(segment) for segment in snapshot["segments"]]
    return store.save(session, series=series, version=version, episode=episode, drafts=drafts, author=author,
                      expected_revision=expected_revision, summary=f"restored revision {number}",
                      source_format=snapshot.get("format"), title_page=snapshot.get("title_page") or {},
                      enforce_roles=enforce_roles, restored_from=number)
