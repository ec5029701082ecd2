"""A series' glossary per target locale: stored entries, and the names casting gives.

A version that renames characters (a remake's Ethan is Mateo) has them in its locale's glossary
as `name` entries read from casting each time, never copied, so they cannot drift from it. Their
ids are strings, "name-<casting id>", where stored entries have integer ids; they are read-only
here (a change or deletion of one is a Conflict: they change in casting).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from localize.errors import Conflict, NotFound, ValidationFailed
from localize.glossary.checks import Glossary
from localize.locales import normalize_locale
from localize.models import GLOSSARY_KINDS, Casting, Character, GlossaryEntry, MarketVersion, Series, utcnow
from localize.signals import qc_inputs_changed

MAX_SOURCE = 300
MAX_NOTE = 2000
NAME_ID = re.compile(r"name-([0-9]{1,9})")
FIELDS = ("source", "target", "kind", "note", "case_sensitive")


@dataclass(frozen=True)
class CastName:
    """A renamed character as its version's casting has it: a read-only `name` entry."""

    id: str
    target_locale: str
    source: str
    target: str
    note: str
    kind: str = "name"
    case_sensitive: bool = True   # names are written with their capitals; "Hope" the name is not "hope"


def entry_dict(entry) -> dict:
    """An entry as the API answers it (stored or from casting)."""
    return {"id": entry.id, "source": entry.source, "target_locale": entry.target_locale,
            "target": entry.target, "kind": entry.kind, "note": entry.note,
            "case_sensitive": bool(entry.case_sensitive), "from_casting": isinstance(entry, CastName)}


def cast_names(session: Session, series: Series, target_locale: str | None = None) -> list[CastName]:
    """The renamed characters of the series' versions (of one locale), by original name."""
    query = (select(Casting, Character, MarketVersion)
             .join(Character, Character.id == Casting.character_id)
             .join(MarketVersion, MarketVersion.id == Casting.version_id)
             .where(MarketVersion.series_id == series.id, MarketVersion.kind != "original"))
    if target_locale is not None:
        query = query.where(MarketVersion.locale == target_locale)
    out = []
    for casting, character, version in session.exec(query):
        local = (casting.localized_name or "").strip()
        if local and local != character.name:
            note = f"from casting ({casting.actor})" if casting.actor else "from casting"
            out.append(CastName(f"name-{casting.id}", version.locale, character.name, local, note))
    return sorted(out, key=lambda n: (n.target_locale, n.source.lower()))


def stored_entries(session: Session, series: Series, target_locale: str | None = None) -> list[GlossaryEntry]:
    query = select(GlossaryEntry).where(GlossaryEntry.series_id == series.id)
    if target_locale is not None:
        query = query.where(GlossaryEntry.target_locale == target_locale)
    return list(session.exec(query.order_by(GlossaryEntry.target_locale, GlossaryEntry.source,
                                            GlossaryEntry.kind, GlossaryEntry.id)))


def list_entries(session: Session, series: Series, target_locale: str | None = None) -> list:
    """Every entry of the series (of one target locale): casting's names first, then the stored ones."""
    return [*cast_names(session, series, target_locale), *stored_entries(session, series, target_locale)]


def glossary_for(session: Session, series: Series, target_locale: str) -> Glossary:
    """The compiled glossary the checks and the editors use for one target locale."""
    return Glossary(list_entries(session, series, target_locale))


def get_entry(session: Session, series: Series, entry_id: str) -> GlossaryEntry:
    """A stored entry by id; a casting name's id is a Conflict (it is edited in casting)."""
    if NAME_ID.fullmatch(entry_id):
        casting_id = int(NAME_ID.fullmatch(entry_id).group(1))
        if any(n.id == entry_id for n in cast_names(session, series)):
            raise Conflict(f"glossary entry {entry_id} comes from casting: rename the character there",
                           [{"field": "id", "casting": casting_id}])
    entry = session.get(GlossaryEntry, int(entry_id)) if re.fullmatch(r"[0-9]{1,9}", entry_id) else None
    if entry is None or entry.series_id != series.id:
        raise NotFound(f"no glossary entry {entry_id[:40]!r} in series {series.slug!r}")
    return entry


