"""What the first page shows: each series with its counts, and where a translator's work is."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, true
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


def search_series(session: Session, query: str = "", *, offset: int = 0,
                  limit: int = 50) -> tuple[list[SeriesSummary], int]:
    """A page of series whose title or slug contains `query` (case-insensitive), and how many match."""
    condition = true()
    query = query.strip()
    if query:
        needle = query.lower()
        condition = func.lower(Series.title).contains(needle, autoescape=True) | \
            func.lower(Series.slug).contains(needle, autoescape=True)
    total = session.exec(select(func.count(Series.id)).where(condition)).one()
    series = list(session.exec(select(Series).where(condition).order_by(Series.title, Series.id)
                               .offset(offset).limit(limit)))
    ids = [s.id for s in series]
    if not ids:
        return [], total
    counts = {series_id: n for series_id, n in session.exec(
        select(Episode.series_id, func.count(Episode.id)).where(Episode.series_id.in_(ids))
        .group_by(Episode.series_id))}
    versions: dict[int, list[MarketVersion]] = {}
    for version in session.exec(select(MarketVersion).where(MarketVersion.series_id.in_(ids))):
        versions.setdefault(version.series_id, []).append(version)
    return [SeriesSummary(s, counts.get(s.id, 0),
                          sorted(versions.get(s.id, []), key=lambda v: (v.kind != "original", v.locale)))
            for s in series], total


def slug_from_title(title: str, max_length: int = 100) -> str:
    """A page address proposed from a title: "The Heir Returns!" -> "the-heir-returns" ("" if none)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
