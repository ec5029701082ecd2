"""TMX files in and out of translation memory: a lead's memory from another tool, or ours for theirs.

An import is all or nothing: a file that does not parse is refused (TmxError, naming the line)
before anything is stored. Units that give no pair (no source segment, no translation, a language
no locale names) are skipped and listed. Exports stream one language pair, oldest entry first.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import tuple_
from sqlmodel import Session, select

from localize.errors import ValidationFailed
from localize.locales import normalize_locale
from localize.memory import store, tmx
from localize.memory import text as tm_text
from localize.models import MemoryEntry, User
from localize import signals
from localize.signals import SavedTranslation

CHUNK = 500


@dataclass
class ImportResult:
    units: int
    added: int
    updated: int
    skipped: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"units": self.units, "added": self.added, "updated": self.updated, "skipped": self.skipped}


class InvalidTmx(ValidationFailed):
    """A TMX file refused whole: 422 with the line."""

    def __init__(self, error: tmx.TmxError):
        detail = {"field": "file", "message": error.message}
        if error.line:
            detail["line"] = error.line
        super().__init__(f"not a TMX file we can read: {error}", [detail])


def _locale(tag: str, cache: dict) -> str | None:
    if tag not in cache:
        try:
            cache[tag] = normalize_locale(tag)
        except ValidationFailed:
            cache[tag] = None
    return cache[tag]


def import_tmx(session: Session, data: bytes, *, author: User | None,
               progress: Callable[[int], None] | None = None) -> ImportResult:
    """Remember every pair of a TMX file; known pairs take this use, new ones are added."""
    try:
        parsed = tmx.parse(data)
    except tmx.TmxError as exc:
        raise InvalidTmx(exc) from None
    pairs, skipped = parsed.pairs()
    locales: dict[str, str | None] = {}
    saved: list[SavedTranslation] = []
    for p in pairs:
        source_locale, target_locale = _locale(p.source_lang, locales), _locale(p.target_lang, locales)
        if source_locale is None or target_locale is None:
            bad = p.source_lang if source_locale is None else p.target_lang
            skipped.append({"line": p.line, "reason": f"unknown language {bad[:40]!r}"})
            continue
        saved.append(SavedTranslation(source_locale, target_locale, p.source, p.target, "tmx", previous=p.context))
    skipped.sort(key=lambda s: s["line"])
    added = updated = 0
    for start in range(0, len(saved), CHUNK):
        chunk = saved[start:start + CHUNK]
        keys = {(p.source_locale, p.target_locale, tm_text.digest(p.source), tm_text.digest(p.target)) for p in chunk}
        known = set(session.exec(select(MemoryEntry.source_locale, MemoryEntry.target_locale,
                                        MemoryEntry.source_hash, MemoryEntry.target_hash).where(
            tuple_(MemoryEntry.source_locale, MemoryEntry.target_locale, MemoryEntry.source_hash,
                   MemoryEntry.target_hash).in_(sorted(keys)))).all())
        store.remember(session, chunk, author=author)
        updated += len(keys & {tuple(k) for k in known})
        added += len(keys) - len(keys & {tuple(k) for k in known})
        if progress:
            progress(len(chunk))
    signals.imported.send("tm", files=1)
    return ImportResult(len(parsed.units), added, updated, skipped)


def count_entries(session: Session, source_locale: str, target_locale: str) -> int:
    from sqlalchemy import func
    return session.exec(select(func.count(MemoryEntry.id)).where(
        MemoryEntry.source_locale == source_locale, MemoryEntry.target_locale == target_locale)).one()


def export_tmx(session: Session, source_locale: str, target_locale: str,
               progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The memory of one language pair as TMX 1.4 text, in pieces."""
    def units():
        query = (select(MemoryEntry.source_text, MemoryEntry.target_text, MemoryEntry.previous_source,
                        MemoryEntry.updated_at)
                 .where(MemoryEntry.source_locale == source_locale, MemoryEntry.target_locale == target_locale)
                 .order_by(MemoryEntry.id).execution_options(yield_per=1000))
        for source, target, context, changed in session.exec(query):
            if progress:
                progress(1)
            yield source, target, context, store.as_utc(changed)
    return tmx.write(source_locale, target_locale, units())


def language_pairs(session: Session) -> list[tuple[str, str, int]]:
    """The memory's language pairs with their entry counts, most entries first (the export's choices)."""
    from sqlalchemy import func
    count = func.count(MemoryEntry.id)
    rows = session.exec(select(MemoryEntry.source_locale, MemoryEntry.target_locale, count)
                        .group_by(MemoryEntry.source_locale, MemoryEntry.target_locale)
                        .order_by(count.desc(), MemoryEntry.source_locale, MemoryEntry.target_locale))
    return [(s, t, n) for s, t, n in rows]
