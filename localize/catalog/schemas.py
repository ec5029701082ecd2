"""Request bodies of the catalog API, validated by pydantic (field names are the API contract)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from localize.models import (CASTING_STATUSES, CLIFFHANGER_KINDS, LEVERAGE_BANDS, VERSION_KINDS,
                             VERSION_STATUSES)

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$"


class _Body(BaseModel):
    # Read-only fields sent back by clients (id, locale_name...) are ignored, not refused.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def _one_of(value, allowed, what):
    if value is not None and value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}")
    return value


def _enum(values: tuple[str, ...], **kw):
    """A field whose schema lists its allowed values (and null when it may be left out); the
    validators below word the refusal."""
    allowed = list(values) + ([None] if "default" in kw and kw["default"] is None else [])
    return Field(json_schema_extra={"enum": allowed}, **kw)


def _rate_scheme(value):
    """Percent of the full rate per leverage band: known bands, each 0-100 (unset bands keep the defaults)."""
    if value is None:
        return value
    unknown = sorted(set(value) - set(LEVERAGE_BANDS))
    if unknown:
        raise ValueError(f"unknown band(s): {', '.join(unknown)}; a rate scheme sets {', '.join(LEVERAGE_BANDS)}")
    for band, percent in value.items():
        if not 0 <= percent <= 100:
            raise ValueError(f"{band} must be a percent from 0 to 100")
    return {band: (int(p) if float(p).is_integer() else float(p)) for band, p in value.items()}


# A rate scheme in percent, e.g. {"exact": 15, "95-99": 35}.
RateScheme = Optional[dict[str, Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]]]


def _currency(value):
    if value is not None and (len(value) != 3 or not value.isalpha()):
        raise ValueError("currency must be an ISO 4217 code such as USD, MXN or BRL")
    return value.upper() if value else value


class SeriesCreate(_Body):
    slug: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    original_locale: str
    episode_count: int = Field(ge=1, le=1000)
    free_episodes: int = Field(ge=0, le=1000)
    logline: str = Field(default="", max_length=5000)
    genre: str = Field(default="", max_length=100)
    unlock_price: Optional[Decimal] = Field(default=None, ge=0, max_digits=10, decimal_places=2)
    currency: str = "USD"
    qc_preset: Optional[str] = None
    rate_scheme: RateScheme = None

    _check_currency = field_validator("currency")(_currency)
    _check_rate_scheme = field_validator("rate_scheme")(_rate_scheme)


class SeriesUpdate(_Body):
    title: Optional[str] = Field(default=None, min_length=1, max_length=300)
    episode_count: Optional[int] = Field(default=None, ge=1, le=1000)
    free_episodes: Optional[int] = Field(default=None, ge=0, le=1000)
    logline: Optional[str] = Field(default=None, max_length=5000)
    genre: Optional[str] = Field(default=None, max_length=100)
    unlock_price: Optional[Decimal] = Field(default=None, ge=0, max_digits=10, decimal_places=2)
    currency: Optional[str] = None
    qc_preset: Optional[str] = None
    rate_scheme: RateScheme = None

    _check_currency = field_validator("currency")(_currency)
    _check_rate_scheme = field_validator("rate_scheme")(_rate_scheme)


class EpisodeCreate(_Body):
    number: int = Field(ge=1, le=1000)
    title: str = Field(default="", max_length=300)
    cliffhanger: str = Field(default="", max_length=2000)
    cliffhanger_kind: Optional[str] = _enum(CLIFFHANGER_KINDS, default=None)
    duration_s: Optional[int] = Field(default=None, ge=1, le=7200)
    video_url: Optional[str] = Field(default=None, max_length=1000, pattern=r"^https?://")

    @field_validator("cliffhanger_kind")
    @classmethod
    def _kind(cls, value):
        return _one_of(value or None, CLIFFHANGER_KINDS, "cliffhanger_kind")


class EpisodeUpdate(EpisodeCreate):
    number: Optional[int] = Field(default=None, ge=1, le=1000)


class LengthRatio(BaseModel):
    """How much shorter (min) or longer (max) than its source a dubbed line may be, in characters."""

    model_config = ConfigDict(extra="forbid")
    min: float = Field(ge=0.1, le=1.0)
    max: float = Field(ge=1.0, le=10.0)

    @model_validator(mode="after")
    def _order(self):
        if self.min >= self.max:
            raise ValueError("min must be below max")
        return self


class VersionCreate(_Body):
    locale: str
    kind: str = _enum(VERSION_KINDS)
    title: str = Field(default="", max_length=300)
    status: str = _enum(VERSION_STATUSES, default="planned")
    release_date: Optional[date] = None
    free_episodes: Optional[int] = Field(default=None, ge=0, le=1000)
    unlock_price: Optional[Decimal] = Field(default=None, ge=0, max_digits=10, decimal_places=2)
    currency: Optional[str] = None
    episode_count: Optional[int] = Field(default=None, ge=1, le=1000)
    episode_mapping: Optional[dict[int, list[int]]] = None
    # Original episodes the version leaves out on purpose (a remake drops a subplot).
    cut_episodes: Optional[list[Annotated[int, Field(ge=1, le=1000)]]] = Field(default=None, max_length=1000)
    qc_preset: Optional[str] = None
    # Per-version changes to the preset's limits, e.g. {"max_chars_per_line": 32}.
    qc_overrides: Optional[dict[str, Optional[float]]] = None
    # A dub's allowed length of a line against its source, in characters: {"min": 0.7, "max": 1.3}.
    script_length_ratio: Optional[LengthRatio] = None
    # The full price of one source word, in the version's currency (leverage weighs it per band).
    rate_per_word: Optional[Decimal] = Field(default=None, ge=0, max_digits=10, decimal_places=4)

    _check_currency = field_validator("currency")(_currency)

    @field_validator("qc_overrides")
    @classmethod
    def _overrides(cls, value):
        # Names and numbers here; whether they fit the preset that applies is the service's check.
        if value:
            from localize.presets import LIMITS
            unknown = sorted(set(value) - set(LIMITS))
            if unknown:
                raise ValueError(f"unknown preset field(s): {', '.join(unknown)}; "
                                 f"overrides may change {', '.join(LIMITS)}")
            return {k: (int(v) if v is not None and float(v).is_integer() else v) for k, v in value.items()}
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value):
        return _one_of(value, VERSION_KINDS, "kind")

    @field_validator("status")
    @classmethod
    def _status(cls, value):
        return _one_of(value, VERSION_STATUSES, "status")


class VersionUpdate(VersionCreate):
    locale: Optional[str] = None
    kind: Optional[str] = _enum(VERSION_KINDS, default=None)
    status: Optional[str] = _enum(VERSION_STATUSES, default=None)


class CharacterCreate(_Body):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)


class CastingUpdate(_Body):
    localized_name: Optional[str] = Field(default=None, max_length=200)
    actor: Optional[str] = Field(default=None, max_length=200)
    status: Optional[str] = _enum(CASTING_STATUSES, default=None)

    @field_validator("status")
    @classmethod
    def _status(cls, value):
        return _one_of(value, CASTING_STATUSES, "status")


class NoteCreate(_Body):
    text: str = Field(min_length=1, max_length=5000)
