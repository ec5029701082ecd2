"""Request bodies of the glossary API, validated by pydantic (field names are the API contract)."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from localize.models import GLOSSARY_KINDS

KINDS = {"json_schema_extra": {"enum": list(GLOSSARY_KINDS)}}


class _Body(BaseModel):
    # Read-only fields sent back by clients (id, from_casting) are ignored, not refused.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, strict=True)


class GlossaryEntryCreate(_Body):
    target_locale: str = Field(max_length=35, description="the BCP 47 locale of the translation, e.g. es-MX")
    source: str = Field(min_length=1, max_length=300, description="the term as the original writes it")
    target: str = Field(default="", max_length=300,
                        description="its translation (for `forbidden`: the translation not to use; "
                                    "for `keep`: may stay empty)")
    kind: str = Field(default="term", **KINDS)
    note: str = Field(default="", max_length=2000)
    case_sensitive: bool = False


class GlossaryEntryUpdate(_Body):
    source: Optional[str] = Field(default=None, min_length=1, max_length=300)
    target: Optional[str] = Field(default=None, max_length=300)
    kind: Optional[str] = Field(default=None, **KINDS)
    note: Optional[str] = Field(default=None, max_length=2000)
    case_sensitive: Optional[bool] = None
