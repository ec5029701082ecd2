"""A translator's work at a glance: every subtitle track in the languages they write.

Read-only; the home page (`/`) lists these rows, each one click from the editor. QC counts are
the ones stored at each save, so the list costs two queries however many cues there are.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import Session, select

from localize.models import Cue, Episode, MarketVersion, Series, SubtitleTrack, User
from localize.permissions import can_write_language

CHUNK = 5000


@dataclass
class WorkItem:
    series: Series
    version: MarketVersion
    episode: int
    language: str
    revision: int
    cues: int
    untranslated: int
    reviewed: int
    qc_errors: int | None     # None: not counted yet (a track saved before counts were stored)
    qc_warnings: int | None
    updated_at: datetime

    @property
    def state(self) -> str:
        """empty, to_translate (no cue done), in_progress, translated or reviewed."""
        if self.cues == 0:
            return "empty"
        if self.untranslated == self.cues:
            return "to_translate"
        if self.untranslated:
            return "in_progress"
        return "reviewed" if self.reviewed == self.cues else "translated"


def tracks_for(session: Session, user: User) -> list[WorkItem]:
    """The tracks this user may write, by series title, market, episode and language."""
    rows = session.exec(
        select(SubtitleTrack, MarketVersion, Series, Episode.number)
        .join(MarketVersion, MarketVersion.id == SubtitleTrack.version_id)
        .join(Series, Series.id == MarketVersion.series_id)
        .join(Episode, Episode.id == SubtitleTrack.episode_id)
        .order_by(Series.title, Series.id, MarketVersion.locale, Episode.number, SubtitleTrack.language)).all()
    mine = [row for row in rows if can_write_language(user, row[0].language)]
    if not mine:
        return []
    # Machine and fuzzy fills still need a person: they count with the untranslated cues.
    untranslated = case((Cue.status.in_(("untranslated", "machine", "fuzzy")), 1), else_=0)
    reviewed = case((Cue.status == "reviewed", 1), else_=0)
    ids = [track.id for track, *_rest in mine]
    counts = {}
    for start in range(0, len(ids), CHUNK):  # bound the IN list (SQLite limits bound parameters)
        counts.update({track_id: (n, todo, done) for track_id, n, todo, done in session.exec(
            select(Cue.track_id, func.count(), func.sum(untranslated), func.sum(reviewed))
            .where(Cue.track_id.in_(ids[start:start + CHUNK])).group_by(Cue.track_id))})
    items = []
    for track, version, series, number in mine:
        n, todo, done = counts.get(track.id, (0, 0, 0))
        items.append(WorkItem(series, version, number, track.language, track.revision, n, int(todo or 0),
                              int(done or 0), track.qc_errors, track.qc_warnings, track.updated_at))
    return items
