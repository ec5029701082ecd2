"""Demo glossary of the Mexican remake: a catchphrase, the company's tower, a forbidden wording and
a brand to keep; the renamed characters (Ethan is Mateo) come from casting by themselves.

The demo's Spanish subtitles still say "el verdadero heredero" and "Ethan" in places, so the
remake's editors show glossary findings. Idempotent: entries are looked up by source and kind.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.glossary import store
from localize.models import GlossaryEntry, Series

LOCALE = "es-MX"
ENTRIES = [
    {"source": "If he signs, he dies", "target": "Si firma, muere", "kind": "term",
     "note": "Victoria's catchphrase: the same words every time, it closes episodes 1 and 3."},
    {"source": "the real heir", "target": "el legítimo heredero", "kind": "term",
     "note": "The series' tagline, as marketing uses it in Mexico."},
    {"source": "the real heir", "target": "verdadero heredero", "kind": "forbidden",
     "note": "Marketing's tagline is \"el legítimo heredero\"; do not mix the two."},
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
