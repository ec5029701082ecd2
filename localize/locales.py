"""BCP 47 locale tags, validated and named by Babel."""
from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from localize.errors import field_error


@lru_cache(maxsize=1024)
def _parse(tag: str) -> Locale | None:
    cleaned = tag.strip().replace("_", "-")
    if not cleaned or len(cleaned) > 35:
        return None
    try:
        parsed = Locale.parse(cleaned, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    # Babel falls back silently (es-ZZ becomes es_ES); a tag must name what it asked for.
    if str(parsed).lower() != cleaned.replace("-", "_").lower():
        return None
    return parsed


def normalize_locale(tag: object, field: str = "locale") -> str:
    """Return the canonical form of a locale tag (`es-mx` -> `es-MX`), or raise a 422 naming the field."""
    parsed = _parse(tag) if isinstance(tag, str) else None
    if parsed is None:
        raise field_error(field, f"unknown locale {tag!r}; use a BCP 47 tag such as es-MX, pt-BR or fr")
    return str(parsed).replace("_", "-")


def is_valid_locale(tag: str) -> bool:
    return isinstance(tag, str) and _parse(tag) is not None


def locale_name(tag: str, reader: str = "en") -> str:
    """Display name of a locale for a reader: es-MX is 'Spanish (Mexico)', 'español (México)' for es."""
    parsed = _parse(tag)
    if parsed is None:
        return tag
    reader_locale = _parse(reader) or Locale("en")
    return parsed.get_display_name(reader_locale) or tag


def language_of(tag: str) -> str:
    parsed = _parse(tag)
    return parsed.language if parsed else tag.split("-")[0].lower()
