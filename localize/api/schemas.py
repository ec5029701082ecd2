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

from localize.models import (CASTING_STATUSES, CLIFFHANGER_KINDS, CUE_STATUSES, SEGMENT_KINDS,
                             SEGMENT_STATUSES, VERSION_KINDS, VERSION_STATUSES)

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
    database: Literal["sqlite", "postgresql"]


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
    rate_scheme: Optional[dict[str, float]] = Field(
        description="percent of the full rate per leverage band it sets, e.g. {\"exact\": 15}; null: the defaults")
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
    cut_episodes: list[int] = Field(description="original episodes this version leaves out on purpose")
    ready_episodes: int = Field(description="episodes ready in this market (what its kind needs, earned in it)")
    qc_preset: Optional[str]
    qc_overrides: Optional[dict[str, Optional[float]]]
    rate_per_word: Optional[str] = Field(pattern=r"^\d+\.\d{4}$",
                                         description="the full price of one source word, e.g. '0.0800'")
    effective: Effective
    script_length_ratio: Optional[ScriptLengthRatio] = Field(
        default=None, description="dubs only: how much shorter (min) or longer (max) than its source a line may be")
    scripts: list[ScriptState] = Field(description="each episode's script: segments by status, outdated ones")


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

def _has_data():
    return Field(description="false when the period has no views: then every ratio is null (not 0) and "
                             "the counts are 0")


class DataRange(_Answer):
    """The first and last day with stored views, whatever the period asked for."""

    first: date
    last: date


def _data_range():
    return Field(description="the days with stored views (null when none are stored), to say which "
                             "dates have data when a period has none")


class EpisodeFigures(_Answer):
    number: int
    original_episode: Optional[str] = Field(
        description="the original's episode(s) this episode tells: '7', or '2-3' for a remake episode that "
                    "merges two; null for new material")
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
    paywall: bool = Field(description="true for the version's paywall crossing (its last free episode to its "
                                      "first paid one), compared with the original's paywall crossing")
    original_compared_episode: int = Field(
        description="the original episode whose continuation is original_continuation: original_episode, "
                    "or the original's last free episode for a paywall crossing")
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
    has_data: bool = _has_data()
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
    has_data: bool = Field(description="false when no version has views in the period")
    data_range: Optional[DataRange] = _data_range()
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
    has_data: bool = _has_data()
    views: int
    unlocks: int
    revenue: str = _money()
    share_of_original: Optional[float] = _ratio()


class PortfolioReport(_Answer):
    date_from: Optional[date] = Field(alias="from")
    date_to: Optional[date] = Field(alias="to")
    has_data: bool = Field(description="false when the catalog has no views in the period")
    data_range: Optional[DataRange] = _data_range()
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


# --- scripts ------------------------------------------------------------------------------------

SegmentKind = Literal[SEGMENT_KINDS]  # type: ignore[valid-type]
SegmentStatus = Literal[SEGMENT_STATUSES]  # type: ignore[valid-type]
Scalar = Union[int, float, str, None]


class ScriptLengthRatio(_Answer):
    min: float
    max: float


class ScriptState(_Answer):
    episode: int
    segments: dict[str, int] = Field(description="segments by status")
    outdated: int


class ScriptCharacter(_Answer):
    id: Optional[int] = Field(description="null for a speaker no character of the series matches")
    name: str = Field(description="the version's name for the character (its casting's), or the name as written")


class ScriptSource(_Answer):
    id: int
    text: str = Field(description="the original segment's current text")
    written_against: Optional[str] = Field(description="the source text this adaptation was written from")
    removed: bool = Field(description="the original segment was deleted by a later draft")


class ScriptSegment(_Answer):
    id: int
    position: int
    kind: SegmentKind
    character: Optional[ScriptCharacter]
    extension: Optional[str]
    parenthetical: Optional[str]
    dual: bool
    text: str
    source: Optional[ScriptSource]
    status: SegmentStatus
    outdated: bool
    note: str


class Script(_Answer):
    revision: int
    etag: str
    segments: list[ScriptSegment]


class ScriptFinding(_Answer):
    segment: int = Field(description="1-based position of the segment")
    rule: str = Field(description="untranslated, outdated, original-name, unknown-speaker, empty, numbers, length-ratio, "
                                  "glossary, forbidden-term")
    severity: Severity
    message: str
    value: Scalar
    limit: Scalar


