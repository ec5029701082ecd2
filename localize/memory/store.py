"""Remember human translations and look them up: context 101, exact 100, fuzzy 50-99.

An entry is one distinct (source locale, target locale, source text, target text). Saving a pair
again updates the origin, context, author and time of its latest use; a new translation of the
same source is a new entry and the old one stays (it was real work): the newer wins ties.
Remembering is one upsert (INSERT ... ON CONFLICT), so two saves of the same new pair at once
never fail on the unique key.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from rapidfuzz import fuzz, process
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from localize.memory import candidates
from localize.memory import text as tm_text
from localize.models import MemoryEntry, User, utcnow
from localize.signals import SavedTranslation

# Fuzzy candidates come from localize.memory.candidates (those sharing the most words); only their keys
# are scored (rapidfuzz, in C: a few hundred take well under a millisecond); the entries that make the
# answer are read whole.
DEFAULT_LIMIT = 10
ORIGIN_FIELDS = ("series", "version", "episode", "kind", "speaker_id", "previous_source", "author_id", "author")


@dataclass
class Match:
    """A memory entry offered for a source text, with its score and kind (context, exact or fuzzy)."""

    score: int
    kind: str
    entry: MemoryEntry

    def as_dict(self) -> dict:
        e = self.entry
        return {"source": e.source_text, "target": e.target_text, "score": self.score, "kind": self.kind,
                "origin": origin(e), "updated_at": as_utc(e.updated_at).isoformat()}


def as_utc(moment: datetime) -> datetime:
    """A stored time as UTC (SQLite gives it back without its zone)."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def origin(entry: MemoryEntry) -> dict:
    return {"series": entry.series, "version": entry.version, "episode": entry.episode, "kind": entry.kind,
            "speaker": entry.speaker_id}


def entry_row(pair: SavedTranslation, *, author: User | None, at: datetime) -> dict:
    """The columns of a pair's entry (texts stripped of surrounding whitespace)."""
    source, target = pair.source.strip(), pair.target.strip()
    return {"source_locale": pair.source_locale, "target_locale": pair.target_locale,
            "source_text": source, "target_text": target,
            "source_hash": tm_text.digest(source), "target_hash": tm_text.digest(target),
            "source_key": tm_text.key(source), "source_length": len(tm_text.scored(source)),
            "series": pair.series, "version": pair.version, "episode": pair.episode, "kind": pair.kind,
            "speaker_id": pair.speaker, "previous_source": (pair.previous or "").strip() or None,
            "author_id": author.id if author else None,
            "author": (author.name or author.email) if author else "", "created_at": at, "updated_at": at}


PAIR_KEY = ("source_locale", "target_locale", "source_hash", "target_hash")


def remember(session: Session, pairs: list[SavedTranslation], *, author: User | None,
             at: datetime | None = None) -> int:
    """Keep each pair once: a new pair is added, a known one takes this use's origin and context."""
    at = at or utcnow()
    rows: dict[tuple, dict] = {}
    for pair in pairs:
        if not pair.source.strip() or not pair.target.strip():
            continue
        row = entry_row(pair, author=author, at=at)
        rows[tuple(row[k] for k in PAIR_KEY)] = row  # the pair's last use in this save wins
    if not rows:
        return 0
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    ordered = [rows[k] for k in sorted(rows)]  # one order for every writer: no deadlock between two upserts
    for start in range(0, len(ordered), 500):
        statement = dialect.insert(MemoryEntry.__table__).values(ordered[start:start + 500])
        statement = statement.on_conflict_do_update(
            index_elements=list(PAIR_KEY),
            set_={name: statement.excluded[name] for name in (*ORIGIN_FIELDS, "updated_at")})
        session.execute(statement)
    session.flush()
    return len(ordered)


