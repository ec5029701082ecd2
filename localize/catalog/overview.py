"""What the first page shows: each series with its counts, and where a translator's work is."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from localize.locales import language_of
from localize.models import Episode, MarketVersion, Series


@dataclass
class SeriesSummary:
    series: Series
    episodes: int
    versions: list[MarketVersion]


def series_summaries(session: Session) -> list[SeriesSummary]:
    """Every series (by title) with its episode count and its versions, original first."""
    series = list(session.exec(select(Series).order_by(Series.title, Series.id)))
    counts = {series_id: n for series_id, n in
              session.exec(select(Episode.series_id, func.count(Episode.id)).group_by(Episode.series_id))}
    versions: dict[int, list[MarketVersion]] = {}
    for version in session.exec(select(MarketVersion)):
        versions.setdefault(version.series_id, []).append(version)
    return [SeriesSummary(s, counts.get(s.id, 0),
                          sorted(versions.get(s.id, []), key=lambda v: (v.kind != "original", v.locale)))
            for s in series]


def speaks(languages: list[str], locale: str) -> bool:
    """Whether a translator with these tags works on a version in `locale`.

    A regional tag matches only itself (es-MX is not es-ES); a bare language matches every
    region of it (es covers es-MX and es-ES).
    """
    for tag in languages:
        if tag.lower() == locale.lower() or ("-" not in tag and tag.lower() == language_of(locale)):
            return True
    return False


def versions_for_languages(summaries: list[SeriesSummary],
                           languages: list[str]) -> list[tuple[Series, MarketVersion]]:
    """The (series, version) pairs a translator with these languages works on."""
    return [(s.series, v) for s in summaries for v in s.versions
            if v.kind != "original" and speaks(languages, v.locale)]
