"""A script as XLIFF, and an XLIFF file back into the script through the script store.

One unit per listed segment, id `s<segment id>` (segment ids are stable across saves). The
source is the original line the segment adapts (the original's own script is its own source).
An import saves through `store.save`, the editor's one save path, as one new revision.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.exchange import documents, merge, states, xliff
from localize.models import SEGMENT_STATUSES, Episode, MarketVersion, ScriptRevision, ScriptSegment, Series, User
from localize.permissions import Ability, can
from localize.scripts import store

KEPT = ("kind", "text", "character_id", "speaker", "extension", "parenthetical", "dual", "source_id", "status", "note")


def unit_id(segment_id: int) -> str:
    return f"s{segment_id}"


def _speaker_note(segment: ScriptSegment, name: str | None) -> str | None:
    if segment.kind != "dialogue" or not name:
        return None
    extension = f" ({segment.extension})" if segment.extension else ""
    parenthetical = f" ({segment.parenthetical.strip('()')})" if segment.parenthetical else ""
    return f"{name}{extension}{parenthetical}"


def export_script(session: Session, series: Series, version: MarketVersion, episode: Episode) -> tuple[bytes, str]:
    """The episode's script in the version as an XLIFF document, and its file name."""
    script = store.get_script(session, version, episode)
    segments = store.listed_segments(session, script)
    sources = store.segments_by_id(session, [s.source_id for s in segments])
    who = store.speakers(session, series, version)
    original = version.kind == "original"
    texts = [s.text if original else (sources[s.source_id].text if s.source_id in sources else "")
             for s in segments]
    glossary = documents.glossary_notes(session, series, version.locale, texts)
    units = []
    for segment, source, terms in zip(segments, texts, glossary):
        notes = [("kind", segment.kind)]
        speaker = _speaker_note(segment, who.name(segment.character_id) or segment.speaker)
        if speaker:
            notes.append(("speaker", speaker))
        if segment.note:
            notes.append(("adaptation", segment.note))
        if segment.outdated:
            notes.append(("outdated", f"the source changed since this line was written; it was written against: "
                                      f"{segment.written_against or ''}"))
        if not original and segment.source_id is None:
            notes.append(("source", "a line this version added: it adapts no original line"))
        units.append(xliff.Unit(
            id=unit_id(segment.id), resname=f"ep{episode.number:03d}/{unit_id(segment.id)}", source=source,
            target=segment.text, state=states.to_state(segment.status), notes=notes + terms,
            preserve="\n" in source or "\n" in segment.text, translate=segment.status != "cut"))
    document = xliff.XliffFile(documents.script_original(series, version, episode.number),
                               series.original_locale, version.locale, script.revision, units)
    return xliff.write([document]), f"ep{episode.number:03d}.script.{version.locale}.xlf"


def _clean(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip("\n")


def import_script(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
                  data: bytes | str, author: User, summary: str = "", enforce_roles: bool = True
                  ) -> documents.ImportResult:
    """Apply an XLIFF file's changed targets to the script as one new revision (or none).

    Without `enforce_roles` (the command line's own actor) roles are not checked and sign-offs stand.
    """
    if enforce_roles:
        documents.may_import(author, version, version.locale, script=True)
    found = documents.one_file(data, documents.script_original(series, version, episode.number), version.locale)
    script = store.find_script(session, version, episode, lock=True)
    if script is None:
        raise documents.base_missing("script", found.revision, found.line)
    base = session.exec(select(ScriptRevision).where(ScriptRevision.script_id == script.id,
                                                     ScriptRevision.number == found.revision)).first()
    if base is None:
        raise documents.base_missing("script", found.revision, found.line)
    listed = store.listed_segments(session, script)
    decision = merge.decide(found.units, _ours(session, series, version, script, base, listed, author), clean=_clean,
                            statuses=SEGMENT_STATUSES,
                            may_review=not enforce_roles or can(author, Ability.REVIEW))
    documents.raise_refusals(decision)
    if not decision.applied:
        return documents.ImportResult(0, decision.unchanged, script.revision,
                                      [f.as_dict() for f in store.run_checks(session, series, version, listed)])
    drafts = []
    for segment in listed:
        row = {"id": segment.id, **{f: getattr(segment, f) for f in KEPT}}
        if unit_id(segment.id) in decision.applied:
            row["text"], row["status"] = decision.applied[unit_id(segment.id)]
        drafts.append(store.draft(**row))
    n = len(decision.applied)
    result = store.save(session, series=series, version=version, episode=episode, drafts=drafts, author=author,
                        expected_revision=script.revision, enforce_roles=enforce_roles,
                        summary=summary or f"imported XLIFF: {n} segment{'s' if n != 1 else ''} changed")
    return documents.ImportResult(n, decision.unchanged, result.script.revision,
                                  [f.as_dict() for f in result.findings])


def _ours(session, series, version, script, base: ScriptRevision, listed, author) -> dict[str, merge.Ours]:
    """Every unit of the exported revision, as it was then and as it is now."""
    now = {s.id: s for s in listed}
    sources = store.segments_by_id(session, [s.source_id for s in listed])
    original = version.kind == "original"
    later = [(r.author_id, {unit_id(s["id"]): s["text"] for s in r.snapshot.get("segments", [])})
             for r in session.exec(select(ScriptRevision).where(ScriptRevision.script_id == script.id,
                                                                ScriptRevision.number > base.number)
                                   .order_by(ScriptRevision.number))]
    exported = {unit_id(s["id"]): s for s in base.snapshot.get("segments", [])}
    others = merge.touched_by_others({k: s["text"] for k, s in exported.items()}, later, author.id)
    ours = {}
    for key, was in exported.items():
        segment = now.get(was["id"])
        if segment is None:
            ours[key] = merge.Ours("", "", None, was["text"], was.get("status"), removed=True)
            continue
        source = segment.text if original else (sources[segment.source_id].text if segment.source_id in sources
                                                else "")
        ours[key] = merge.Ours(source, segment.text, segment.status, was["text"], was.get("status"),
                               changed_by_others=key in others, locked=segment.status == "cut")
    return ours

