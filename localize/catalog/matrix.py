"""The market matrix: the state of every episode in every market version of a series.

One row per version, one column per episode. A cell says whether the episode's cliffhanger is
set and whether the version has subtitles for it in its own locale (with their QC error count),
and whether the episode is therefore *ready* in that market (see `is_ready`).

Scripts have no model yet, so cells say nothing about them; add a "script" key to the states
here once scripts exist.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlmodel import Session, select

from localize.catalog.settings import effective_settings
from localize.catalog.service import list_episodes, list_versions, version_mapping
from localize.models import Episode, MarketVersion, Series, SubtitleTrack

# Versions whose audience reads or hears a translation of the original's audio: their episodes
# need a clean subtitle track (a dub's subtitles are the script the voice actors record from).
NEEDS_SUBTITLES = ("dub", "subtitled")


def episode_states(session: Session, series: Series) -> dict[tuple[int, int], dict]:
    """Map (version id, episode number) to the state of that episode in that market.

    Each state is a dict:
    - ``cliffhanger``: the episode ends on a cliffhanger that is written down. A remake's episode
      that merges original episodes ends where the last of them ends, so it takes that one's.
    - ``subtitles``: a subtitle track exists for the episode in the version's own locale.
    - ``qc_errors``: that track's QC error count; None when there is no track or QC has not been
      counted (see `track_qc_errors`).
    - ``languages``: every language the episode has a subtitle track in for this version.

    Episodes past a version's own episode count have no entry.
    """
    episodes = {e.number: e for e in list_episodes(session, series)}
    return _states(session, series, episodes, list_versions(session, series))


def _states(session: Session, series: Series, episodes: dict[int, Episode],
            versions: list[MarketVersion]) -> dict[tuple[int, int], dict]:
    by_id = {e.id: e.number for e in episodes.values()}
    tracks = _tracks(session, [v.id for v in versions])
    qc = track_qc_errors(session, [t.id for t in tracks])

    languages: dict[tuple[int, int], set[str]] = {}
    own_track: dict[tuple[int, int], _Track] = {}
    locale_of = {v.id: v.locale.lower() for v in versions}
    for track in tracks:
        key = (track.version_id, by_id.get(track.episode_id, 0))
        languages.setdefault(key, set()).add(track.language)
        if track.language.lower() == locale_of[track.version_id]:
            own_track[key] = track

    states = {}
    for version in versions:
        for number, originals in version_mapping(series, version).items():
            last = episodes.get(originals[-1]) if originals else None
            key = (version.id, number)
            track = own_track.get(key)
            states[key] = {
                "cliffhanger": bool(last and last.cliffhanger.strip()),
                "subtitles": track is not None,
                "qc_errors": qc.get(track.id) if track is not None else None,
                "languages": sorted(languages.get(key, ())),
            }
    return states


class _Track(NamedTuple):
    id: int
    version_id: int
    episode_id: int
    language: str


def _tracks(session: Session, version_ids: list[int]) -> list[_Track]:
    if not version_ids:
        return []
    # Only the columns the matrix needs: a track's header and blocks can be large.
    rows = session.exec(select(SubtitleTrack.id, SubtitleTrack.version_id, SubtitleTrack.episode_id,
                               SubtitleTrack.language)
                        .where(SubtitleTrack.version_id.in_(version_ids)))
    return [_Track(*row) for row in rows]


def track_qc_errors(session: Session, track_ids: list[int]) -> dict[int, int]:
    """Track id -> number of QC errors (warnings excluded), as counted at the track's last save.

    The subtitle service keeps the count current when cues, the preset, an episode's duration or
    a remake's casting change; a track never checked has no entry.
    """
    if not track_ids:
        return {}
    rows = session.exec(select(SubtitleTrack.id, SubtitleTrack.qc_errors)
                        .where(SubtitleTrack.id.in_(track_ids), SubtitleTrack.qc_errors.is_not(None)))
    return {track_id: errors for track_id, errors in rows}


def is_ready(version: MarketVersion, state: dict | None) -> bool:
    """Whether an episode is ready in a market.

    Ready means its cliffhanger is set and, for a dub or a subtitled version, it has a subtitle
    track in the version's locale whose QC found 0 errors (an uncounted track is not ready).
    The original and remakes need only the cliffhanger (a remake is re-shot in the local language).
    """
    if not state or not state["cliffhanger"]:
        return False
    if version.kind in NEEDS_SUBTITLES:
        return state["subtitles"] and state["qc_errors"] == 0
    return True


@dataclass
class Cell:
    number: int
    state: dict
    ready: bool
    originals: list[int]  # the original episodes this one covers (identity unless remapped)

    @property
    def remapped(self) -> bool:
        return self.originals != [self.number]

    @property
    def tone(self) -> str:
        """One word for the cell's colour: ready, errors, partial or empty."""
        if self.ready:
            return "ready"
        if self.state["qc_errors"]:
            return "errors"
        if self.state["cliffhanger"] or self.state["subtitles"]:
            return "partial"
        return "empty"


@dataclass
class Row:
    version: MarketVersion
    cells: list[Cell | None] = field(default_factory=list)  # None: the version has no such episode

    @property
    def episode_count(self) -> int:
        return sum(1 for c in self.cells if c is not None)

    @property
    def ready_count(self) -> int:
        return sum(1 for c in self.cells if c is not None and c.ready)


@dataclass
class Matrix:
    columns: list[int]
    rows: list[Row]
    episodes: dict[int, Episode]


def market_matrix(session: Session, series: Series) -> Matrix:
    """Build the matrix: columns 1..the longest version, one row per version (original first)."""
    episodes = {e.number: e for e in list_episodes(session, series)}
    versions = list_versions(session, series)
    states = _states(session, series, episodes, versions)
    width = max([series.episode_count] + [effective_settings(series, v).episode_count for v in versions])
    columns = list(range(1, width + 1))
    rows = []
    for version in versions:
        row = Row(version)
        mapping = version_mapping(series, version)
        for number in columns:
            state = states.get((version.id, number))
            row.cells.append(None if state is None else
                             Cell(number, state, is_ready(version, state), mapping[number]))
        rows.append(row)
    return Matrix(columns, rows, episodes)
