"""What every /api/v1 endpoint answers, as pydantic models: the OpenAPI document's response schemas.

The routes build plain dicts (catalog/serialize.py, reports.jsonable...); these models describe
them, field for field, and tests/api/test_openapi.py checks every answer of a realistic session
against them. Enumerations are Literals of the model constants, so the schema lists their values.
Request bodies live with their domain (catalog/schemas.py, subtitles/schemas.py).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from localize.models import (CASTING_STATUSES, CLIFFHANGER_KINDS, CUE_STATUSES, VERSION_KINDS,
                             VERSION_STATUSES)

VersionKind = Literal[VERSION_KINDS]  # type: ignore[valid-type]
VersionStatus = Literal[VERSION_STATUSES]  # type: ignore[valid-type]
CastingStatus = Literal[CASTING_STATUSES]  # type: ignore[valid-type]
CliffhangerKind = Literal[CLIFFHANGER_KINDS]  # type: ignore[valid-type]
CueStatus = Literal[CUE_STATUSES]  # type: ignore[valid-type]
Severity = Literal["error", "warning"]



def _price():
    return Field(pattern=r"^\d+\.\d{2}$", description="a decimal string with 2 places, e.g. '0.39'")


def _money():
    return Field(pattern=r"^-?\d+\.\d{4}$", description="a decimal string with the 4 places revenue is stored with")


def _ratio():
    return Field(description="a ratio (0.5 is 50%); null when its denominator is zero")


class _Answer(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


# --- errors and health ------------------------------------------------------------------------

class ErrorInfo(_Answer):
    code: str = Field(description="stable for clients: not_found, validation_failed, precondition_failed...")
    message: str
    details: list[dict[str, Any]] = Field(
        description="each problem, naming its `field` (and `cue`, `line` or `row` where it applies)")


class Error(_Answer):
    """Every error answer: 400, 401, 403, 404, 409, 412, 413, 415, 422, 502."""

    error: ErrorInfo


class Health(_Answer):
    status: Literal["ok"]


# --- catalog ------------------------------------------------------------------------------------

class Series(_Answer):
    slug: str
    title: str
    original_locale: str
    original_locale_name: str
    episode_count: int
    free_episodes: int
    logline: str
    genre: str
    unlock_price: Optional[str] = _price()
    currency: str
    qc_preset: Optional[str]
    created_at: datetime
    updated_at: datetime


class Effective(_Answer):
    """What applies to the version once its unset values fall back to the series'."""

    free_episodes: int
    unlock_price: Optional[str] = _price()
    currency: str
    episode_count: int


class Version(_Answer):
    locale: str
    kind: VersionKind
    title: str
    status: VersionStatus
    locale_name: str
    release_date: Optional[date]
    free_episodes: Optional[int]
    unlock_price: Optional[str] = _price()
    currency: Optional[str]
    episode_count: Optional[int]
    episode_mapping: Optional[dict[str, list[int]]] = Field(
        description="this version's episode -> the original episodes it covers, e.g. {\"1\": [1, 2]}")
    qc_preset: Optional[str]
    qc_overrides: Optional[dict[str, Optional[float]]]
    effective: Effective


class SeriesDetail(Series):
    versions: list[Version]


class SeriesList(_Answer):
    series: list[Series]


class Episode(_Answer):
    number: int
    title: str
    cliffhanger: str
    cliffhanger_kind: Optional[CliffhangerKind]
    duration_s: Optional[int]
    video_url: Optional[str]


class EpisodeList(_Answer):
    episodes: list[Episode]


class VersionList(_Answer):
    versions: list[Version]


class Character(_Answer):
    id: int
    name: str
    description: str


class CharacterList(_Answer):
    characters: list[Character]


class Note(_Answer):
    id: int
    text: str
    author: str
    created_at: datetime


class Casting(_Answer):
    character_id: int
    character: str
    locale: str
    localized_name: str
    actor: str
    status: CastingStatus
    notes: list[Note]
    updated_at: Optional[datetime] = Field(description="null while the role has no casting yet")


# --- subtitles ----------------------------------------------------------------------------------

class TrackCue(_Answer):
    position: int
    start: float = Field(description="seconds")
    end: float = Field(description="seconds")
    text: str
    identifier: Optional[str]
    settings: Optional[str]
    status: Optional[CueStatus]


class Finding(_Answer):
    """One quality-control finding of a cue against the track's preset."""

    cue: int = Field(description="1-based position of the cue; 0 for a finding about the whole track "
                                 "(e.g. ignored_override: a stored QC override that does not fit the preset)")
    rule: str = Field(description="the check's id, e.g. chars_per_line, overlap, untranslated")
    severity: Severity
    value: Union[int, float, str]
    limit: Union[int, float, str, None]
    message: str


