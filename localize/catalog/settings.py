"""A market version's effective settings: its own value where it sets one, else the series'.

Every reader of free episodes, price, currency, episode count or QC preset goes through
`effective_settings`, so "the version's value, else the series'" is written once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from localize.models import MarketVersion, Series

# A dubbed line must fit the mouth on screen: within 70-130% of its source's characters by default.
DEFAULT_LENGTH_RATIO = {"min": 0.7, "max": 1.3}


@dataclass(frozen=True)
class VersionSettings:
    episode_count: int
    free_episodes: int
    unlock_price: Decimal | None
    currency: str
    qc_preset: str | None          # a preset id; None: each language's default preset
    qc_overrides: dict             # limits changed for this version (may be empty)
    script_length_ratio: dict = field(default_factory=lambda: dict(DEFAULT_LENGTH_RATIO))

    @property
    def paywall_episode(self) -> int:
        """The first paid episode."""
        return self.free_episodes + 1

    def is_free(self, number: int) -> bool:
        return number <= self.free_episodes


def effective_settings(series: Series, version: MarketVersion | None) -> VersionSettings:
    """The settings that apply to a version (or, with None, to the series itself)."""
    if version is None:
        return VersionSettings(series.episode_count, series.free_episodes, series.unlock_price,
                               series.currency, series.qc_preset, {})
    return VersionSettings(
        episode_count=version.episode_count or series.episode_count,
        free_episodes=version.free_episodes if version.free_episodes is not None else series.free_episodes,
        unlock_price=version.unlock_price if version.unlock_price is not None else series.unlock_price,
        currency=version.currency or series.currency,
        qc_preset=version.qc_preset or series.qc_preset,
        qc_overrides=dict(version.qc_overrides or {}),
        script_length_ratio=dict(version.script_length_ratio or DEFAULT_LENGTH_RATIO),
    )