class ScriptSaveResult(_Answer):
    segments: int = Field(description="how many segments the script has now")
    revision: int
    checks: list[ScriptFinding]
    created_characters: list[str] = Field(description="characters an original's import added to the series")


class ScriptChecks(_Answer):
    revision: int
    checks: list[ScriptFinding]


class ScriptRevisionSummary(_Answer):
    number: int
    author: str
    summary: str
    changes: Changes
    created_at: str = Field(description="ISO 8601, UTC")
    segments: int


class ScriptRevisionList(_Answer):
    revision: int = Field(description="the script's current revision")
    revisions: list[ScriptRevisionSummary] = Field(description="newest first, one page")
    next: Optional[str] = Field(description="the URL of the next (older) page, or null on the last")


class SnapshotSegment(_Answer):
    id: Optional[int]
    kind: SegmentKind
    text: str
    character_id: Optional[int]
    speaker: Optional[str]
    extension: Optional[str]
    parenthetical: Optional[str]
    dual: bool
    source_id: Optional[int]
    status: SegmentStatus
    note: str
    outdated: bool
    written_against: Optional[str]


class ScriptDiffItem(_Answer):
    op: Literal["added", "removed", "changed"]
    position: int
    old: Optional[SnapshotSegment]
    new: Optional[SnapshotSegment]


class ScriptRevisionDetail(_Answer):
    number: int
    author: str
    summary: str
    changes: Changes
    segments: list[SnapshotSegment]
    diff: list[ScriptDiffItem] = Field(description="against the revision before it")


class RenameChange(_Answer):
    kind: Literal["script", "subtitles"]
    episode: int
    language: str
    revision: int
    replacements: int


class RenameResult(_Answer):
    changed: list[RenameChange]


class AuditActor(_Answer):
    id: Optional[int] = Field(description="null for the command line")
    email: str


class AuditObject(_Answer):
    type: str = Field(description="series, version, episode, character, casting, user...")
    id: str = Field(description="its address, e.g. the-heir-returns/es-MX/3")


class AuditItem(_Answer):
    id: int
    at: str = Field(description="ISO 8601, UTC")
    actor: AuditActor
    action: str = Field(description="what was done, e.g. version_update, tokens_create")
    object: AuditObject
    details: dict[str, Any] = Field(description="method, path, status and the fields sent (secrets hidden)")


class AuditLog(_Answer):
    entries: list[AuditItem] = Field(description="newest first")


for _model in (Version, SeriesDetail, VersionList):  # they name script models defined above them
    _model.model_rebuild()


# --- translation memory -----------------------------------------------------------------------

class MemoryOrigin(_Answer):
    series: Optional[str] = Field(description="the slug of the series of its latest use (null from a TMX file)")
    version: Optional[str] = Field(description="the locale of that market version")
    episode: Optional[int]
    kind: Literal["script", "subtitles", "tmx"]
    speaker: Optional[int] = Field(description="script dialogue: the original's character id")


class MemoryMatch(_Answer):
    source: str
    target: str
    score: int = Field(ge=0, le=101, description="101 context, 100 exact, 50-99 fuzzy")
    kind: Literal["context", "exact", "fuzzy"]
    origin: MemoryOrigin
    updated_at: datetime = Field(description="its latest use")


class MemoryMatches(_Answer):
    matches: list[MemoryMatch] = Field(description="best first; of equal scores the newest first")


class MemorySkipped(_Answer):
    line: int = Field(description="the <tu>'s line in the file")
    reason: str


class MemoryImportResult(_Answer):
    units: int = Field(description="<tu> elements read")
    added: int = Field(description="pairs new to the memory")
    updated: int = Field(description="pairs it knew, now with this use as their latest")
    skipped: list[MemorySkipped]


# --- leverage ---------------------------------------------------------------------------------

class LeverageCount(_Answer):
    segments: int = Field(ge=0)
    words: int = Field(ge=0, description="source words (Han and kana characters count one each)")


class LeverageBands(_Answer):
    """Source segments and words per band; `repetition` is the 2nd and later occurrence in the range."""

    repetition: LeverageCount
    context: LeverageCount = Field(description="101: exact, with the same previous segment or speaker")
    exact: LeverageCount = Field(description="100")
    band_95_99: LeverageCount = Field(alias="95-99")
    band_85_94: LeverageCount = Field(alias="85-94")
    band_75_84: LeverageCount = Field(alias="75-84")
    band_50_74: LeverageCount = Field(alias="50-74")
    new: LeverageCount = Field(description="no match of 50 or more")


