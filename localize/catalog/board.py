"""The casting board of a version: every character, its original casting beside the local one."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from localize.catalog.service import list_characters, original_version
from localize.models import Casting, CastingNote, Character, MarketVersion, Series


@dataclass
class BoardRow:
    character: Character
    original: Casting | None  # the original version's casting (its actor), None if not cast
    casting: Casting | None   # this version's casting, None until someone casts or notes
    notes: list[CastingNote] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.casting.status if self.casting else "open"


def casting_board(session: Session, series: Series, version: MarketVersion) -> list[BoardRow]:
    """One row per character of the series, in creation order, with this version's notes."""
    original = original_version(session, series)
    version_ids = {version.id, original.id}
    castings = {(c.version_id, c.character_id): c
                for c in session.exec(select(Casting).where(Casting.version_id.in_(version_ids)))}
    rows = [BoardRow(character, castings.get((original.id, character.id)),
                     castings.get((version.id, character.id)))
            for character in list_characters(session, series)]
    by_casting = {row.casting.id: row for row in rows if row.casting is not None}
    if by_casting:
        notes = session.exec(select(CastingNote).where(CastingNote.casting_id.in_(by_casting))
                             .order_by(CastingNote.created_at, CastingNote.id))
        for note in notes:
            by_casting[note.casting_id].notes.append(note)
    return rows


def confirmed_count(rows: list[BoardRow]) -> int:
    return sum(1 for row in rows if row.status == "confirmed")
