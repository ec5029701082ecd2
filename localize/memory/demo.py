"""Demo memory: the remake's Spanish subtitles remembered beside the original's lines, and a small
TMX file, as a lead would bring one from another tool, so the editors and the leverage report show
real context (101), exact (100) and fuzzy matches.

The scripts and the French subtitles the demo writes are remembered as they are saved (memory
listens to every human save); this part adds what no save announces. Idempotent: once the TMX's
first pair is in memory, nothing is done again.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from sqlmodel import Session, select

from localize.memory import exchange, store
from localize.memory import text as tm_text
from localize.models import MemoryEntry, Series, User
from localize.signals import SavedTranslation
from localize.subtitles.demo import ENGLISH, SPANISH

# (source, previous source segment or None, {target language: translation}). The comments say which
# demo line each one matches and how.
TMX_UNITS = [
    # French subtitles, episode 1 (cues 3-5): exact, fuzzy, and context after the previous cue.
    ("Your father's will says otherwise.", None, {"fr": "Le testament de ton père dit le contraire."}),
    ("Ethan, don't sign anything.", None, {"fr": "Ethan, ne signe rien.", "es-MX": "Mateo, no firmes nada."}),
    ("<i>If he signs, he dies.</i>", "Chloe, don't sign anything.", {"fr": "<i>S'il signe, il meurt.</i>"}),
    # Episodes 2-3 for the French leverage: exact, fuzzy against the original's later draft.
    ("Then we find out together.", None, {"fr": "Alors on le découvre ensemble."}),
    ("Someone who was lied to for years.", None, {"fr": "Quelqu'un à qui on a menti pendant des années."}),
    ("Is that a threat?", None, {"fr": "C'est une menace ?"}),
    ("It's a promise.", None, {"fr": "C'est une promesse."}),
    # The remake's scripts of episodes 4-12 (not adapted yet): context, exact and fuzzy.
    ("Then tell me to stop.", "We shouldn't.", {"es-MX": "Entonces dime que me detenga."}),
    ("We shouldn't.", None, {"es-MX": "No deberíamos."}),
    ("Chloe, I'm on my way.", None, {"es-MX": "Valeria, voy en camino."}),
    ("The brakes don't work!", None, {"es-MX": "¡Los frenos no funcionan!"}),
    ("Stay with me, Chloe.", None, {"es-MX": "Quédate conmigo, Valeria."}),
    ("Visiting hours are over.", None, {"es-MX": "La hora de visita terminó.", "fr": "Les visites sont terminées."}),
    ("Everything goes to my son.", None, {"es-MX": "Todo es para mi hijo."}),
    ("Read it.", None, {"es-MX": "Léelo."}),
    ("I vote for my daughter.", None, {"es-MX": "Voto por mi hija."}),
    ("That's not my name!", None, {"es-MX": "¡Ese no es mi nombre!"}),
    ("Ten million. Leave her.", None, {"es-MX": "Diez millones. Déjala."}),
]


def demo_tmx() -> bytes:
    """The demo's TMX 1.4 file, as another CAT tool would export it (English source, several targets)."""
    units = []
    for source, context, targets in TMX_UNITS:
        prop = f'<prop type="x-context">{escape(context)}</prop>' if context else ""
        variants = "".join(f'<tuv xml:lang="{lang}"><seg>{escape(text)}</seg></tuv>' for lang, text in targets.items())
        units.append(f'    <tu>{prop}<tuv xml:lang="en-US"><seg>{escape(source)}</seg></tuv>{variants}</tu>\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '  <header creationtool="Studio Demo" creationtoolversion="1" segtype="sentence" o-tmf="demo" '
            'adminlang="en" srclang="en-US" datatype="plaintext"/>\n  <body>\n'
            + "".join(units) + "  </body>\n</tmx>\n").encode("utf-8")


def load(session: Session, series: Series, *, author: User) -> list[str]:
    """Seed the demo's memory once: the remake's subtitles as pairs (those the scripts did not give), then the TMX."""
    first_source, _context, first_targets = TMX_UNITS[0]
    (language, _text), = first_targets.items()
    if session.exec(select(MemoryEntry.id).where(
            MemoryEntry.source_locale == "en-US", MemoryEntry.target_locale == language,
            MemoryEntry.source_hash == tm_text.digest(first_source))).first() is not None:
        return []
    pairs = [SavedTranslation("en-US", "es-MX", english[n], spanish[n], "subtitles", series=series.slug,
                              version="es-MX", episode=number, previous=english[n - 1] if n else None)
             for number, (english, spanish) in enumerate(zip(ENGLISH, SPANISH), 1) for n in range(len(english))]
    # A pair the adapted scripts already gave keeps their origin (its speaker makes script context).
    known = set(session.exec(select(MemoryEntry.source_hash, MemoryEntry.target_hash).where(
        MemoryEntry.source_locale == "en-US", MemoryEntry.target_locale == "es-MX")).all())
    pairs = [p for p in pairs if (tm_text.digest(p.source), tm_text.digest(p.target)) not in known]
    store.remember(session, pairs, author=author)
    result = exchange.import_tmx(session, demo_tmx(), author=author)
    return [f"seeded translation memory: {len(pairs)} pairs of the remake's subtitles and a TMX file of "
            f"{result.units} units ({result.added} pairs)"]
