"""Whole seasons of subtitle files imported at once, each file all or nothing."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert
from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.locales import normalize_locale
from localize.models import Cue, Episode, MarketVersion, Series, SubtitleTrack, TrackRevision, utcnow
from localize.subtitles import formats
from localize.subtitles.qc import check_track
from localize.subtitles.tracks import (SaveResult, SavedCue, _changes, _store_counts, _stored_cues_of,
                                       cue_rows, preset_for)

@dataclass
class BatchOutcome:
    imported: list[tuple[str, int, SaveResult]]   # (file name, episode number, result)
    refused: list[tuple[str, str]]                # (file name, reason with its line)


def import_many(session: Session, *, series: Series, version: MarketVersion, language: str,
                files: list[tuple[str, int, bytes]], author, progress=None) -> BatchOutcome:
    """Import many files (name, episode number, bytes) of one version and language.

    Each file is all or nothing: a file that does not parse is refused before anything is
    written and the others go ahead. The good ones are stored with a handful of set-based
    statements instead of a round of queries per file, which is what makes a season fast.
    """
    language = normalize_locale(language, "language")
    episodes = {e.number: e for e in catalog.list_episodes(session, series)}
    refused: list[tuple[str, str]] = []
    good: dict[int, tuple[str, Episode, formats.ParsedTrack]] = {}
    for name, number, data in files:
        if progress:
            progress(1)
        if number not in episodes:
            refused.append((name, f"series {series.slug!r} has no episode {number}"))
            continue
        if number in good:
            refused.append((name, f"episode {number} is also {good[number][0]}; send one file per episode"))
            continue
        try:
            good[number] = (name, episodes[number], formats.parse(data))
        except formats.SubtitleFormatError as exc:
            refused.append((name, str(exc)))
    if not good:
        return BatchOutcome([], refused)

    episode_ids = [episode.id for _, episode, _ in good.values()]
    tracks = {t.episode_id: t for t in session.exec(
        select(SubtitleTrack).where(SubtitleTrack.version_id == version.id, SubtitleTrack.language == language,
                                    SubtitleTrack.episode_id.in_(episode_ids)).with_for_update())}
    for name, episode, parsed in good.values():
        if episode.id not in tracks:
            track = SubtitleTrack(version_id=version.id, episode_id=episode.id, language=language, blocks=[])
            tracks[episode.id] = track
            session.add(track)
    session.flush()
    created_ids = {t.id for t in tracks.values() if t.revision == 0}
    old_cues = _stored_cues_of(session, [t.id for t in tracks.values() if t.id not in created_ids])

    renamed = catalog.renamed_characters(session, series, version) if version.kind == "remake" else None
    new_cues, revision_rows, imported, changed_ids = [], [], [], []
    for name, episode, parsed in good.values():
        track = tracks[episode.id]
        cues = cue_rows(parsed)
        changes = _changes(old_cues.get(track.id, []), cues)
        created = track.id in created_ids
        unchanged = (not created and not any(changes.values())
                     and (parsed.header, parsed.blocks) == (track.header, track.blocks))
        if not unchanged:
            track.revision += 1
            track.header, track.blocks, track.source_format = parsed.header, list(parsed.blocks), parsed.format
            track.updated_at = utcnow()
            changed_ids.append(track.id)
            new_cues += [{"track_id": track.id, "position": n, **c} for n, c in enumerate(cues, 1)]
            revision_rows.append({
                "track_id": track.id, "number": track.revision, "author_id": author.id,
                "author": author.name or author.email, "summary": f"imported {name}"[:500], "changes": changes,
                "snapshot": {"header": parsed.header, "blocks": list(parsed.blocks), "format": parsed.format,
                             "cues": cues}, "created_at": utcnow()})
        rows = [SavedCue(position=n, **c) for n, c in enumerate(cues, 1)]
        duration = episode.duration_s * 1000 if episode.duration_s else None
        findings = check_track(rows, preset_for(series, version, track, language),
                               episode_duration_ms=duration, renamed_names=renamed)
        _store_counts(track, findings)
        imported.append((name, episode.number, SaveResult(track, created, rows, findings, changed=not unchanged)))
    session.flush()  # the tracks' new revision numbers
    if changed_ids:
        session.execute(delete(Cue).where(Cue.track_id.in_(changed_ids)))
    if new_cues:
        session.execute(insert(Cue), new_cues)
    if revision_rows:
        session.execute(insert(TrackRevision), revision_rows)
    session.flush()
    return BatchOutcome(imported, refused)