def validate(values: dict, row: int | None = None) -> dict:
    """Clean an entry's fields; a ValidationFailed names each bad field (and the row of a file)."""
    details = []

    def bad(field, message):
        details.append({"field": field, "message": message, **({"row": row} if row is not None else {})})
    out = {}
    for field in ("source", "target", "note"):
        value = values.get(field)
        value = "" if value is None else value
        if not isinstance(value, str):
            bad(field, "must be text")
            continue
        value = value.strip()
        limit = MAX_NOTE if field == "note" else MAX_SOURCE
        if "\x00" in value:
            bad(field, "contains a NUL character")
        elif len(value) > limit:
            bad(field, f"is longer than {limit} characters")
        out[field] = value
    kind = values.get("kind") or "term"
    if kind not in GLOSSARY_KINDS:
        bad("kind", f"must be one of {', '.join(GLOSSARY_KINDS)}")
    out["kind"] = kind
    if "source" in out and not out["source"]:
        bad("source", "is required")
    if kind in ("term", "name", "forbidden") and "target" in out and not out["target"]:
        bad("target", f"is required for a {kind} entry")
    out["case_sensitive"] = bool(values.get("case_sensitive", False))
    if details:
        where = f"row {row}: " if row is not None else ""
        raise ValidationFailed(where + "; ".join(f"{d['field']} {d['message']}" for d in details), details)
    return out


def changed(session: Session, series: Series, target_locale: str) -> None:
    """Announce a glossary change: the stored QC counts of the locale's version are recounted
    (subtitle checks read the glossary; tracks in that language elsewhere recount at their next save)."""
    for version in session.exec(select(MarketVersion).where(MarketVersion.series_id == series.id,
                                                            MarketVersion.locale == target_locale)):
        qc_inputs_changed.send(series, session=session, version=version)


def _unique(session: Session, series: Series, target_locale: str, source: str, kind: str,
            other_than: int | None = None) -> None:
    found = session.exec(select(GlossaryEntry.id).where(
        GlossaryEntry.series_id == series.id, GlossaryEntry.target_locale == target_locale,
        GlossaryEntry.source == source, GlossaryEntry.kind == kind)).first()
    if found is not None and found != other_than:
        raise Conflict(f"the {target_locale} glossary already has a {kind} entry for {source!r} (id {found})",
                       [{"field": "source", "id": found}])


def add_entry(session: Session, series: Series, target_locale: str, values: dict) -> GlossaryEntry:
    """Add an entry; one entry per source and kind in a locale (a second is a Conflict)."""
    target_locale = normalize_locale(target_locale, "target_locale")
    clean = validate(values)
    _unique(session, series, target_locale, clean["source"], clean["kind"])
    entry = GlossaryEntry(series_id=series.id, target_locale=target_locale, **clean)
    session.add(entry)
    session.flush()
    changed(session, series, target_locale)
    return entry


def update_entry(session: Session, series: Series, entry_id: str, values: dict) -> GlossaryEntry:
    """Change some fields of a stored entry (those given)."""
    entry = get_entry(session, series, entry_id)
    merged = {f: getattr(entry, f) for f in FIELDS} | {k: v for k, v in values.items() if k in FIELDS}
    clean = validate(merged)
    _unique(session, series, entry.target_locale, clean["source"], clean["kind"], other_than=entry.id)
    for field, value in clean.items():
        setattr(entry, field, value)
    entry.updated_at = utcnow()
    session.add(entry)
    session.flush()
    changed(session, series, entry.target_locale)
    return entry


def delete_entry(session: Session, series: Series, entry_id: str) -> None:
    entry = get_entry(session, series, entry_id)
    session.delete(entry)
    session.flush()
    changed(session, series, entry.target_locale)
