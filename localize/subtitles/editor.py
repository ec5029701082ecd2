"""What the subtitle editor needs beside a track: its source, its limits for live counters,
cues and revisions as plain data, and a version's tracks at a glance. No Flask here.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import case, func
from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.locales import normalize_locale
from localize.models import Cue, Episode, MarketVersion, Series, SubtitleTrack, TrackRevision, User
from localize.subtitles import tracks
from localize.presets import Preset
from localize.subtitles.revisions import RevisionSummary

CUE_KEYS = ("start_ms", "end_ms", "text", "status", "identifier", "settings")


@dataclass
class Target:
    """The track a page is about, which may not exist yet."""

    series: Series
    version: MarketVersion
    episode: Episode
    language: str
    track: SubtitleTrack | None


def open_target(session: Session, slug: str, locale: str, number: int, language: str) -> Target:
    """Look up series, version, episode and the track in `language` (None when not created yet)."""
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    episode = catalog.get_episode(session, series, number)
    language = normalize_locale(language, "language")
    return Target(series, version, episode, language, tracks.find_track(session, version, episode, language))


def source_track(session: Session, target: Target) -> SubtitleTrack | None:
    """The track a translator works from (see tracks.source_track)."""
    return tracks.source_track(session, target.series, target.version, target.episode, target.track)


def cue_data(cue) -> dict:
    """A cue (row, saved cue or snapshot dict) as the editor's JSON: times in milliseconds."""
    get = cue.get if isinstance(cue, dict) else lambda key: getattr(cue, key, None)
    return {key: get(key) for key in CUE_KEYS}


def preset_data(preset: Preset) -> dict:
    """The limits the page's live counters check, with the width table of CJK counting rules."""
    return {"id": preset.id, "name": preset.name, "source": preset.source, "counting": preset.counting,
            "max_chars_per_line": preset.max_chars_per_line, "max_lines": preset.max_lines,
            "max_cps": preset.max_cps, "min_duration_ms": preset.min_duration_ms,
            "max_duration_ms": preset.max_duration_ms, "min_gap_ms": preset.min_gap_ms,
            "full_width": full_width_ranges(preset.counting)}


@lru_cache(maxsize=4)
def full_width_ranges(counting: str) -> list[tuple[int, int]]:
    """Code point ranges (beyond ASCII) that count 1 under a counting rule; others count 0.5.

    Taken from the same unicodedata table qc.visible_length uses, so the browser's live counter
    and the server's QC cannot disagree. "chars" counts every character 1: no table.
    """
    widths = {"cjk-halfwidth-half": "WFA", "korean-latin-half": "WF"}.get(counting)
    if widths is None:
        return []
    out, start = [], None
    for cp in range(0x80, 0x110000):
        wide = unicodedata.east_asian_width(chr(cp)) in widths
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, 0x10FFFF))
    return out


def revision_data(revision: RevisionSummary, when: str) -> dict:
    """One revision for the history panel; `when` is its time already formatted for the reader."""
    return {"number": revision.number, "author": revision.author, "summary": revision.summary,
            "changes": revision.changes, "when": when, "cues": revision.cue_count}


def revision_diff(session: Session, track: SubtitleTrack, number: int) -> tuple[TrackRevision, list[dict]]:
    """A revision and its cue-level differences from the revision before it."""
    current = tracks.get_revision(session, track, number)
    previous = tracks.get_revision(session, track, number - 1) if number > 1 else None
    return current, [{"op": d["op"], "position": d["position"],
                      "old": cue_data(d["old"]) if d["old"] else None,
                      "new": cue_data(d["new"]) if d["new"] else None}
                     for d in tracks.diff_revisions(previous, current)]


@dataclass
class TrackSummary:
    """One track in a version's overview."""

    track: SubtitleTrack
    cues: int
    errors: int
    warnings: int
    untranslated: int


def version_tracks(session: Session, series: Series, version: MarketVersion) -> dict[tuple[int, str], TrackSummary]:
    """Every track of a version by (episode number, language), with cue and QC counts.

    QC counts are the ones stored at each save (kept current by the subtitle service), so the
    overview costs two queries however many tracks and cues the version has.
    """
    rows = session.exec(select(SubtitleTrack, Episode.number).join(Episode, Episode.id == SubtitleTrack.episode_id)
                        .where(SubtitleTrack.version_id == version.id)).all()
    if not rows:
        return {}
    # Machine and fuzzy fills still need a person: they count with the untranslated cues.
    untranslated = case((Cue.status.in_(("untranslated", "machine", "fuzzy")), 1), else_=0)
    counts = {track_id: (cues, todo) for track_id, cues, todo in session.exec(
        select(Cue.track_id, func.count(), func.sum(untranslated))
        .where(Cue.track_id.in_([t.id for t, _ in rows])).group_by(Cue.track_id))}
    out = {}
    for track, number in rows:
        cues, todo = counts.get(track.id, (0, 0))
        out[(number, track.language)] = TrackSummary(track, cues, track.qc_errors or 0, track.qc_warnings or 0,
                                                     int(todo or 0))
    return out


def source_choices(session: Session, series: Series) -> list[tuple[str, str, int]]:
    """(version locale, language, number of tracks) for every language a series has tracks in."""
    rows = session.exec(select(MarketVersion.locale, SubtitleTrack.language, func.count())
                        .join(SubtitleTrack, SubtitleTrack.version_id == MarketVersion.id)
                        .where(MarketVersion.series_id == series.id)
                        .group_by(MarketVersion.locale, SubtitleTrack.language)
                        .order_by(MarketVersion.locale, SubtitleTrack.language)).all()
    return [(locale, language, count) for locale, language, count in rows]


@dataclass
class Started:
    """What start_translations did, by episode number."""

    started: list[int]
    missing: list[int]   # no source track
    existing: list[int]  # the target language is there already (left alone)


def start_translations(session: Session, *, series: Series, version: MarketVersion, numbers: list[int],
                       language: str, source_version: MarketVersion, source_language: str, author: User) -> Started:
    """Start a `language` track from the source track of each episode that has one and lacks it."""
    done = Started([], [], [])
    episodes = {e.number: e for e in catalog.list_episodes(session, series)}
    for number in numbers:
        episode = episodes[number]
        source = tracks.find_track(session, source_version, episode, source_language)
        if source is None:
            done.missing.append(number)
        elif tracks.find_track(session, version, episode, language) is not None:
            done.existing.append(number)
        else:
            tracks.translate_track(session, series=series, version=version, episode=episode,
                                   language=language, source=source, author=author)
            done.started.append(number)
    return done