def _weighted():
    return Field(pattern=r"^\d+\.\d{2}$", description="words weighted by the rate scheme's percent per band, e.g. '41.25'")


class LeverageEpisode(_Answer):
    number: int = Field(description="the version's episode")
    bands: LeverageBands
    weighted_words: str = _weighted()
    cost: Optional[str] = Field(pattern=r"^\d+\.\d{2}$", description="null without a rate per word")


class Leverage(_Answer):
    bands: LeverageBands
    weighted_words: str = _weighted()
    rate_per_word: Optional[str] = Field(pattern=r"^\d+\.\d{4}$", description="the version's; null when unset")
    currency: str = Field(description="the version's currency (else the series')")
    cost: Optional[str] = Field(pattern=r"^\d+\.\d{2}$",
                                description="weighted words times the rate per word; null without a rate")
    episodes: list[LeverageEpisode]


class XliffImportResult(_Answer):
    """PUT of an XLIFF file: what it changed, as one new revision (or none)."""

    applied: int = Field(description="units whose target (or state) the file changed, applied as one revision")
    unchanged: int = Field(description="units the file left as exported, or that say what is here already")
    revision: int = Field(description="the script's or track's revision after the import")
    checks: list[Union[Finding, ScriptFinding]] = Field(description="the script checks or subtitle QC after it")

# --- glossary ---------------------------------------------------------------------------------

class GlossaryEntryOut(_Answer):
    id: Union[int, str] = Field(description="an integer for stored entries; `name-<casting id>` for casting's names")
    source: str
    target_locale: str
    target: str
    kind: Literal["term", "name", "forbidden", "keep"]
    note: str
    case_sensitive: bool
    from_casting: bool = Field(description="a renamed character read from casting: change it there")


class GlossaryEntries(_Answer):
    entries: list[GlossaryEntryOut]


class GlossarySkipped(_Answer):
    row: int = Field(description="the row in the file (the header is row 1)")
    source: str
    reason: str


class GlossaryImportResult(_Answer):
    rows: int = Field(description="rows read, skipped ones included")
    added: int
    updated: int
    unchanged: int
    skipped: list[GlossarySkipped]


# --- background jobs ---------------------------------------------------------------------------

class JobProgress(_Answer):
    done: int = Field(ge=0, description="steps done (episodes, for a pre-translation)")
    total: int = Field(ge=0, description="steps in all; 0 until the job has counted them")


class JobState(_Answer):
    id: str = Field(description="random and unguessable")
    kind: str = Field(description="what the job does, e.g. pretranslate")
    status: Literal["queued", "running", "done", "failed"]
    progress: JobProgress
    result: Optional[dict[str, Any]] = Field(
        description="when done: the answer the request would have given had it run at once; else null")
    error: Optional[str] = Field(description="when failed: why (and whether steps before it were saved); else null")
    created_at: datetime
    finished_at: Optional[datetime]


class JobList(_Answer):
    jobs: list[JobState] = Field(description="newest first")


class JobAccepted(_Answer):
    """202: the work runs in the background; GET the job's URL (also in `Location`) for its progress."""

    job: str = Field(description="the job's URL, /api/v1/jobs/<id>")


# --- pre-translation --------------------------------------------------------------------------

class PretranslateFilled(_Answer):
    context: int = Field(ge=0, description="segments filled from 101% matches, as `translated`")
    exact: int = Field(ge=0, description="from 100% matches, as `translated`")
    fuzzy: int = Field(ge=0, description="from fuzzy matches at or above min_score, as `fuzzy`")
    machine: int = Field(ge=0, description="by machine translation, as `machine`")


class PretranslateFailure(_Answer):
    episode: int
    kind: Literal["script", "subtitles"]
    position: Optional[int] = Field(description="the segment's or cue's position (null: the whole script or track)")
    reason: str


class PretranslateResult(_Answer):
    filled: PretranslateFilled
    left: int = Field(ge=0, description="segments and cues still empty (`new` or `untranslated`)")
    failed: list[PretranslateFailure] = Field(description="segments machine translation could not fill; "
                                                          "they keep their state")
    revisions: int = Field(ge=0, description="scripts and tracks saved (one revision each)")


# --- machine suggestion (the editors' suggestion panel) ---------------------------------------

class MachineSuggestion(_Answer):
    provider: str = Field(description="the configured machine translation provider, e.g. libre")
    text: str = Field(description="the machine's translation: a suggestion, never remembered as human work")
