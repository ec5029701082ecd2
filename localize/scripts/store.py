"""Scripts in the database: reading, the one save path (JSON, files, translate, restore, rename), checks.

Every change of a script's segments is a revision that snapshots the whole script. Writers name
the revision they started from; a stale one is refused (PreconditionFailed), never silently
overwritten. Segment ids are stable: a saved segment that names its id is updated in place, so
the adaptations pointing at an original segment keep pointing at it. When an original line's
text changes, every adaptation of it becomes `outdated` and keeps the text it was written
against; an original line a new draft drops is kept `removed` while anything adapts it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, case, func
from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.errors import Forbidden, NotFound, PreconditionFailed, ValidationFailed
from localize.glossary import store as glossary_store
from localize.models import (Character, Episode, MarketVersion, Script, ScriptRevision, ScriptSegment,
                             Series, User, utcnow)
from localize.permissions import Ability, can, can_write_language
from localize.scripts import checks
from localize.scripts import remember as remembering
from localize.scripts.speakers import Speakers, cue_name, speakers

FIELDS = ("kind", "text", "character_id", "speaker", "extension", "parenthetical", "dual", "source_id",
          "status", "note", "outdated", "written_against")
DIALOGUE_ONLY = {"character_id": None, "speaker": None, "extension": None, "parenthetical": None, "dual": False}
REVIEWED = ("reviewed", "approved")
PENDING = ("machine", "fuzzy")  # filled by pre-translation, waiting for a person


@dataclass
class SaveResult:
    script: Script
    created: bool
    segments: list[ScriptSegment]
    findings: list[checks.Finding]
    created_characters: list[str] = field(default_factory=list)
    changed: bool = True


# --- reading ---------------------------------------------------------------------------------

def find_script(session: Session, version: MarketVersion, episode: Episode, *, lock: bool = False) -> Script | None:
    query = select(Script).where(Script.version_id == version.id, Script.episode_id == episode.id)
    # On PostgreSQL the row lock serializes two saves of one script; SQLite holds the write lock already.
    return session.exec(query.with_for_update() if lock else query).first()


def get_script(session: Session, version: MarketVersion, episode: Episode) -> Script:
    script = find_script(session, version, episode)
    if script is None:
        raise NotFound(f"episode {episode.number} of {version.locale} has no script")
    return script


def listed_segments(session: Session, script: Script) -> list[ScriptSegment]:
    """The script's segments in order (an original's removed segments are not listed)."""
    return list(session.exec(select(ScriptSegment).where(ScriptSegment.script_id == script.id,
                                                         ScriptSegment.removed == False)  # noqa: E712
                             .order_by(ScriptSegment.position, ScriptSegment.id)))


def segments_by_id(session: Session, ids) -> dict[int, ScriptSegment]:
    ids = sorted({i for i in ids if i is not None})
    if not ids:
        return {}
    return {s.id: s for s in session.exec(select(ScriptSegment).where(ScriptSegment.id.in_(ids)))}


def etag(script: Script) -> str:
    return f'"s{script.id}-r{script.revision}"'


def revision_from_etag(value: str | None) -> int | None:
    """The revision an If-Match header names; None when absent or '*'. Malformed is a 412."""
    if not value or value.strip() == "*":
        return None
    tag = value.strip().removeprefix("W/").strip('"')
    try:
        return int(tag.rsplit("-r", 1)[1])
    except (IndexError, ValueError):
        raise PreconditionFailed(f"If-Match {value!r} is not an ETag of this script") from None


def segment_dict(segment: ScriptSegment, position: int, who: Speakers, sources: dict[int, ScriptSegment]) -> dict:
    """A segment in the API's shape."""
    character = None
    if segment.character_id is not None:
        character = {"id": segment.character_id, "name": who.name(segment.character_id)}
    elif segment.speaker:
        character = {"id": None, "name": segment.speaker}
    source = None
    if segment.source_id is not None and segment.source_id in sources:
        src = sources[segment.source_id]
        source = {"id": src.id, "text": src.text, "written_against": segment.written_against,
                  "removed": src.removed}
    return {"id": segment.id, "position": position, "kind": segment.kind, "character": character,
            "extension": segment.extension, "parenthetical": segment.parenthetical, "dual": segment.dual,
            "text": segment.text, "source": source, "status": segment.status, "outdated": segment.outdated,
            "note": segment.note}


def script_body(session: Session, series: Series, version: MarketVersion, script: Script) -> dict:
    segments = listed_segments(session, script)
    who = speakers(session, series, version)
    sources = segments_by_id(session, [s.source_id for s in segments])
    return {"revision": script.revision, "etag": etag(script),
            "segments": [segment_dict(s, n, who, sources) for n, s in enumerate(segments, 1)]}


