"""A digest of everything the market matrix of a series is drawn from, read in plain SQL.

The matrix page keys its rendered content on it (with who reads it): the same stored state gives
the same page, and any change to the series, its versions or episodes, a subtitle track's language
or QC count, or a script segment's status shows at once. Reading these rows costs a fraction of
building the matrix's objects and rendering its hundreds of cells.
"""
from __future__ import annotations

from sqlmodel import Session

from localize.catalog.digest import rows_digest

# What localize.catalog.matrix reads, row for row: if it comes to read more, add it here.
_STATE = (
    "SELECT * FROM series WHERE id = :s",
    "SELECT * FROM market_versions WHERE series_id = :s ORDER BY id",
    "SELECT * FROM episodes WHERE series_id = :s ORDER BY id",
    "SELECT t.id, t.version_id, t.episode_id, t.language, t.qc_errors FROM subtitle_tracks t "
    "JOIN market_versions v ON v.id = t.version_id WHERE v.series_id = :s ORDER BY t.id",
    "SELECT sc.id, sc.version_id, sc.episode_id, sg.status, sg.outdated, sg.removed, COUNT(sg.id) FROM scripts sc "
    "JOIN market_versions v ON v.id = sc.version_id LEFT JOIN script_segments sg ON sg.script_id = sc.id "
    "WHERE v.series_id = :s GROUP BY sc.id, sc.version_id, sc.episode_id, sg.status, sg.outdated, sg.removed "
    "ORDER BY sc.id, sg.status, sg.outdated, sg.removed",
)


def matrix_digest(session: Session, series_id: int) -> str:
    """A digest that changes whenever the series' market matrix would."""
    return rows_digest(session, _STATE, {"s": series_id}, seed=f"matrix|{series_id}")[:40]
