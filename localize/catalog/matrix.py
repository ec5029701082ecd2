"""The market matrix: the state of every episode in every market version of a series.

One row per version, one column per episode. A cell says whether the episode's cliffhanger is
set, how far its script is in that version, whether the version has subtitles for it in its own
locale (with their QC error count), and whether the episode is therefore *ready* in that market
(see `is_ready`): readiness is earned in each version, never copied from the original.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlmodel import Session, select

from localize.catalog.settings import effective_settings
from localize.catalog.service import list_episodes, list_versions, version_mapping
from sqlalchemy import bindparam, case, func

from localize.models import Episode, MarketVersion, Script, ScriptSegment, Series, SubtitleTrack

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
    - ``script``: None (no script in this version), "draft" or "approved" (every segment approved
      or cut, none outdated); ``script_outdated``: its outdated segments.
    - ``source_script``: the original has a script for the original episode(s) this one covers.

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

    scripts = _script_states(session, [v.id for v in versions], by_id)
    original = next((v for v in versions if v.kind == "original"), None)
    states = {}
    for version in versions:
        for number, originals in version_mapping(series, version).items():
            last = episodes.get(originals[-1]) if originals else None
            key = (version.id, number)
            track = own_track.get(key)
            script = scripts.get(key)
            states[key] = {
                "cliffhanger": bool(last and last.cliffhanger.strip()),
                "subtitles": track is not None,
                "qc_errors": qc.get(track.id) if track is not None else None,
                "languages": sorted(languages.get(key, ())),
                "script": script["state"] if script else None,
                "script_outdated": script["outdated"] if script else 0,
                "source_script": original is not None and any((original.id, o) in scripts for o in originals),
            }
    return states


_SETTLED = case((ScriptSegment.status.in_(("approved", "cut")) & (ScriptSegment.outdated == False), 1),  # noqa: E712
                else_=0)
# Built once: the matrix, the episode page and every version answer of the API run it.
_SCRIPTS = (select(Script.version_id, Script.episode_id, func.count(ScriptSegment.id), func.sum(_SETTLED),
                   func.sum(case((ScriptSegment.outdated == True, 1), else_=0)))  # noqa: E712
            .outerjoin(ScriptSegment, (ScriptSegment.script_id == Script.id) & (ScriptSegment.removed == False))  # noqa: E712
            .where(Script.version_id.in_(bindparam("versions", expanding=True)))
            .group_by(Script.version_id, Script.episode_id))


def _script_states(session: Session, version_ids: list[int], number_of: dict[int, int]) -> dict[tuple[int, int], dict]:
    """(version id, episode number) -> {"state": "draft" | "approved", "outdated": n}, in one query."""
    if not version_ids:
        return {}
    rows = session.exec(_SCRIPTS, params={"versions": version_ids})
    out = {}
    for version_id, episode_id, total, done, outdated in rows:
        approved = total > 0 and int(done or 0) == total
        out[(version_id, number_of.get(episode_id, 0))] = {"state": "approved" if approved else "draft",
                                                           "outdated": int(outdated or 0)}
    return out


class _Track(NamedTuple):
    id: int
    version_id: int
    episode_id: int
    language: str


# Only the columns the matrix needs (a track's header and blocks can be large); built once.
_TRACKS = select(SubtitleTrack.id, SubtitleTrack.version_id, SubtitleTrack.episode_id,
                 SubtitleTrack.language).where(SubtitleTrack.version_id.in_(bindparam("versions", expanding=True)))


def _tracks(session: Session, version_ids: list[int]) -> list[_Track]:
    if not version_ids:
        return []
    return [_Track(*row) for row in session.exec(_TRACKS, params={"versions": version_ids})]


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
    """Whether an episode is ready in a market, by what that market's kind needs:

    - the original: its cliffhanger is written (it is the source everything else adapts);
    - a remake (re-shot with local actors): its own script is approved, and the episode ends on a
      written cliffhanger;
    - a dub: a subtitle track in its locale with QC counted and 0 errors (what the voices record
      from), and, when the original has a script for the episode, its own approved script;
    - a subtitled version: a subtitle track in its locale with QC counted and 0 errors.
    An uncounted track is not ready; a version with nothing done has nothing ready.
    """
    if not state:
        return False
    clean_subtitles = state["subtitles"] and state["qc_errors"] == 0
    if version.kind == "original":
        return state["cliffhanger"]
    if version.kind == "remake":
        return state["cliffhanger"] and state["script"] == "approved"
    if version.kind == "dub":
        return clean_subtitles and (not state["source_script"] or state["script"] == "approved")
    return clean_subtitles


def ready_counts(session: Session, series: Series, versions: list[MarketVersion] | None = None) -> dict[int, int]:
    """Version id -> episodes ready in it (what the matrix shows as "N/M ready"), for the given versions
    (all of the series' when None); the original is read too, as a dub's readiness depends on it."""
    # Readiness needs an episode's id, number and cliffhanger only: plain rows, not 80 ORM objects.
    episodes = {e.number: e for e in _episode_rows(session, series.id)}
    everyone = list_versions(session, series)
    wanted = {v.id for v in (versions if versions is not None else everyone)}
    chosen = [v for v in everyone if v.id in wanted or v.kind == "original"]
    states = _states(session, series, episodes, chosen)
    kinds = {v.id: v for v in chosen}
    counts = {vid: 0 for vid in wanted}
    for (version_id, _number), state in states.items():
        if version_id in wanted:
            counts[version_id] += is_ready(kinds[version_id], state)
    return counts


class _Episode(NamedTuple):
    id: int
    number: int
    cliffhanger: str


_EPISODES = select(Episode.id, Episode.number, Episode.cliffhanger).where(Episode.series_id == bindparam("series"))


def _episode_rows(session: Session, series_id: int) -> list[_Episode]:
    return [_Episode(*row) for row in session.exec(_EPISODES, params={"series": series_id})]


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
        if self.state["cliffhanger"] or self.state["subtitles"] or self.state["script"]:
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
