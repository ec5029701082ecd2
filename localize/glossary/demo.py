"""Demo glossary of the Mexican remake: a catchphrase, a legal term and its forbidden wording, the
company's tower and a brand to keep; the renamed characters (Ethan is Mateo) come from casting.

The demo's Spanish subtitles and script of episode 2 still say "papeles de adopción" and "Ethan",
so the remake's editors show glossary findings there. Idempotent: entries are looked up by source and kind.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.glossary import store
from localize.models import GlossaryEntry, Series

LOCALE = "es-MX"
ENTRIES = [
    {"source": "If he signs, he dies", "target": "Si firma, muere", "kind": "term",
     "note": "Victoria's catchphrase: the same words every time, it closes episodes 1 and 3."},
    {"source": "adoption papers", "target": "actas de adopción", "kind": "term",
     "note": "The legal name in Mexico; the plot turns on these documents from episode 2."},
    {"source": "adoption papers", "target": "papeles de adopción", "kind": "forbidden",
     "note": "Sounds informal to a Mexican audience; Chloe is a lawyer."},
    {"source": "Hale Tower", "target": "", "kind": "keep",
     "note": "The Hale company's headquarters: the brand name stays in English."},
    {"source": "Bentley", "target": "", "kind": "keep", "note": "A car brand.", "case_sensitive": True},
]


def load(session: Session, series: Series) -> list[str]:
    """Create the demo glossary entries that are missing; say how many."""
    known = {(e.source, e.kind) for e in session.exec(select(GlossaryEntry).where(
        GlossaryEntry.series_id == series.id, GlossaryEntry.target_locale == LOCALE))}
    added = 0
    for values in ENTRIES:
        if (values["source"], values["kind"]) not in known:
            store.add_entry(session, series, LOCALE, values)
            added += 1
    return [f"created the {LOCALE} glossary ({added} entries; the renamed characters come from casting)"] if added else []
