"""Demo catalog: a hit English series with a Mexican remake, a Brazilian dub and French subtitles.

Idempotent: every object is looked up by its natural key before it is created.
"""
from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from localize.catalog import service
from localize.catalog.schemas import CastingUpdate, CharacterCreate, SeriesCreate, VersionCreate
from localize.models import CastingNote, MarketVersion, Series, User

SLUG = "the-heir-returns"
CLIFFHANGERS = [
    ("The Wedding Crasher", "The groom's brother walks in: \"I'm the real heir.\"", "reveal"),
    ("Paper Trail", "Chloe finds her father's signature on Ethan's adoption papers.", "reveal"),
    ("Glass Tower", "Victoria: \"If he signs, he dies.\"", "threat"),
    ("Rain Check", "Ethan kisses Chloe in the rain, and Richard sees them.", "kiss"),
    ("Brakes", "Chloe's car does not stop at the bottom of the hill.", "accident"),
    ("Bedside", "The nurse at Chloe's bed is Victoria's sister.", "reveal"),
    ("The Will", "The lawyer reads a name nobody expected: Ethan.", "reveal"),
    ("Two Keys", "Someone else has the key to the vault.", "threat"),
    ("Mother", "A woman in the crowd has Ethan's eyes.", "look"),
    ("Blackout", "The lights go out at the board meeting and a shot is fired.", "death"),
    ("Survivor", "Richard wakes up, and calls Ethan by his birth name.", "reveal"),
    ("The Offer", "Victoria offers Chloe ten million dollars to leave.", "betrayal"),
    ("Paywall", "Chloe takes the cheque.", "betrayal"),
    ("Double Game", "She cashes it into Ethan's account.", "reveal"),
    ("Birthright", "The DNA test result: not a match.", "reveal"),
]
CHARACTERS = [
    ("Ethan", "The lost heir, raised as a chauffeur's son.", "Mateo", "Rodrigo Santín", "confirmed"),
    ("Chloe", "Ethan's fiancée, a lawyer who trusts nobody.", "Valeria", "Camila Ortega", "offered"),
    ("Victoria", "The stepmother who runs the company.", "Victoria", "", "auditioning"),
    ("Richard", "Ethan's father, in a coma since episode 10.", "Ricardo", "", "open"),
]
ORIGINAL_CAST = {"Ethan": "Jack Morrow", "Chloe": "Ava Lindqvist", "Victoria": "Helen Shaw", "Richard": "Tom Keller"}
VERSIONS = [
    ("es-MX", "remake", "El heredero regresa", "casting"),
    ("pt-BR", "dub", "O herdeiro voltou", "post-production"),
    ("fr", "subtitled", "Le retour de l'héritier", "released"),
]


def load(session: Session, *, lead: User) -> tuple[Series, list[str]]:
    """Create whatever part of the demo catalog is missing; return the series and what was done."""
    lines = []
    series = session.exec(select(Series).where(Series.slug == SLUG)).first()
    if series is None:
        series = service.create_series(session, SeriesCreate(
            slug=SLUG, title="The Heir Returns", original_locale="en-US", episode_count=80,
            free_episodes=12, unlock_price=Decimal("0.39"), currency="USD", genre="revenge romance",
            logline="A chauffeur's son learns on his brother's wedding day that he is the heir to a fortune."))
        lines.append(f"created series {SLUG} (80 episodes)")
    _episodes(session, series)
    versions = {v.locale: v for v in service.list_versions(session, series)}
    for locale, kind, title, status in VERSIONS:
        if locale not in versions:
            versions[locale] = service.create_version(session, series, VersionCreate(
                locale=locale, kind=kind, title=title, status=status,
                **({"episode_count": 78, "episode_mapping": _remake_mapping()} if kind == "remake" else {})))
            lines.append(f"created {kind} {locale}")
    _cast(session, series, versions, lead)
    return series, lines


def _episodes(session: Session, series: Series) -> None:
    rows = {e.number: e for e in service.list_episodes(session, series)}
    for number, episode in rows.items():
        if episode.cliffhanger:
            continue
        if number <= len(CLIFFHANGERS):
            episode.title, episode.cliffhanger, episode.cliffhanger_kind = CLIFFHANGERS[number - 1]
        elif number % 3 == 0:
            episode.title = f"Episode {number}"
            episode.cliffhanger, episode.cliffhanger_kind = "A door opens; Ethan does not turn around.", "look"
        episode.duration_s = 90
        session.add(episode)
    session.flush()


def _remake_mapping() -> dict[int, list[int]]:
    """The Mexican remake merges original episodes 5+6 and 40+41: 78 episodes for 80."""
    mapping, original = {}, 1
    for episode in range(1, 79):
        covers = [original, original + 1] if original in (5, 40) else [original]
        mapping[episode] = covers
        original += len(covers)
    return mapping


def _cast(session: Session, series: Series, versions: dict[str, MarketVersion], lead: User) -> None:
    characters = {c.name: c for c in service.list_characters(session, series)}
    for name, description, *_ in CHARACTERS:
        if name not in characters:
            characters[name] = service.create_character(session, series, CharacterCreate(name=name, description=description))
    original = versions[series.original_locale]
    remake = versions["es-MX"]
    for name, _d, local_name, actor, status in CHARACTERS:
        character = characters[name]
        if service.find_casting(session, original, character) is None:
            service.put_casting(session, original, character, CastingUpdate(
                localized_name=name, actor=ORIGINAL_CAST[name], status="confirmed"))
        if service.find_casting(session, remake, character) is None:
            casting, _ = service.put_casting(session, remake, character, CastingUpdate(
                localized_name=local_name, actor=actor, status=status))
            if name in ("Ethan", "Chloe"):
                session.add(CastingNote(casting_id=casting.id, author_id=lead.id, author=lead.name,
                                        text=f"Chemistry read with {CHARACTERS[1 - ('Ethan', 'Chloe').index(name)][2]} went well; "
                                             "waiting on availability for the March shoot."))
