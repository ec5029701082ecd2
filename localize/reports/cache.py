"""Reports computed once per (series, range, stored state), reused until the next ingest or catalog change.

The key is read from the database, never from process memory alone, so every worker process and
host agrees on it: the series' view-count generation (`view_state`, raised by every ingest in its
transaction) and a digest of the catalog rows a report reads (the series, its versions, its
episodes), which costs three small indexed reads. The same key is the report's ETag, so a client
that sends it back in If-None-Match gets a 304 without the report being computed or looked up.
Each process keeps the last REPORTS answers it built, by key; an entry is never stale, only unused.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from datetime import date

from sqlmodel import Session

from localize.catalog.digest import rows_digest

REPORTS = 256

_STATE = (
    "SELECT generation FROM view_state WHERE series_id = :s",
    "SELECT * FROM series WHERE id = :s",
    "SELECT * FROM market_versions WHERE series_id = :s ORDER BY id",
    "SELECT * FROM episodes WHERE series_id = :s ORDER BY id",
)


def report_etag(session: Session, series_id: int, date_from: date | None, date_to: date | None,
                kind: str = "series-json") -> str:
    """The strong ETag of a report: changes with every ingest into the series and every catalog edit."""
    digest = rows_digest(session, _STATE, {"s": series_id}, seed=f"{kind}|{series_id}|{date_from}|{date_to}")
    return f'"r{digest[:40]}"'


class ReportCache:
    """A small thread-safe LRU of built answers (bytes, a page's HTML text...) by ETag or another key."""

    def __init__(self, size: int = REPORTS):
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: Hashable, body) -> None:
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


reports = ReportCache()
