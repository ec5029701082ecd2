"""A version's effective settings: its own value where it sets one, else the series'."""
from __future__ import annotations

from decimal import Decimal

from localize.catalog.settings import effective_settings
from localize.models import MarketVersion, Series


def series() -> Series:
    return Series(slug="s", title="S", original_locale="en-US", episode_count=80, free_episodes=12,
                  unlock_price=Decimal("0.39"), currency="USD", qc_preset="netflix-en-us")


def test_a_version_without_overrides_takes_the_series_values():
    got = effective_settings(series(), MarketVersion(locale="fr", kind="subtitled"))
    assert (got.episode_count, got.free_episodes, got.unlock_price, got.currency, got.qc_preset,
            got.qc_overrides) == (80, 12, Decimal("0.39"), "USD", "netflix-en-us", {})
    assert got.paywall_episode == 13 and got.is_free(12) and not got.is_free(13)


def test_a_version_overrides_each_value_on_its_own():
    version = MarketVersion(locale="es-MX", kind="remake", episode_count=78, free_episodes=10,
                            unlock_price=Decimal("7.50"), currency="MXN", qc_preset="vertical-9x16",
                            qc_overrides={"max_chars_per_line": 32})
    got = effective_settings(series(), version)
    assert (got.episode_count, got.free_episodes, got.unlock_price, got.currency, got.qc_preset,
            got.qc_overrides) == (78, 10, Decimal("7.50"), "MXN", "vertical-9x16", {"max_chars_per_line": 32})


def test_zero_free_episodes_and_a_zero_price_are_values_not_absences():
    version = MarketVersion(locale="de", kind="dub", free_episodes=0, unlock_price=Decimal("0"))
    got = effective_settings(series(), version)
    assert got.free_episodes == 0 and got.unlock_price == Decimal("0")


def test_the_series_itself():
    got = effective_settings(series(), None)
    assert (got.episode_count, got.free_episodes, got.currency, got.qc_overrides) == (80, 12, "USD", {})
