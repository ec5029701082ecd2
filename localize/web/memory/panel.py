"""What a page gives editor-memory.js: locales, the panel's URLs and sentences, speakers, script context."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _

from localize.catalog import service as catalog
from localize.db import request_session
from localize.errors import Conflict
from localize.machinery import MachineTranslationError, Provider, provider_from_config
from localize.models import Series
from localize.scripts.store import listed_segments


def configured_provider() -> Provider | None:
    """The machine translation provider of the configuration; a provider we do not know is a 409."""
    try:
        return provider_from_config(current_app.config)
    except MachineTranslationError as exc:
        raise Conflict(f"machine translation is not usable: {exc}") from None


def machine_enabled() -> bool:
    try:
        return configured_provider() is not None
    except Conflict:
        return False


def script_context(scripts) -> dict[str, dict]:
    """For each line of the source scripts, by id: the previous line and (dialogue) its character id,
    the context a memory entry of that line was saved with."""
    session, out = request_session(), {}
    for script in scripts:
        previous = None
        for seg in listed_segments(session, script):
            out[str(seg.id)] = {"previous": previous, "speaker": seg.character_id if seg.kind == "dialogue" else None}
            previous = seg.text
    return out


def panel_data(series: Series, source_locale: str | None, target_locale: str, *, editable: bool,
               context: dict | None = None) -> dict | None:
    """What editor-memory.js starts from; None where there is no source to look up."""
    if not source_locale or source_locale == target_locale:
        return None
    session = request_session()
    return {
        "source_locale": source_locale, "target_locale": target_locale, "editable": editable,
        "urls": {"matches": url_for("memory.api.matches"),
                 "machine": url_for("memory.api.machine") if editable and machine_enabled() else None},
        "speakers": {str(c.id): c.name for c in catalog.list_characters(session, series)},
        "context": context or {},
        "strings": {
            "empty": _("No memory match for this line."), "loading": _("Looking up memory…"),
            "failed": _("Memory could not be reached."), "pick": _("Select a line to see suggestions."),
            "insert": _("Insert"), "machine": _("Machine translation"),
            "machine_failed": _("No machine suggestion: %(reason)s"),
            "context": _("context"), "exact": _("exact"), "fuzzy": _("fuzzy"),
            "episode": _("episode %(n)s"), "script": _("script"), "subtitles": _("subtitles"), "tmx": _("TMX"),
            "inserted": _("Suggestion inserted: save to keep it."),
        },
    }