def source_scripts(session: Session, series: Series, version: MarketVersion, episode: Episode,
                   source_version: MarketVersion | None = None) -> list[tuple[Episode, Script | None]]:
    """The scripts a version's episode adapts: the original's (or `source_version`'s) episode(s)
    its episode mapping names (a remake's merged episodes), in order."""
    source_version = source_version or catalog.original_version(session, series)
    numbers = [episode.number]
    if version.kind == "remake":
        numbers = catalog.version_mapping(series, version).get(episode.number) or [episode.number]
    episodes = {e.number: e for e in session.exec(select(Episode).where(Episode.series_id == series.id,
                                                                         Episode.number.in_(numbers)))}
    return [(episodes[n], find_script(session, source_version, episodes[n])) for n in numbers if n in episodes]


# --- checks ----------------------------------------------------------------------------------

def check_context(session: Session, series: Series, version: MarketVersion) -> checks.Context:
    renamed = {}
    if version.kind != "original":
        renamed = catalog.previous_names(session, version)
        if version.kind == "remake":
            renamed.update(catalog.renamed_characters(session, series, version))
    glossary = glossary_store.glossary_for(session, series, version.locale) if version.kind != "original" else None
    return checks.Context(version.kind, renamed, effective_settings(series, version).script_length_ratio,
                          glossary=glossary)


def run_checks(session: Session, series: Series, version: MarketVersion, segments: list[ScriptSegment],
               context: checks.Context | None = None) -> list[checks.Finding]:
    sources = segments_by_id(session, [s.source_id for s in segments])
    lines = []
    for n, s in enumerate(segments, 1):
        src = sources.get(s.source_id)
        lines.append(checks.Line(n, s.kind, s.text, s.status, s.outdated, s.character_id, s.speaker,
                                 src.text if src else None, src.kind if src else None,
                                 s.written_against, bool(src and src.removed)))
    return checks.check_script(lines, context or check_context(session, series, version))


# --- saving ----------------------------------------------------------------------------------

def draft(**values) -> dict:
    """A segment to save: FIELDS, plus `id` for an existing segment (None for a new one).

    Leave `status`, `note` (and `outdated`, `written_against`) out to keep the stored values.
    """
    return values


def save(session: Session, *, series: Series, version: MarketVersion, episode: Episode, drafts: list[dict],
         author: User, expected_revision: int | None, summary: str, source_format: str | None = None,
         title_page: dict | None = None, enforce_roles: bool = True, restored_from: int | None = None,
         remember: bool = True) -> SaveResult:
    """Save a whole script's segments, in order, as a new revision (when anything changed).

    `remember=False` (pre-translation) keeps the save's lines out of translation memory: they came from it.
    """
    original = version.kind == "original"
    if enforce_roles:
        _may_write(author, version)
    script = find_script(session, version, episode, lock=True)
    created = script is None
    if created:
        if expected_revision not in (None, 0):
            raise PreconditionFailed(f"the script does not exist yet (revision 0), not revision {expected_revision}")
        script = Script(version_id=version.id, episode_id=episode.id, title_page={},
                        source_format=source_format or "json")
        session.add(script)
        session.flush()
    elif expected_revision is not None and expected_revision != script.revision:
        raise PreconditionFailed(
            f"the script is at revision {script.revision}, not {expected_revision}: someone saved meanwhile",
            [{"field": "If-Match", "current_revision": script.revision, "your_revision": expected_revision}])
    stored = {s.id: s for s in session.exec(select(ScriptSegment).where(ScriptSegment.script_id == script.id))}
    listed = sorted((s for s in stored.values() if not s.removed), key=lambda s: (s.position, s.id))
    who = speakers(session, series, version)
    created_characters: list[str] = []
    rows = _validated(session, series, version, episode, drafts, stored, who, created_characters,
                      revive=restored_from is not None)
    dropped = [s for s in listed if s.id not in {r["id"] for r in rows}]
    if enforce_roles and not original and not can(author, Ability.REVIEW):
        _translator_limits(rows, stored, dropped)

    changes = _count_changes(rows, stored, dropped)
    if restored_from is not None:
        changes["restored_from"] = restored_from
    new_page = dict(title_page) if title_page is not None else dict(script.title_page or {})
    if not created and restored_from is None and not any(changes.values()) and new_page == script.title_page:
        return SaveResult(script, False, listed, run_checks(session, series, version, listed),
                          created_characters, changed=False)

    edited = [r["id"] for r in rows if r["id"] in stored and stored[r["id"]].text != r["text"]]
    before = {s.id: (s.text, s.status) for s in stored.values()}
    segments = _write(session, script, rows, stored, dropped, original)
    if remember:
        remembering.announce(session, series=series, version=version, episode_number=episode.number,
                             segments=segments, before=before, author=author)
    if original:
        _mark_adaptations(session, edited, [s.id for s in dropped], {s.id: s.text for s in stored.values()})
    script.revision += 1
    script.title_page = new_page
    script.source_format = source_format or script.source_format
    script.updated_at = utcnow()
    session.add(script)
    snapshot = {"title_page": new_page, "format": script.source_format,
                "segments": [{"id": s.id, **{f: getattr(s, f) for f in FIELDS}} for s in segments]}
    session.add(ScriptRevision(script_id=script.id, number=script.revision, author_id=author.id,
                               author=author.name or author.email, summary=summary[:500], changes=changes,
                               snapshot=snapshot, segment_count=len(segments)))
    session.flush()
    return SaveResult(script, created, segments, run_checks(session, series, version, segments), created_characters)


