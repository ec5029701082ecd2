"""JSON bodies of the script endpoints, validated by pydantic. No Flask here.

A problem inside a segment is reported as {"field", "segment": n, "message"} (n counts from 1);
any other problem as {"field", "message"}.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import (BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError,
                      field_validator)

from localize.errors import ValidationFailed
from localize.models import SEGMENT_KINDS, SEGMENT_STATUSES

SegmentKind = Literal[SEGMENT_KINDS]  # type: ignore[valid-type]
SegmentStatus = Literal[SEGMENT_STATUSES]  # type: ignore[valid-type]
MAX_SEGMENTS = 5000


def storable(value: str | None) -> str | None:
    """Refuse text a database cannot keep: NUL characters and lone surrogates."""
    if value is None:
        return value
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text (no lone surrogates)") from None
    return value


class _Body(BaseModel):
    # Read-only keys a client sends back (position, a source's text) are ignored.
    model_config = ConfigDict(extra="ignore")


class CharacterRef(_Body):
    """A speaker: a series character by `id`, or by `name` (a casting or series name)."""

    id: Optional[StrictInt] = None
    name: Optional[StrictStr] = Field(default=None, max_length=200)

    _text = field_validator("name")(storable)


class SourceRef(_Body):
    id: StrictInt


class SegmentIn(_Body):
    """One segment as a client sends it: the GET shape; a new segment has no `id`."""

    id: Optional[StrictInt] = Field(default=None, description="an existing segment's id; none for a new one")
    kind: SegmentKind
    text: StrictStr = Field(default="", max_length=20_000)
    character: Optional[CharacterRef] = Field(default=None, description="dialogue's speaker: {\"id\"} or null")
    extension: Optional[StrictStr] = Field(default=None, max_length=50, description="V.O., O.S., CONT'D")
    parenthetical: Optional[StrictStr] = Field(default=None, max_length=1000)
    dual: StrictBool = Field(default=False, description="the second speech of a dual-dialogue pair")
    source: Optional[SourceRef] = Field(default=None, description="the original segment this one adapts")
    status: Optional[SegmentStatus] = Field(default=None, description="adaptations only; cut needs a note")
    outdated: Optional[StrictBool] = Field(default=None, description="send false to confirm an outdated line")
    note: Optional[StrictStr] = Field(default=None, max_length=5000)

    _text = field_validator("text", "extension", "parenthetical", "note")(storable)


class ScriptSaveBody(_Body):
    """PUT .../script as JSON: every segment, in order, as a new revision."""

    revision: Optional[StrictInt] = Field(
        default=None, description="the revision the segments were edited from (If-Match wins when sent)")
    segments: list[SegmentIn] = Field(max_length=MAX_SEGMENTS)
    summary: Optional[StrictStr] = Field(default=None, max_length=500, description="the revision's summary")

    _text = field_validator("summary")(storable)


def body_drafts(body: ScriptSaveBody) -> list[dict]:
    """The segments of a JSON save as drafts for store.save (the API and the script page send the same shape)."""
    out = []
    for s in body.segments:
        character = s.character
        out.append(dict(
            id=s.id, kind=s.kind, text=s.text, character_id=character.id if character else None,
            speaker=character.name if character and character.id is None else None, extension=s.extension or None,
            parenthetical=s.parenthetical or None, dual=s.dual, source_id=s.source.id if s.source else None,
            status=s.status, note=s.note, outdated=s.outdated))
    return out


class ScriptTranslateBody(_Body):
    """POST .../script/translate: start a version's script from another version's (default the original)."""

    source_locale: Optional[StrictStr] = Field(default=None, description="default: the original version")
    prefill: Optional[Literal["machine"]] = Field(default=None, description="fill segments by machine translation")


class RenameBody(_Body):
    """POST .../rename: replace a character's old name with the new one in the version's texts."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    character: StrictInt
    from_: StrictStr = Field(alias="from", min_length=1, max_length=200)
    to: StrictStr = Field(min_length=1, max_length=200)

    _text = field_validator("from_", "to")(storable)


def parse(model: type[BaseModel], data: object):
    """Validate a body; ValidationFailed (422) names each field, and the segment for a segment's field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = []
        for err in exc.errors(include_url=False, include_input=False):
            loc, message = err["loc"], err["msg"].removeprefix("Value error, ")
            if len(loc) >= 2 and loc[0] == "segments" and isinstance(loc[1], int):
                field = ".".join(str(part) for part in loc[2:]) or "segments"
                details.append({"field": field, "segment": loc[1] + 1, "message": message})
            else:
                details.append({"field": ".".join(str(part) for part in loc) or "body", "message": message})
        what = "the segments" if any("segment" in d for d in details) else "the body"
        raise ValidationFailed(f"{len(details)} problem(s) in {what}: " + "; ".join(
            (f"segment {d['segment']} " if "segment" in d else "") + f"{d['field']}: {d['message']}"
            for d in details[:5]), details) from None
