"""Request bodies of translation memory's endpoints, validated with pydantic (422s name the field)."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

from localize.errors import ValidationFailed

Scope = Literal["script", "subtitles"]


class PretranslateBody(BaseModel):
    """POST .../versions/<locale>/pretranslate: what to fill, from how close a match, and whether by machine."""

    model_config = ConfigDict(extra="forbid")

    episodes: Optional[list[StrictInt]] = Field(default=None, max_length=2000,
                                                description="the version's episode numbers (default: all)")
    scope: list[Scope] = Field(default=["script", "subtitles"], min_length=1, max_length=2,
                               description="what to fill: the script, the subtitles, or both")
    min_score: StrictInt = Field(default=100, ge=75, le=100,
                                 description="fuzzy matches at or above it fill as `fuzzy`; 100: exact and context only")
    machine: StrictBool = Field(default=False, description="machine-translate what memory does not fill")


def parse(model: type[BaseModel], data: object):
    """Validate a body; a ValidationFailed (422) names each field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = [{"field": str(err["loc"][0]) if err["loc"] else "body",
                    "message": err["msg"].removeprefix("Value error, ")}
                   for err in exc.errors(include_url=False, include_input=False)]
        raise ValidationFailed("invalid fields: " + ", ".join(dict.fromkeys(d["field"] for d in details)),
                               details) from None
