"""A translator's script episodes: the adaptations in the languages they write, with their state."""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from localize.models import Episode, MarketVersion, Script, Series, User
from localize.permissions import can_write_language
from localize.scripts.store import scripts_state


@dataclass
class ScriptWork:
    series: Series
    version: MarketVersion
    number: int
    segments: int     # listed segments
    settled: int      # approved or cut
    translated: int   # translated or reviewed, waiting for a lead
    outdated: int


def scripts_for(session: Session, user: User) -> list[ScriptWork]:
    """Every adaptation script the user may write, by series title, market and episode."""
    rows = session.exec(
        select(Script.version_id, MarketVersion, Series, Episode.number)
        .join(MarketVersion, MarketVersion.id == Script.version_id)
        .join(Series, Series.id == MarketVersion.series_id)
        .join(Episode, Episode.id == Script.episode_id)
        .where(MarketVersion.kind != "original")
        .order_by(Series.title, Series.id, MarketVersion.locale, Episode.number)).all()
    mine = [row for row in rows if can_write_language(user, row[1].locale)]
    states = scripts_state(session, sorted({version.id for _, version, _, _ in mine}))
    by_episode = {(vid, e["episode"]): e for vid, episodes in states.items() for e in episodes}
    items = []
    for version_id, version, series, number in mine:
        counts = by_episode.get((version_id, number), {"segments": {}, "outdated": 0})["segments"]
        items.append(ScriptWork(series, version, number, sum(counts.values()),
                                counts.get("approved", 0) + counts.get("cut", 0),
                                counts.get("translated", 0) + counts.get("reviewed", 0),
                                by_episode.get((version_id, number), {}).get("outdated", 0)))
    return items
