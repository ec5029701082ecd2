"""The fuzzy prefilter: the entries that share the query's rarer words, from a word index kept in
this process.

SQLite has no trigram index (and the length window alone keeps nearly every entry of a pair), and
PostgreSQL's GiST trigram search took 100-250 ms at 100,000 entries (EXPLAIN ANALYZE on the benchmark's),
so each process keeps, per database and language pair, the entries' keys and an inverted index of
their words (about 25 MB per 100,000 entries; the first lookup of a process reads them). A lookup reads
only the entries added since its last one (one range read on the primary key) and checks that the
newest entry it read still has its key (a rolled-back or recreated table rebuilds the index). On
PostgreSQL ids can commit out of order (a long import commits after newer entries): every
CHECK_SECONDS a lookup counts the pair's entries, and on a difference reads the ids it lacks. Texts
are never removed from memory; an entry gone since would just not be read back. No Flask here.
"""
from __future__ import annotations

import re
import threading
import time
from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, select

from localize.models import MemoryEntry

WORDS = re.compile(r"\w+")
# Han, kana and Hangul runs are written without spaces: their character pairs stand for words.
_UNSPACED = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Postings merged per lookup at most: the rarest words first, a word found in more entries is left out.
POSTINGS_BUDGET = 6_000
CANDIDATES = 300  # a match of 75 or more shares most of its words: it ranks near the top
# A pair this small is scored whole (a rapidfuzz scan of 10,000 keys takes about 1 ms): no match is lost.
SCAN_ALL_BELOW = 10_000
CHECK_SECONDS = 5.0  # how often a lookup counts the pair's entries (about 10 ms at 100,000 on PostgreSQL)


def terms(key: str) -> set[str]:
    """The words of a key; a run of Han, kana or Hangul gives its character pairs instead."""
    out = set()
    for word in WORDS.findall(key):
        if _UNSPACED.search(word) and len(word) > 2:
            out.update(word[i:i + 2] for i in range(len(word) - 1))
        else:
            out.add(word)
    return out


class PairIndex:
    """One language pair's keys by entry id, and the ids of the entries each word appears in."""

    def __init__(self, pair: tuple[str, str]) -> None:
        self.pair = pair
        self.keys: dict[int, str] = {}
        self.postings: dict[str, list[int]] = {}
        self.by_length: dict[int, list[int]] = {}
        # The newest entry read, of any pair: still there with its key, or the index is read again.
        self.seen: tuple[int, str] = (0, "")
        self.checked = time.monotonic()
        self.lock = threading.Lock()

    def _add(self, entry_id: int, key: str) -> None:
        self.keys[entry_id] = key
        for term in terms(key):
            self.postings.setdefault(term, []).append(entry_id)
        self.by_length.setdefault(len(key), []).append(entry_id)

    def refresh(self, session: Session) -> None:
        # One range read of the primary key from the newest entry read (the locales' indexes would walk
        # every entry of the pair); that entry must come first, with its key, or the table changed
        # under us (a rollback, a new database) and the index is read again.
        seen_id, seen_key = self.seen
        rows = session.exec(select(MemoryEntry.id, MemoryEntry.source_locale, MemoryEntry.target_locale,
                                   MemoryEntry.source_key).where(MemoryEntry.id >= seen_id).order_by(MemoryEntry.id)).all()
        if seen_id and (not rows or (rows[0][0], rows[0][3]) != (seen_id, seen_key)):
            self.__init__(self.pair)
            return self.refresh(session)
        for entry_id, source, target, key in rows[1 if seen_id else 0:]:
            if (source, target) == self.pair:
                self._add(entry_id, key)
            self.seen = (entry_id, key)
        if time.monotonic() - self.checked >= CHECK_SECONDS:
            self._catch_up(session)
        return None

    def _catch_up(self, session: Session) -> None:
        """Read the entries that committed behind newer ones (counted, then found by id)."""
        self.checked = time.monotonic()
        where = (MemoryEntry.source_locale == self.pair[0], MemoryEntry.target_locale == self.pair[1])
        if session.exec(select(func.count(MemoryEntry.id)).where(*where)).one() == len(self.keys):
            return
        missing = sorted(set(session.exec(select(MemoryEntry.id).where(*where)).all()) - self.keys.keys())
        for start in range(0, len(missing), 1000):
            for entry_id, key in session.exec(select(MemoryEntry.id, MemoryEntry.source_key)
                                              .where(MemoryEntry.id.in_(missing[start:start + 1000]))):
                self._add(entry_id, key)

    def candidates(self, key: str, window: tuple[int, int], limit: int = CANDIDATES) -> tuple[list[int], list[str]]:
        """(id, key) of the entries sharing most of the query's words, rarest words counted first; when
        none shares one (a typo in a one-word line), those closest in length within the window."""
        if len(self.keys) < SCAN_ALL_BELOW:
            return list(self.keys), list(self.keys.values())
        lists = sorted((self.postings[t] for t in terms(key) if t in self.postings), key=len)
        shared: Counter[int] = Counter()
        budget = POSTINGS_BUDGET
        for ids in lists:
            if len(ids) > budget:
                break
            shared.update(ids)
            budget -= len(ids)
        if not shared and lists:
            shared.update(lists[0][-limit:])  # only common words: the newest entries holding the rarest one
        if not shared:
            ids = self._closest_lengths(len(key), window, limit)
        else:
            ids = list(shared) if len(shared) <= limit else [i for i, _n in shared.most_common(limit)]
        keys = self.keys
        return ids, [keys[i] for i in ids]

    def _closest_lengths(self, length: int, window: tuple[int, int], limit: int) -> list[int]:
        out: list[int] = []
        for size in sorted(range(window[0], window[1] + 1), key=lambda n: abs(n - length)):
            out.extend(self.by_length.get(size, ()))
            if len(out) >= limit:
                break
        return out[:limit]


_indexes: dict[tuple, PairIndex] = {}
_guard = threading.Lock()


def candidates(session: Session, source_locale: str, target_locale: str,
                      key: str, window: tuple[int, int]) -> tuple[list[int], list[str]]:
    """Fuzzy candidates of a key in a language pair: their ids and keys, most shared words first."""
    name = (session.get_bind().url.render_as_string(hide_password=True), source_locale, target_locale)
    with _guard:
        index = _indexes.setdefault(name, PairIndex((source_locale, target_locale)))
    with index.lock:
        index.refresh(session)
        return index.candidates(key, window)
