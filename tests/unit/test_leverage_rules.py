"""Leverage's pure rules: words per script, bands from scores, episode ranges, rate schemes."""
from __future__ import annotations

from decimal import Decimal

import pytest

from localize.errors import ValidationFailed
from localize.memory.leverage import DEFAULT_RATES, band_of, count_words, parse_episodes, rates
from localize.models import Series


@pytest.mark.parametrize("text, words", [
    ("I came back for what is mine.", 7),
    ("INT. MANSION - NIGHT", 3),                  # a lone dash is no word
    ("<i>Run,</i> Ethan!  {\\an8}Now", 3),        # markup is not counted
    ("You were gone for 3 years.", 6),            # numbers are words
    ("私は戻ってきた。", 7),                       # Japanese: each kanji and kana, not the full stop
    ("我回来了", 4),                               # Chinese: each character
    ("Ethanは戻った", 5),                          # a Latin word inside CJK text is one word
    ("나는 돌아왔다", 2),                           # Korean separates words with spaces
    ("", 0), ("...", 0),
])
def test_words_count_as_cat_tools_count_them(text, words):
    assert count_words(text) == words


@pytest.mark.parametrize("score, band", [(101, "context"), (100, "exact"), (99, "95-99"), (95, "95-99"),
                                         (94, "85-94"), (85, "85-94"), (84, "75-84"), (75, "75-84"),
                                         (74, "50-74"), (50, "50-74"), (49, "new"), (None, "new")])
def test_bands_follow_the_scores(score, band):
    assert band_of(score) == band


def test_episode_ranges():
    assert parse_episodes(None, 4) == [1, 2, 3, 4]
    assert parse_episodes(" ", 4) == [1, 2, 3, 4]
    assert parse_episodes("1-12", 80) == list(range(1, 13))
    assert parse_episodes("3", 80) == [3]
    assert parse_episodes("5, 1-2,2", 80) == [1, 2, 5]
    for bad in ("0", "2-1", "1-81", "one", "1-", "-3", "1;2", "99999"):
        with pytest.raises(ValidationFailed) as caught:
            parse_episodes(bad, 80)
        assert caught.value.details[0]["field"] == "episodes"


def test_a_series_scheme_overrides_the_default_rates_band_by_band():
    assert rates(Series(rate_scheme=None))["95-99"] == Decimal(35)
    assert DEFAULT_RATES == {"repetition": 5, "context": 5, "exact": 15, "95-99": 35, "85-94": 55, "75-84": 75,
                             "50-74": 100, "new": 100}
    mine = rates(Series(rate_scheme={"exact": 20, "new": 90.5}))
    assert (mine["exact"], mine["new"], mine["context"]) == (Decimal(20), Decimal("90.5"), Decimal(5))
