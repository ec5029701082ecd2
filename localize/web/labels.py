"""Words the pages show for stored codes (kinds, statuses, roles), in the reader's language."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from localize.locales import locale_name

LABELS = {
    "kind": {"original": _l("original"), "remake": _l("remake"), "dub": _l("dub"),
             "subtitled": _l("subtitled")},
    "version_status": {"planned": _l("planned"), "adapting": _l("adapting"), "casting": _l("casting"),
                       "shooting": _l("shooting"), "post-production": _l("post-production"),
                       "released": _l("released")},
    "casting_status": {"open": _l("open"), "auditioning": _l("auditioning"),
                       "shortlisted": _l("shortlisted"), "offered": _l("offered"),
                       "confirmed": _l("confirmed")},
    "cliffhanger": {"reveal": _l("reveal"), "threat": _l("threat"), "death": _l("death"),
                    "kiss": _l("kiss"), "look": _l("look"), "betrayal": _l("betrayal"),
                    "arrival": _l("arrival"), "confession": _l("confession"),
                    "accident": _l("accident"), "other": _l("other")},
    "role": {"admin": _l("admin"), "lead": _l("localization lead"), "translator": _l("translator"),
             "marketing": _l("marketing")},
}


# QC presets by id, in the reader's language (the stored names and the API stay English).
PRESET_NAMES = {
    "netflix-en-us": _l("Netflix English (USA)"),
    "netflix-latin": _l("Netflix other Latin-script languages"),
    "netflix-ja": _l("Netflix Japanese"),
    "netflix-ko": _l("Netflix Korean"),
    "netflix-zh": _l("Netflix Chinese (Simplified and Traditional)"),
    "vertical-9x16": _l("Vertical 9:16 social (short-form phones)"),
    "amara": _l("Amara editor warnings"),
}


def preset_name(preset) -> str:
    """A preset's name for the reader (an unknown or overridden preset keeps its own name)."""
    if preset is None:
        return ""
    if isinstance(preset, dict):  # the editor's page data carries presets as dicts
        return str(PRESET_NAMES.get(preset.get("id"), preset.get("name", "")))
    return str(PRESET_NAMES.get(preset.id, preset.name))


def label(group: str, value: str | None) -> str:
    """The reader's word for a stored code; unknown codes are shown as they are."""
    if value is None:
        return ""
    return str(LABELS[group].get(value, value))


def options(group: str) -> list[tuple[str, str]]:
    """(code, label) pairs for a <select>, in the domain's order."""
    return [(code, str(text)) for code, text in LABELS[group].items()]


def reader() -> str:
    return str(get_locale() or "en")


def locale_label(tag: str) -> str:
    """A locale's display name in the reader's language: es-MX is 'español (México)' for es."""
    name = locale_name(tag, reader())
    return name[:1].upper() + name[1:]


def iso_utc(moment: datetime) -> str:
    """An ISO 8601 UTC timestamp for <time datetime>; stored times without a zone are UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def init_app(app) -> None:
    app.jinja_env.globals.update(label=label, options=options)
    app.jinja_env.filters.update(locale_label=locale_label, iso_utc=iso_utc, preset_name=preset_name)
