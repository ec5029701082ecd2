"""Who speaks: a dialogue segment links to a series character; its name is the version's casting name.

A name is matched case-insensitively against the version's localized names and the series'
character names ("ETHAN" is Ethan; in the remake "MATEO" is Ethan too, cast as Mateo).
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.models import Casting, Character, MarketVersion, Series


class Speakers:
    def __init__(self, characters: list[Character], localized: dict[int, str]):
        self.characters = {c.id: c for c in characters}
        self.localized = localized
        self._by_name: dict[str, int] = {}
        for character in characters:  # series names first, so a localized name wins a clash
            self._by_name.setdefault(character.name.casefold(), character.id)
        for character_id, name in localized.items():
            self._by_name[name.casefold()] = character_id

    def name(self, character_id: int | None) -> str | None:
        """The name this version gives the character: its casting's, else the series'."""
        if character_id is None or character_id not in self.characters:
            return None
        return self.localized.get(character_id) or self.characters[character_id].name

    def match(self, name: str | None) -> int | None:
        if not name:
            return None
        return self._by_name.get(name.strip().casefold())

    def add(self, character: Character) -> None:
        self.characters[character.id] = character
        self._by_name.setdefault(character.name.casefold(), character.id)


def speakers(session: Session, series: Series, version: MarketVersion) -> Speakers:
    characters = list(session.exec(select(Character).where(Character.series_id == series.id).order_by(Character.id)))
    localized = {cid: name for cid, name in session.exec(
        select(Casting.character_id, Casting.localized_name).where(Casting.version_id == version.id)) if name}
    return Speakers(characters, localized)


def cue_name(name: str) -> str:
    """A new character's name from a cue as written: "MARY JANE" -> "Mary Jane", "O'BRIEN" -> "O'Brien"."""
    words = []
    for word in name.strip().split():
        parts = word.split("'")
        words.append("'".join(p[:1].upper() + p[1:].lower() for p in parts))
    return " ".join(words)
