"""A track's identity and revision by the names in its URL, in one query: what conditional reads need."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam
from sqlmodel import Session, select

from localize.models import Episode, MarketVersion, Series, SubtitleTrack


class TrackHead(NamedTuple):
    id: int
    revision: int
    updated_at: datetime  # with the id, tells a track apart from a later one reusing a deleted one's id


# Built once: it runs on every read of a track, where building it cost as much as running it.
_HEAD = (select(SubtitleTrack.id, SubtitleTrack.revision, SubtitleTrack.updated_at)
         .join(MarketVersion, MarketVersion.id == SubtitleTrack.version_id)
         .join(Series, Series.id == MarketVersion.series_id)
         .join(Episode, (Episode.id == SubtitleTrack.episode_id) & (Episode.series_id == Series.id))
         .where(Series.slug == bindparam("slug"), MarketVersion.locale == bindparam("locale"),
                Episode.number == bindparam("number"), SubtitleTrack.language == bindparam("language")))


def track_head(session: Session, slug: str, locale: str, number: int, language: str) -> TrackHead | None:
    """The track named exactly so (stored spellings of locale and language), or None.

    None is not a 404: a differently spelled locale ("es-mx") or a missing series, version or episode
    goes through the full lookup, which normalizes the names and says what is missing.
    """
    row = session.exec(_HEAD, params={"slug": slug, "locale": locale, "number": number, "language": language}).first()
    return None if row is None else TrackHead(*row)


def head_of(track: SubtitleTrack) -> TrackHead:
    return TrackHead(track.id, track.revision, track.updated_at)
