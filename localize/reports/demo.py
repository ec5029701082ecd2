"""Demo view counts: 90 days for every version, with the remake at about half the original."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.models import Series, ViewTotal
from localize.reports.ingest import ingest

FIRST_DAY = date(2026, 8, 1)
DAYS = 90
# Daily views of episode 1 per market, and how much each episode keeps of the one before.
AUDIENCE = {"en-US": (40_000, 0.965), "es-MX": (18_000, 0.962), "pt-BR": (9_000, 0.955), "fr": (3_000, 0.94)}


def load(session: Session, series: Series) -> list[str]:
    versions = catalog.list_versions(session, series)
    if session.exec(select(ViewTotal.episode).where(ViewTotal.version_id.in_([v.id for v in versions]))).first():
        return []

    def rows():
        n = 0
        for version in versions:
            first, keep = AUDIENCE.get(version.locale, (1000, 0.95))
            settings = effective_settings(series, version)
            count, free = settings.episode_count, settings.free_episodes
            price = settings.unlock_price or Decimal("0.39")
            for day in range(DAYS):
                when = (FIRST_DAY + timedelta(days=day)).isoformat()
                audience = first * (1 + 0.3 * ((day % 7) in (5, 6)))  # weekends binge more
                for episode in range(1, count + 1):
                    views = audience * keep ** (episode - 1)
                    # The paywall costs a step, and episode 7's cliffhanger is weak in the remake.
                    if episode > free:
                        views *= 0.55
                    if version.locale == "es-MX" and episode > 7:
                        views *= 0.9
                    views = int(views)
                    unlocks = int(views * 0.8) if episode > free else 0
                    n += 1
                    yield n, {"date": when, "locale": version.locale, "episode": str(episode),
                              "views": str(views), "unlocks": str(unlocks), "revenue": str(unlocks * price)}
    result = ingest(session, series, rows())
    return [f"created {result.rows} daily view rows ({DAYS} days, {len(versions)} markets)"]
