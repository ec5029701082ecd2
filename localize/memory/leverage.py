"""Leverage and cost before the work, as a CAT tool's analysis: how much of a range is already known.

For a market version and some of its episodes, the original's source segments (the script
sources of the original episodes each episode covers through its mapping, and the cues of the
original-language subtitle tracks) are looked up in memory. Each segment's best match, not
counting entries made from that same segment (same series, version, episode and kind, and the
same source text), puts its words in a band: `repetition` (the second and later occurrence of a
source text within the range; the first takes its memory band), `context` (101), `exact` (100),
`95-99`, `85-94`, `75-84`, `50-74` or `new`. Words weigh a share of the full rate per band (the
series' `rate_scheme`, else Crowdin's defaults), and weighted words times the version's
`rate_per_word` is the cost, in the version's currency. No Flask here.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.csv_safe import safe_writer
from localize.errors import ValidationFailed
from localize.memory import store
from localize.memory.text import MIN_THRESHOLD, TAGS
from localize.models import LEVERAGE_BANDS, Episode, MarketVersion, Series
from localize.scripts.store import listed_segments, source_scripts
from localize.subtitles.tracks import find_track, track_cues

BANDS = LEVERAGE_BANDS
# Percent of the full rate each band costs (Crowdin's default net rates, BRIEF "Translation memory").
DEFAULT_RATES = {"repetition": 5, "context": 5, "exact": 15, "95-99": 35, "85-94": 55, "75-84": 75,
                 "50-74": 100, "new": 100}
# Matches read per segment: enough that excluding the segment's own entries leaves its best other one.
CANDIDATES = 50
CENT = Decimal("0.01")

# Han ideographs and Japanese kana are written without spaces: each character counts as a word
# (memoQ and Trados count CJK so). Hangul separates words with spaces and counts by them.
_CJK = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d"
                  "\U00020000-\U0003134f]")
_WORD = re.compile(r"[^\W_]")  # a token is a word when it holds a letter or a digit


@dataclass
class SourceSegment:
    """One source segment of the range: the version's episode it counts for, and its lookup context."""

    episode: int
    kind: str                  # "script" or "subtitles", as memory records origins
    text: str
    previous: str | None = None
    speaker: int | None = None


@dataclass
class Tally:
    """Segments and words per band, and the weighted words they make."""

    bands: dict = field(default_factory=lambda: {b: {"segments": 0, "words": 0} for b in BANDS})
    weighted: Decimal = Decimal(0)

    def add(self, band: str, words: int, rates: dict[str, Decimal]) -> None:
        self.bands[band]["segments"] += 1
        self.bands[band]["words"] += words
        self.weighted += words * rates[band] / 100


def count_words(text: str) -> int:
    """Source words as CAT tools count them: each Han or kana character one, else space-separated tokens."""
    plain = TAGS.sub(" ", text)
    characters = len(_CJK.findall(plain))
    return characters + sum(1 for token in _CJK.sub(" ", plain).split() if _WORD.search(token))


def band_of(score: int | None) -> str:
    if score is None:
        return "new"
    if score >= 101:
        return "context"
    if score == 100:
        return "exact"
    for low, band in ((95, "95-99"), (85, "85-94"), (75, "75-84"), (50, "50-74")):
        if score >= low:
            return band
    return "new"


def rates(series: Series) -> dict[str, Decimal]:
    """Percent of the full rate per band: the series' scheme over the defaults."""
    scheme = {**DEFAULT_RATES, **(series.rate_scheme or {})}
    return {band: Decimal(str(scheme[band])) for band in BANDS}


def parse_episodes(text: str | None, count: int) -> list[int]:
    """Episode numbers from "1-12", "3" or "1-3,7"; none given: all 1..count. Bad is a 422 on `episodes`."""
    if text is None or not text.strip():
        return list(range(1, count + 1))
    numbers: set[int] = set()
    for part in text.split(","):
        found = re.fullmatch(r"\s*([0-9]{1,4})\s*(?:-\s*([0-9]{1,4})\s*)?", part)
        if not found:
            raise _bad_episodes(f"{part.strip()!r} is not an episode number or a range such as 1-12")
        first, last = int(found[1]), int(found[2] or found[1])
        if first > last:
            raise _bad_episodes(f"{first}-{last} runs backwards")
        if first < 1 or last > count:
            raise _bad_episodes(f"{part.strip()} is outside this version's episodes 1-{count}")
        numbers.update(range(first, last + 1))
    return sorted(numbers)


