"""Whole seasons of subtitle files imported at once, each file all or nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from localize import signals
from localize.catalog import service as catalog
from localize.errors import ValidationFailed
from localize.locales import normalize_locale
from localize.models import Episode, MarketVersion, Series, SubtitleTrack
from localize.subtitles import formats, revisions
from localize.subtitles.revisions import SaveResult
from localize.subtitles.tracks import (InvalidSubtitleFile, check_file_size, cue_rows, dropped_rows, parse_file,
                                       qc_checker, size_problem, summary_with_dropped)


@dataclass
class BatchOutcome:
    imported: list[tuple[str, int, SaveResult]]   # (file name, episode number, result)
    refused: list[tuple[str, str]]                # (file name, reason with its line)
    # Refused files that skip_invalid would import: file name -> how many cues it would keep.
    skippable: dict[str, int] = field(default_factory=dict)


def import_many(session: Session, *, series: Series, version: MarketVersion, language: str,
                files: list[tuple[str, int, bytes]], author, progress=None,
                skip_invalid: bool = False) -> BatchOutcome:
    """Import many files (name, episode number, bytes) of one version and language.

    Each file is all or nothing: a file that does not parse is refused before anything is
    written and the others go ahead (with skip_invalid, a file's bad cues are left out instead
    and listed in its revision). The good ones are stored with a handful of set-based
    statements instead of a round of queries per file, which is what makes a season fast.
    """
    language = normalize_locale(language, "language")
    episodes = {e.number: e for e in catalog.list_episodes(session, series)}
    refused: list[tuple[str, str]] = []
    skippable: dict[str, int] = {}
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
        episode = episodes[number]
        try:
            check_file_size(episode, data)
            parsed = parse_file(data, skip_invalid)
        except InvalidSubtitleFile as exc:
            refused.append((name, str(exc.error)))
            if exc.skippable:
                skippable[name] = exc.kept
            continue
        except ValidationFailed as exc:
            refused.append((name, exc.message))
            continue
        problem = size_problem(episode, parsed.cues, "file")
        if problem:
            refused.append((name, problem["message"]))
            continue
        good[number] = (name, episode, parsed)
    if not good:
        return BatchOutcome([], refused, skippable)

    episode_ids = [episode.id for _, episode, _ in good.values()]
    tracks = {t.episode_id: t for t in session.exec(
        select(SubtitleTrack).where(SubtitleTrack.version_id == version.id, SubtitleTrack.language == language,
                                    SubtitleTrack.episode_id.in_(episode_ids)).with_for_update())}
    old_cues = revisions.stored_cues(session, [t.id for t in tracks.values()])

    check = qc_checker(session, series, version)
    plans: list[tuple[str, int, revisions.RevisionPlan]] = []
    for name, episode, parsed in good.values():
        track = tracks.get(episode.id)
        created = track is None
        if created:
            track = SubtitleTrack(version_id=version.id, episode_id=episode.id, language=language, blocks=[])
        old = [] if created else old_cues.get(track.id, [])
        dropped = dropped_rows(parsed)
        plan = revisions.plan_revision(track, created=created, old_cues=old,
                                       cues=cue_rows(parsed), header=parsed.header, blocks=parsed.blocks,
                                       source_format=parsed.format, author=author,
                                       summary=summary_with_dropped(f"imported {name}", dropped), dropped=dropped)
        plan.findings = check(episode, track, plan.saved)
        plans.append((name, episode.number, plan))
    revisions.write_revisions(session, [plan for _, _, plan in plans])
    signals.imported.send("subtitles", files=len(plans))
    return BatchOutcome([(name, number, plan.result()) for name, number, plan in plans], refused, skippable)
