"""Catalog rows as the plain dicts the API answers with (field names are the API contract)."""
from __future__ import annotations

from datetime import timezone
from decimal import Decimal

from localize.catalog.settings import effective_settings
from localize.locales import locale_name
from localize.models import Casting, CastingNote, Character, Episode, MarketVersion, Series


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _time(value) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.isoformat(timespec="seconds") + "Z"


def series_dict(series: Series) -> dict:
    return {
        "slug": series.slug, "title": series.title, "original_locale": series.original_locale,
        "original_locale_name": locale_name(series.original_locale),
        "episode_count": series.episode_count, "free_episodes": series.free_episodes,
        "logline": series.logline, "genre": series.genre,
        "unlock_price": _money(series.unlock_price), "currency": series.currency,
        "qc_preset": series.qc_preset, "rate_scheme": series.rate_scheme,
        "created_at": _time(series.created_at), "updated_at": _time(series.updated_at),
    }


def episode_dict(episode: Episode) -> dict:
    return {
        "number": episode.number, "title": episode.title, "cliffhanger": episode.cliffhanger,
        "cliffhanger_kind": episode.cliffhanger_kind, "duration_s": episode.duration_s,
        "video_url": episode.video_url,
    }


def version_dict(version: MarketVersion, series: Series, reader: str = "en") -> dict:
    settings = effective_settings(series, version)
    body = {
        "locale": version.locale, "kind": version.kind, "title": version.title,
        "status": version.status, "locale_name": locale_name(version.locale, reader),
        "release_date": version.release_date.isoformat() if version.release_date else None,
        "free_episodes": version.free_episodes, "unlock_price": _money(version.unlock_price),
        "currency": version.currency, "episode_count": version.episode_count,
        "episode_mapping": version.episode_mapping, "cut_episodes": version.cut_episodes or [],
        "qc_preset": version.qc_preset,
        "qc_overrides": version.qc_overrides,
        "rate_per_word": None if version.rate_per_word is None else f"{version.rate_per_word:.4f}",
        # What applies once overrides fall back to the series' values.
        "effective": {"free_episodes": settings.free_episodes, "unlock_price": _money(settings.unlock_price),
                      "currency": settings.currency, "episode_count": settings.episode_count},
    }
    if version.kind == "dub":
        body["script_length_ratio"] = settings.script_length_ratio
    return body


def character_dict(character: Character) -> dict:
    return {"id": character.id, "name": character.name, "description": character.description}


def note_dict(note: CastingNote) -> dict:
    return {"id": note.id, "text": note.text, "author": note.author, "created_at": _time(note.created_at)}


def casting_dict(version: MarketVersion, character: Character, casting: Casting | None,
                 notes: list[CastingNote]) -> dict:
    return {
        "character_id": character.id, "character": character.name, "locale": version.locale,
        "localized_name": casting.localized_name if casting else "",
        "actor": casting.actor if casting else "",
        "status": casting.status if casting else "open",
        "notes": [note_dict(n) for n in notes],
        "updated_at": _time(casting.updated_at) if casting else None,
    }
