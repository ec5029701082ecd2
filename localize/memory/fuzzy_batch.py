"""Fuzzy matches for many texts at once: one read of a language pair's keys, then rapidfuzz in memory.

A lookup (store.lookup) reads its candidates from the database each time, which suits one text in
an editor; pre-translating 80 episodes asks thousands, and re-reading thousands of candidate rows per
text took ~190 ms a text on SQLite. Here the pair's scored source keys are read once, and each text
is scored against all of them by rapidfuzz's C scan (a full scan of 100,000 keys takes ~20 ms; the
score cutoff prunes most of it), with the same score as a lookup's: the Indel ratio of the scored
forms, at most 99. Of equal scores the newest entry wins, as in a lookup.
"""
from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from localize.memory import text as tm_text
from localize.memory.store import as_utc
from localize.models import MemoryEntry

SHORTLIST = 20  # the best keys scored per text, among which ties go to the newest entry


class FuzzyIndex:
    """A language pair's memory keys, read once, for fuzzy matches at or above a threshold."""

    def __init__(self, session: Session, *, source_locale: str, target_locale: str):
        self.session = session
        rows = session.exec(select(MemoryEntry.id, MemoryEntry.source_key).where(
            MemoryEntry.source_locale == source_locale, MemoryEntry.target_locale == target_locale)).all()
        self.ids = [row[0] for row in rows]
        self.keys = [row[1] for row in rows]

    def best(self, text: str, threshold: int) -> tuple[int, MemoryEntry] | None:
        """The best fuzzy entry for a text (score, entry) at or above `threshold`, or None."""
        wanted = tm_text.scored(text)
        if not wanted or not self.keys:
            return None
        found = process.extract(wanted, self.keys, scorer=fuzz.ratio, processor=None,
                                score_cutoff=tm_text.clamp_threshold(threshold), limit=SHORTLIST)
        if not found:
            return None
        entries = self.session.exec(select(MemoryEntry).where(
            MemoryEntry.id.in_([self.ids[index] for _key, _score, index in found]))).all()
        scored = [(tm_text.fuzzy_score(text, e.source_text), as_utc(e.updated_at), e.id or 0, e) for e in entries
                  if e.source_text != text.strip()]
        scored = [s for s in scored if s[0] >= threshold]
        if not scored:
            return None
        score, _at, _id, entry = max(scored, key=lambda s: s[:3])
        return score, entry
