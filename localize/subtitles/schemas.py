"""JSON bodies of the subtitle endpoints (API and editor), validated by pydantic. No Flask here.

A problem inside a cue is reported as {"field", "cue": n, "message"} (n counts from 1), the
shape clients show next to the row; any other problem as {"field", "message"}.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional, TypeVar

from pydantic import (BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

from localize.errors import ValidationFailed
from localize.models import CUE_STATUSES
from localize.subtitles import formats

CueStatus = Literal[CUE_STATUSES]  # type: ignore[valid-type]  # the tuple's values, listed in the schema
# Numbers only: strict, so true and "2" are refused rather than read as 1 and 2 (ints are fine).
Seconds = Annotated[float, Field(strict=True, ge=0, le=86_400)]
Millis = Annotated[float, Field(strict=True, ge=0, le=86_400_000)]


class _Body(BaseModel):
    # Read-only keys a client sends back (a cue's position, a track's etag) are ignored.
    model_config = ConfigDict(extra="ignore")


class CueIn(_Body):
    """One cue as a client sends it: times in seconds (start, end) or milliseconds (start_ms, end_ms)."""

    start: Optional[Seconds] = None
    end: Optional[Seconds] = None
    start_ms: Optional[Millis] = Field(default=None, description="wins over start when both are sent")
    end_ms: Optional[Millis] = Field(default=None, description="wins over end when both are sent")
    text: StrictStr = ""
    identifier: Optional[StrictStr] = Field(default=None, max_length=200)
    settings: Optional[StrictStr] = Field(default=None, max_length=200,
                                          description="WebVTT cue settings, e.g. 'align:start'")
    status: Optional[CueStatus] = None

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        if "-->" in value:
            raise ValueError("cue text cannot contain '-->'")
        bad = formats.control_character(value)
        if bad is not None:  # no subtitle file can carry it: the track would not export
            raise ValueError(f"cue text cannot contain the control character U+{ord(bad):04X}")
        return value

    @field_validator("identifier", "settings")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is not None and ("\n" in value or "\r" in value or "-->" in value
                                  or formats.control_character(value) is not None):
            raise ValueError("must be one line of text")
        return value

    @model_validator(mode="after")
    def _timing(self):
        start, end = self.start_millis, self.end_millis
        for name, value in (("start", start), ("end", end)):
            if value is None:
                raise _cue_error(name, f"a time in seconds ({name}) or ms ({name}_ms) is required")
        if end <= start:
            raise _cue_error("end", "the cue ends before it starts")
        return self

    @property
    def start_millis(self) -> int | None:
        return _millis(self.start_ms, self.start)

    @property
    def end_millis(self) -> int | None:
        return _millis(self.end_ms, self.end)

    def row(self) -> dict:
        """The cue as the store writes it."""
        return {"start_ms": self.start_millis, "end_ms": self.end_millis, "text": _clean_text(self.text),
                "identifier": self.identifier or None, "settings": self.settings or None,
                "status": self.status}


def _millis(ms: float | None, seconds: float | None) -> int | None:
    if ms is not None:
        return int(ms)
    return None if seconds is None else round(seconds * 1000)


def _clean_text(text: str) -> str:
    # A blank line would end the cue in a VTT or SRT file, so blank lines are dropped; lines are
    # right-stripped as a file's are on import, so what is saved is what its export reads back.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # a lone CR ends a line in VTT too
    return "\n".join(line.rstrip() for line in lines if line.strip())


def _cue_error(field: str, message: str) -> PydanticCustomError:
    # A rule across fields has no field of its own in pydantic's location; ctx carries it.
    return PydanticCustomError("cue_timing", "{message}", {"field": field, "message": message})


class CueList(_Body):
    cues: list[CueIn]


class SaveBody(_Body):
    """PUT .../subtitles/<lang> as JSON: the whole track's cues as a new revision."""

    revision: Optional[StrictInt] = Field(
        default=None, description="the revision the cues were edited from (If-Match wins when sent)")
    cues: list[CueIn]
    summary: Optional[str] = Field(default=None, description="the revision's summary")


class EditorSaveBody(SaveBody):
    """The editor's save: it always names the revision the page was loaded at (0: a new track)."""

    revision: StrictInt


class RestoreBody(_Body):
    """The editor's restore of an old revision, naming the revision the page shows."""

    revision: StrictInt


class TranslateBody(_Body):
    """POST .../translate: start a track from a source track's timings."""

    source_locale: Optional[StrictStr] = Field(default=None, description="the source track's market version")
    source_language: Optional[StrictStr] = Field(default=None, description="default: the series' original locale")
    prefill: Optional[Literal["machine"]] = Field(default=None, description="fill cues by machine translation")


Body = TypeVar("Body", bound=BaseModel)


def parse(model: type[Body], data: object) -> Body:
    """Validate a body; ValidationFailed (422) names each field, and the cue for a cue's field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = problems(exc)
        if any("cue" in d for d in details):
            raise ValidationFailed(f"{len(details)} problem(s) in the cues", details) from None
        raise ValidationFailed("invalid fields: " + ", ".join(d["field"] for d in details), details) from None


def parse_cues(cues: object) -> list[CueIn]:
    """Validate a list of cue objects (models pass through as they are)."""
    return parse(CueList, {"cues": cues}).cues


def problems(exc: ValidationError) -> list[dict]:
    """pydantic's errors as the details of a 422."""
    details = []
    for err in exc.errors(include_url=False, include_input=False):
        loc, message = err["loc"], err["msg"].removeprefix("Value error, ")
        if len(loc) >= 2 and loc[0] == "cues" and isinstance(loc[1], int):
            field = (err.get("ctx") or {}).get("field") or (str(loc[2]) if len(loc) > 2 else "cues")
            details.append({"field": field, "cue": loc[1] + 1, "message": message})
        else:
            details.append({"field": ".".join(str(part) for part in loc) or "body", "message": message})
    return details