def _may_write(author: User, version: MarketVersion) -> None:
    if version.kind == "original":
        if not can(author, Ability.EDIT_CATALOG):
            raise Forbidden(f"{author.email} may not write the original's scripts (leads and admins do)")
    elif not can_write_language(author, version.locale):
        raise Forbidden(f"{author.email} does not write {version.locale}; their languages are "
                        f"{author.languages or 'none'}")


def _problem(n: int, field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"segment {n} {field_name}: {message}",
                            [{"field": field_name, "segment": n, "message": message}])


def _validated(session, series, version, episode, drafts, stored, who: Speakers, created_characters, *,
               revive: bool) -> list[dict]:
    """Drafts as complete rows: ids, speakers, sources, statuses and outdated flags checked and filled."""
    original = version.kind == "original"
    allowed_sources: dict[int, ScriptSegment] = {}
    if not original:
        for _, source_script in source_scripts(session, series, version, episode):
            if source_script is not None:
                allowed_sources.update({s.id: s for s in session.exec(
                    select(ScriptSegment).where(ScriptSegment.script_id == source_script.id))})
    rows, seen = [], set()
    for n, d in enumerate(drafts, 1):
        row = {f: d.get(f) for f in FIELDS}
        sid = d.get("id")
        old = stored.get(sid) if sid is not None else None
        if sid is not None:
            if old is None or (old.removed and not revive):
                if not revive:
                    raise _problem(n, "id", f"segment {sid} is not in this script; leave id out for a new segment")
                sid = None  # a restored segment deleted since: it comes back as a new one
            elif sid in seen:
                raise _problem(n, "id", f"segment {sid} is sent twice")
        seen.add(sid)
        row["id"] = sid
        row["text"] = (row["text"] or "").replace("\r\n", "\n").strip("\n")
        row["note"] = row["note"] if row["note"] is not None else (old.note if old else "")
        if row["kind"] == "dialogue":
            _speaker(n, row, series, session, who, original, created_characters)
            row["dual"] = bool(row["dual"])
        else:
            row.update(DIALOGUE_ONLY)
        if original:
            row.update(status="approved", source_id=None, outdated=False, written_against=None)
        else:
            _adaptation(n, row, d, old, allowed_sources)
        rows.append(row)
    return rows


def _speaker(n, row, series, session, who: Speakers, original: bool, created_characters: list[str]) -> None:
    cid, written = row["character_id"], (row["speaker"] or "").strip() or None
    if cid is not None:
        if cid not in who.characters:
            raise _problem(n, "character.id", f"series {series.slug!r} has no character {cid}")
        row["speaker"] = None
        return
    cid = who.match(written)
    if cid is None and written and original:  # the original names the series' people
        character = Character(series_id=series.id, name=cue_name(written)[:200])
        session.add(character)
        session.flush()
        who.add(character)
        created_characters.append(character.name)
        cid = character.id
    if cid is None and original:
        raise _problem(n, "character", "a dialogue segment needs its speaking character")
    row["character_id"], row["speaker"] = cid, (None if cid is not None else written)


def _adaptation(n, row, d, old: ScriptSegment | None, allowed_sources: dict[int, ScriptSegment]) -> None:
    if row["source_id"] is not None and row["source_id"] not in allowed_sources:
        raise _problem(n, "source.id", f"segment {row['source_id']} is not a line of the episode(s) this one adapts")
    row["status"] = row["status"] or (old.status if old else "new")
    if (old is not None and old.status in PENDING and row["status"] == old.status and row["text"] != old.text
            and row["text"].strip() and d.get("written_against") is None):
        row["status"] = "translated"  # a person's edit of machine or fuzzy text is their translation
    if row["status"] == "cut":
        if row["source_id"] is None:
            raise _problem(n, "status", "only a line adapting an original line can be cut")
        if not row["note"].strip():
            raise _problem(n, "note", "a cut line needs its reason in the note")
    src = allowed_sources.get(row["source_id"])
    if src is None:
        row.update(outdated=False, written_against=None)
    elif "written_against" in d and d["written_against"] is not None:  # a restore: as it was written
        row["outdated"] = d["written_against"] != src.text or src.removed
    elif (old is None or old.source_id != row["source_id"] or old.text != row["text"]
          or d.get("outdated") is False):  # written (or confirmed) against the source as it is now
        row.update(outdated=False, written_against=src.text)
    else:
        row.update(outdated=old.outdated, written_against=old.written_against)


