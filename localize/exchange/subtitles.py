"""A subtitle track as XLIFF, and an XLIFF file back into the track through the track store.

Cues have no lasting ids (a save rewrites them), so a unit is named by its cue's timing:
`c<start ms>-<end ms>` (`~2`, `~3` for a repeated timing), the same in every export while the
cue keeps its times. The source is the source track's cue of the same timing (by position when
the timings differ, as in a track retimed after translation). An import saves through
`tracks.save_cues`, the editor's save path, as one new revision.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.exchange import documents, merge, states, xliff
from localize.models import CUE_STATUSES, Episode, MarketVersion, Series, SubtitleTrack, TrackRevision, User
from localize.permissions import Ability, can
from localize.subtitles import editor, revisions, tracks
from localize.subtitles.formats import format_timestamp

ROW_KEYS = ("start_ms", "end_ms", "text", "identifier", "settings", "status")


def unit_ids(cues: list) -> list[str]:
    """Each cue's unit id, from its timing; cues are dicts or rows."""
    seen: dict[str, int] = {}
    out = []
    for cue in cues:
        get = cue.get if isinstance(cue, dict) else lambda key, c=cue: getattr(c, key)
        key = f"c{get('start_ms')}-{get('end_ms')}"
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}~{seen[key]}")
    return out


def clean(text: str | None) -> str:
    """A cue's text as the store saves it: no blank lines, lines right-stripped."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines if line.strip())


def _source_texts(session: Session, series, version, episode, track: SubtitleTrack, cues: list[dict]) -> tuple[
        str, list[str]]:
    """The source language and, per cue, the source cue's text."""
    source = editor.source_track(session, editor.Target(series, version, episode, track.language, track))
    if source is None:  # an original track is its own source
        return track.language, [c["text"] for c in cues]
    theirs = revisions.stored_cues(session, [source.id]).get(source.id, [])
    by_timing = dict(zip(unit_ids(theirs), theirs))
    out = []
    for n, key in enumerate(unit_ids(cues)):
        match = by_timing.get(key) or (theirs[n] if len(theirs) == len(cues) else None)
        out.append(match["text"] if match else "")
    return source.language, out


def export_track(session: Session, series: Series, version: MarketVersion, episode: Episode,
                 language: str) -> tuple[bytes, str]:
    """The episode's track in `language` as an XLIFF document, and its file name."""
    track = tracks.get_track(session, version, episode, language)
    cues = revisions.stored_cues(session, [track.id]).get(track.id, [])
    source_language, sources = _source_texts(session, series, version, episode, track, cues)
    preset = tracks.resolve_preset(series, version, track, track.language)[0]
    glossary = documents.glossary_notes(session, series, track.language, sources)
    units = []
    for n, (key, cue, source, terms) in enumerate(zip(unit_ids(cues), cues, sources, glossary), 1):
        timing = f"{format_timestamp(cue['start_ms'])} --> {format_timestamp(cue['end_ms'])}"
        notes = [("timecode", timing)] + ([("identifier", cue["identifier"])] if cue.get("identifier") else [])
        units.append(xliff.Unit(id=key, resname=f"ep{episode.number:03d}/cue{n}", source=source, target=cue["text"],
                                state=states.to_state(cue.get("status"), cue["text"]), notes=notes + terms,
                                maxwidth=preset.max_chars_per_line * preset.max_lines, preserve=True))
    document = xliff.XliffFile(documents.track_original(series, version, episode.number, track.language),
                               source_language, track.language, track.revision, units)
    return xliff.write([document]), f"ep{episode.number:03d}.subtitles.{track.language}.xlf"


def import_track(session: Session, *, series: Series, version: MarketVersion, episode: Episode, language: str,
                 data: bytes | str, author: User, summary: str = "", enforce_roles: bool = True
                 ) -> documents.ImportResult:
    """Apply an XLIFF file's changed targets to the track as one new revision (or none).

    Without `enforce_roles` (the command line's own actor) roles are not checked and sign-offs stand.
    """
    track = tracks.get_track(session, version, episode, language)
    if enforce_roles:
        documents.may_import(author, version, track.language)
    found = documents.one_file(data, documents.track_original(series, version, episode.number, track.language),
                               track.language)
    # On PostgreSQL the row lock makes a second import of the track wait and then see this one's revision.
    track = session.exec(select(SubtitleTrack).where(SubtitleTrack.id == track.id).with_for_update()
                         .execution_options(populate_existing=True)).one()
    base = session.exec(select(TrackRevision).where(TrackRevision.track_id == track.id,
                                                    TrackRevision.number == found.revision)).first()
    if base is None:
        raise documents.base_missing("track", found.revision, found.line)
    cues = revisions.stored_cues(session, [track.id]).get(track.id, [])
    decision = merge.decide(found.units, _ours(session, series, version, episode, track, base, cues, author),
                            clean=clean, statuses=CUE_STATUSES,
                            may_review=not enforce_roles or can(author, Ability.REVIEW))
    documents.raise_refusals(decision)
    if not decision.applied:
        saved = [revisions.SavedCue(position=n, **c) for n, c in enumerate(cues, 1)]
        findings = tracks.run_qc(session, series, version, episode, track, saved)
        return documents.ImportResult(0, decision.unchanged, track.revision, [tracks.finding_dict(f) for f in findings])
    rows = []
    for key, cue in zip(unit_ids(cues), cues):
        row = {k: cue[k] for k in ROW_KEYS}
        if key in decision.applied:
            row["text"], row["status"] = decision.applied[key]
        rows.append(row)
    n = len(decision.applied)
    result = tracks.save_cues(session, series=series, version=version, episode=episode, language=track.language,
                              cues=rows, author=author, expected_revision=track.revision,
                              summary=summary or f"imported XLIFF: {n} cue{'s' if n != 1 else ''} changed")
    return documents.ImportResult(n, decision.unchanged, result.track.revision,
                                  [tracks.finding_dict(f) for f in result.findings])


def _ours(session, series, version, episode, track, base: TrackRevision, cues: list[dict], author
          ) -> dict[str, merge.Ours]:
    """Every unit of the exported revision, as it was then and as it is now."""
    exported = dict(zip(unit_ids(base.snapshot.get("cues", [])), base.snapshot.get("cues", [])))
    now = dict(zip(unit_ids(cues), cues))
    _, sources = _source_texts(session, series, version, episode, track, cues)
    source_of = dict(zip(unit_ids(cues), sources))
    later = []
    for revision in session.exec(select(TrackRevision).where(TrackRevision.track_id == track.id,
                                                             TrackRevision.number > base.number)
                                 .order_by(TrackRevision.number)):
        snapshot = revision.snapshot.get("cues", [])
        later.append((revision.author_id, {k: c["text"] for k, c in zip(unit_ids(snapshot), snapshot)}))
    others = merge.touched_by_others({k: c["text"] for k, c in exported.items()}, later, author.id)
    ours = {}
    for key, was in exported.items():
        cue = now.get(key)
        if cue is None:
            ours[key] = merge.Ours("", "", None, was["text"], was.get("status"), removed=True)
        else:
            ours[key] = merge.Ours(source_of[key], cue["text"], cue.get("status"), was["text"], was.get("status"),
                                   changed_by_others=key in others)
    return ours