def lookup(session: Session, *, source_locale: str, target_locale: str, text: str, previous: str | None = None,
           speaker: int | None = None, threshold: int = tm_text.DEFAULT_THRESHOLD,
           limit: int = DEFAULT_LIMIT) -> list[Match]:
    """Matches for a source text, best first: context 101, exact 100, then fuzzy down to `threshold`.

    A context match is an exact one whose latest use had the same previous source segment
    (`previous`), or, for script dialogue, the same speaker (the original's character id). Without
    context a lookup gives at most 100. Thresholds below 50 count as 50.
    """
    wanted = text.strip()
    if not wanted:
        return []
    threshold = tm_text.clamp_threshold(threshold)
    pair = (MemoryEntry.source_locale == source_locale, MemoryEntry.target_locale == target_locale)
    matches: list[Match] = []
    digest = tm_text.digest(wanted)
    previous = (previous or "").strip() or None
    for entry in session.exec(select(MemoryEntry).where(*pair, MemoryEntry.source_hash == digest)):
        if entry.source_text != wanted:
            continue  # an MD5 collision, however unlikely, is not an exact match
        matches.append(exact_match(entry, previous=previous, speaker=speaker))
    if threshold < 100:
        matches.extend(_fuzzy(session, (source_locale, target_locale), wanted, threshold, limit,
                              {m.entry.id for m in matches}))
    matches.sort(key=lambda m: (-m.score, -as_utc(m.entry.updated_at).timestamp(), -(m.entry.id or 0)))
    return matches[:limit]


def exact_match(entry: MemoryEntry, *, previous: str | None, speaker: int | None) -> Match:
    """An entry with the same source as a 101 context match (same previous segment or speaker) or a 100."""
    context = ((previous is not None and entry.previous_source == previous)
               or (speaker is not None and entry.kind == "script" and entry.speaker_id == speaker))
    return Match(101 if context else 100, "context" if context else "exact", entry)


def best_exact(entries: list[MemoryEntry], *, previous: str | None = None, speaker: int | None = None) -> Match | None:
    """The best of a source text's entries for this context: context first, then the newest."""
    previous = (previous or "").strip() or None
    matches = [exact_match(e, previous=previous, speaker=speaker) for e in entries]
    matches.sort(key=lambda m: (-m.score, -as_utc(m.entry.updated_at).timestamp(), -(m.entry.id or 0)))
    return matches[0] if matches else None


def exact_entries(session: Session, *, source_locale: str, target_locale: str,
                  texts: list[str]) -> dict[str, list[MemoryEntry]]:
    """The entries of many source texts at once (pre-translation's batched exact lookup), by stripped text."""
    wanted = {tm_text.digest(t): t.strip() for t in texts if t.strip()}
    digests = sorted(wanted)
    out: dict[str, list[MemoryEntry]] = {}
    for start in range(0, len(digests), 500):  # bound the IN list (SQLite limits bound parameters)
        for entry in session.exec(select(MemoryEntry).where(
                MemoryEntry.source_locale == source_locale, MemoryEntry.target_locale == target_locale,
                MemoryEntry.source_hash.in_(digests[start:start + 500]))):
            if entry.source_text == wanted.get(entry.source_hash):
                out.setdefault(entry.source_text, []).append(entry)
    return out


def _fuzzy(session: Session, locales: tuple[str, str], wanted: str, threshold: int, limit: int,
           exact: set[int]) -> list[Match]:
    """Fuzzy matches from the prefiltered candidates: their keys scored in rapidfuzz, only the best read whole."""
    key, length = tm_text.key(wanted), len(tm_text.scored(wanted))
    low, high = tm_text.window(length, threshold)
    # The entries sharing the most of its rarer words (localize.memory.candidates).
    ids, keys = candidates.candidates(session, *locales, key, (low, high))
    found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
    found = [hit for hit in found if ids[hit[2]] not in exact]  # exact matches are not fuzzy ones too
    if not found:
        return []
    found.sort(key=lambda hit: -hit[1])
    # Read whole only those that can make the answer (ties at the cut included: the newer wins them).
    cut = int(found[limit - 1][1]) if len(found) >= limit else threshold
    best_ids = [ids[index] for _key, score, index in found if int(score) >= cut]
    out = []
    for entry in session.exec(select(MemoryEntry).where(MemoryEntry.id.in_(best_ids))):
        score = tm_text.fuzzy_score(wanted, entry.source_text)  # the full texts, past the indexed prefix
        if score >= threshold:
            out.append(Match(score, "fuzzy", entry))
    return out