def _differs(row: dict, old: ScriptSegment) -> bool:
    return any(row[f] != getattr(old, f) for f in FIELDS)


def _translator_limits(rows: list[dict], stored: dict[int, ScriptSegment], dropped: list[ScriptSegment]) -> None:
    """Translators write text and mark lines translated; reviewed, approved and approved lines are a lead's."""
    for n, row in enumerate(rows, 1):
        old = stored.get(row["id"])
        if row["status"] in REVIEWED and (old is None or old.status != row["status"]):
            raise Forbidden(f"segment {n}: only leads mark a line {row['status']}",
                            [{"field": "status", "segment": n}])
        if old is not None and old.status == "approved" and _differs(row, old):
            raise Forbidden(f"segment {n} is approved: only a lead changes it",
                            [{"field": "segment", "segment": n, "id": old.id}])
    for old in dropped:
        if old.status == "approved":
            raise Forbidden(f"segment {old.position} is approved: only a lead removes it",
                            [{"field": "segment", "segment": old.position, "id": old.id}])


def _count_changes(rows, stored, dropped) -> dict:
    added = sum(1 for r in rows if r["id"] is None)
    changed = sum(1 for r in rows if r["id"] is not None and (_differs(r, stored[r["id"]]) or stored[r["id"]].removed))
    moved = [r["id"] for r in rows if r["id"] is not None]
    before = [s.id for s in sorted((s for s in stored.values() if not s.removed and s.id in set(moved)),
                                   key=lambda s: (s.position, s.id))]
    if moved != before and not changed:  # a reorder alone is a change too
        changed = sum(1 for a, b in zip(moved, before) if a != b)
    return {"added": added, "removed": len(dropped), "changed": changed}


def _write(session, script, rows, stored, dropped, original) -> list[ScriptSegment]:
    segments = []
    for n, row in enumerate(rows, 1):
        values = {f: row[f] for f in FIELDS}
        if row["id"] is None:
            segment = ScriptSegment(script_id=script.id, position=n, removed=False, **values)
        else:
            segment = stored[row["id"]]
            for key, value in values.items():
                setattr(segment, key, value)
            segment.position, segment.removed = n, False
        session.add(segment)
        segments.append(segment)
    if dropped:
        adapted = set()
        if original:
            adapted = set(session.exec(select(ScriptSegment.source_id).where(
                ScriptSegment.source_id.in_([s.id for s in dropped]))))
        for segment in dropped:
            if segment.id in adapted:  # its adaptations still show it, marked removed
                segment.removed = True
                session.add(segment)
            else:
                session.delete(segment)
    session.flush()
    return segments


def _mark_adaptations(session: Session, edited: list[int], removed: list[int], old_texts: dict[int, str]) -> None:
    """Adaptations of changed or removed original lines become outdated, keeping what they were written against."""
    ids = edited + removed
    if not ids:
        return
    for segment in session.exec(select(ScriptSegment).where(ScriptSegment.source_id.in_(ids))):
        if segment.written_against is None:
            segment.written_against = old_texts.get(segment.source_id)
        segment.outdated = True
        session.add(segment)
    session.flush()


# --- the version's state -------------------------------------------------------------------

# Built once: every version answer of the API runs it.
_STATE = (select(Script.version_id, Episode.number, ScriptSegment.status, func.count(ScriptSegment.id),
                 func.sum(case((ScriptSegment.outdated == True, 1), else_=0)))  # noqa: E712
          .join(Episode, Episode.id == Script.episode_id)
          .outerjoin(ScriptSegment, (ScriptSegment.script_id == Script.id) & (ScriptSegment.removed == False))  # noqa: E712
          .where(Script.version_id.in_(bindparam("versions", expanding=True)))
          .group_by(Script.version_id, Episode.number, ScriptSegment.status))


def scripts_state(session: Session, version_ids: list[int]) -> dict[int, list[dict]]:
    """Per version: [{"episode", "segments": {status: count}, "outdated": count}] by episode (one query)."""
    out: dict[int, dict[int, dict]] = {vid: {} for vid in version_ids}
    if not version_ids:
        return {}
    rows = session.exec(_STATE, params={"versions": version_ids})
    for vid, number, status, count, outdated in rows:
        entry = out[vid].setdefault(number, {"episode": number, "segments": {}, "outdated": 0})
        if status is not None:
            entry["segments"][status] = count
            entry["outdated"] += int(outdated or 0)
    return {vid: [episodes[n] for n in sorted(episodes)] for vid, episodes in out.items()}