class Track(_Answer):
    language: str
    revision: int
    etag: str
    format: Literal["vtt", "srt"]
    header: str = Field(description="the WebVTT header text after WEBVTT")
    blocks: list[str] = Field(description="raw STYLE, REGION and NOTE blocks, kept for round trips")
    cues: list[TrackCue]


class DroppedCue(_Answer):
    line: Optional[int] = Field(description="the file's line at fault")
    reason: str


class SaveResult(_Answer):
    cues: int = Field(description="how many cues the track has now")
    revision: int
    qc: list[Finding]
    dropped: Optional[list[DroppedCue]] = Field(
        default=None, description="only with ?skip_invalid=1: the invalid cues left out of the file, with their line")


class QcReport(_Answer):
    revision: int
    preset: str
    qc: list[Finding]


class Changes(_Answer):
    added: int
    removed: int
    changed: int
    restored_from: Optional[int] = Field(default=None, description="only on a restore: the revision restored")
    dropped: Optional[list[DroppedCue]] = Field(
        default=None, description="only on an import with skip_invalid: the invalid cues left out, with their line")


class RevisionSummary(_Answer):
    number: int
    author: str
    summary: str
    changes: Changes
    created_at: str = Field(description="ISO 8601, UTC")
    cues: int


class RevisionList(_Answer):
    revision: int = Field(description="the track's current revision")
    revisions: list[RevisionSummary] = Field(description="newest first, one page")
    next: Optional[str] = Field(description="the URL of the next (older) page, or null on the last")


class SnapshotCue(_Answer):
    start_ms: int
    end_ms: int
    text: str
    identifier: Optional[str]
    settings: Optional[str]
    status: Optional[CueStatus]


class DiffItem(_Answer):
    op: Literal["added", "removed", "changed"]
    position: int
    old: Optional[SnapshotCue]
    new: Optional[SnapshotCue]


class RevisionDetail(_Answer):
    number: int
    author: str
    summary: str
    changes: Changes
    cues: list[SnapshotCue]
    diff: list[DiffItem] = Field(description="against the revision before it")


# --- reports and views --------------------------------------------------------------------------

class EpisodeFigures(_Answer):
    number: int
    views: int
    unlocks: int
    revenue: str = _money()
    retention: Optional[float] = _ratio()
    continuation: Optional[float] = _ratio()


class WeakCliffhanger(_Answer):
    original_episode: int
    episode: int
    continuation: float
    original_continuation: float
    gap: float
    original_title: str
    original_cliffhanger: str
    original_cliffhanger_kind: Optional[CliffhangerKind]


class StoryPoint(_Answer):
    """The version on the original's episode numbers."""

    number: int
    views: int
    retention: Optional[float] = _ratio()
    continuation: Optional[float] = _ratio()


class VersionReport(_Answer):
    locale: str
    kind: VersionKind
    views: int
    unlocks: int
    revenue: str = _money()
    currency: str
    share_of_original: Optional[float] = _ratio()
    paywall_conversion: Optional[float] = _ratio()
    completion: Optional[float] = _ratio()
    revenue_per_1000_views: Optional[str] = _money()
    episodes: list[EpisodeFigures]
    weakest_cliffhangers: list[WeakCliffhanger]
    original_episodes: list[StoryPoint]


class SeriesReport(_Answer):
    series: str
    date_from: Optional[date] = Field(alias="from")
    date_to: Optional[date] = Field(alias="to")
    versions: list[VersionReport] = Field(description="the original first")


class PortfolioSeries(_Answer):
    series: str
    title: str
    views: int
    unlocks: int
    revenue: dict[str, str] = Field(description="per currency: amounts in different currencies are never added")
    versions: int


class PortfolioLocale(_Answer):
    locale: str
    views: int
    unlocks: int
    revenue: dict[str, str] = Field(description="per currency")
    versions: int


class PortfolioVersion(_Answer):
    series: str
    locale: str
    kind: VersionKind
    currency: str
    views: int
    unlocks: int
    revenue: str = _money()
    share_of_original: Optional[float] = _ratio()


class PortfolioReport(_Answer):
    date_from: Optional[date] = Field(alias="from")
    date_to: Optional[date] = Field(alias="to")
    views: int
    unlocks: int
    series: list[PortfolioSeries]
    locales: list[PortfolioLocale]
    versions: list[PortfolioVersion]


class IngestResult(_Answer):
    series: str
    rows: int
    inserted: int
    replaced: int
    months_recomputed: int