def _bad_episodes(message: str) -> ValidationFailed:
    return ValidationFailed(f"episodes: {message}", [{"field": "episodes", "message": message}])


def source_segments(session: Session, series: Series, version: MarketVersion,
                    numbers: list[int]) -> list[SourceSegment]:
    """The original's segments the version's episodes adapt, in order: per episode its script, then its cues."""
    original = catalog.original_version(session, series)
    episodes = {e.number: e for e in session.exec(select(Episode).where(Episode.series_id == series.id,
                                                                         Episode.number.in_(numbers)))}
    out: list[SourceSegment] = []
    for number in numbers:
        episode = episodes.get(number) or Episode(series_id=series.id, number=number)  # past the original's count
        covered = source_scripts(session, series, version, episode, original)
        for _, script in covered:
            if script is None:
                continue
            previous = None
            for segment in listed_segments(session, script):
                if segment.text.strip():
                    speaker = segment.character_id if segment.kind == "dialogue" else None
                    out.append(SourceSegment(number, "script", segment.text, previous, speaker))
                previous = segment.text
        for source_episode, _ in covered:
            track = find_track(session, original, source_episode, original.locale)
            if track is None:
                continue
            previous = None
            for cue in track_cues(session, track):
                if cue.text.strip():
                    out.append(SourceSegment(number, "subtitles", cue.text, previous))
                previous = cue.text
    return out


def best_score(session: Session, series: Series, version: MarketVersion, source_locale: str,
               segment: SourceSegment) -> int | None:
    """The best memory score for a segment, leaving out entries made from that same segment."""
    text = segment.text.strip()
    for match in store.lookup(session, source_locale=source_locale, target_locale=version.locale, text=text,
                              previous=segment.previous, speaker=segment.speaker, threshold=MIN_THRESHOLD,
                              limit=CANDIDATES):
        e = match.entry
        if (e.series, e.version, e.episode, e.kind, e.source_text) == (
                series.slug, version.locale, segment.episode, segment.kind, text):
            continue
        return match.score
    return None


def analyse(session: Session, series: Series, version: MarketVersion, numbers: list[int]) -> dict:
    """Bands, weighted words and cost of the version's episodes `numbers`, per episode and in total."""
    if version.kind == "original":
        raise ValidationFailed("the original is the source: leverage is for its market versions",
                               [{"field": "locale", "message": "the original version has no leverage"}])
    source_locale = catalog.original_version(session, series).locale
    scheme = rates(series)
    total, per_episode = Tally(), {n: Tally() for n in numbers}
    seen: set[str] = set()
    for segment in source_segments(session, series, version, numbers):
        key = segment.text.strip()
        if key in seen:
            band = "repetition"
        else:
            seen.add(key)
            band = band_of(best_score(session, series, version, source_locale, segment))
        words = count_words(segment.text)
        total.add(band, words, scheme)
        per_episode[segment.episode].add(band, words, scheme)
    rate = version.rate_per_word
    return {"bands": total.bands, "weighted_words": _decimal(total.weighted),
            "rate_per_word": None if rate is None else f"{rate:.4f}",
            "currency": effective_settings(series, version).currency, "cost": _cost(total.weighted, rate),
            "episodes": [{"number": n, "bands": t.bands, "weighted_words": _decimal(t.weighted),
                          "cost": _cost(t.weighted, rate)} for n, t in per_episode.items()]}


def _decimal(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _cost(weighted: Decimal, rate: Decimal | None) -> str | None:
    return None if rate is None else _decimal(weighted * rate)


CSV_COLUMNS = ("episode", *BANDS, "weighted_words", "cost")


def csv_rows(result: dict) -> list[list]:
    """One row per episode: words per band, weighted words and cost (empty without a rate)."""
    return [[e["number"], *(e["bands"][b]["words"] for b in BANDS), e["weighted_words"], e["cost"] or ""]
            for e in result["episodes"]]


def csv_text(result: dict) -> str:
    """The per-episode table as CSV text with its header row."""
    out = io.StringIO()
    writer = safe_writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(result))
    return out.getvalue()
