"""The demo: accounts, "The Heir Returns" with its markets and casting, subtitles and 90 days of views.

Idempotent: each part looks its objects up by their natural keys before creating them. This
module sits above the domain packages and asks each for its part, so none of them imports another.
"""
from __future__ import annotations

from sqlmodel import Session

from localize.catalog import demo as catalog_demo
from localize.glossary import demo as glossary_demo
from localize.memory import demo as memory_demo
from localize.reports import demo as reports_demo
from localize.scripts import demo as scripts_demo
from localize.subtitles import demo as subtitles_demo
from localize.users import demo as users_demo
from localize.users.demo import DEMO_ROLES

__all__ = ["DEMO_ROLES", "load_demo"]


def load_demo(session: Session, *, instance_path: str | None = None) -> list[str]:
    """Create whatever part of the demo is missing; return lines that say what was done."""
    accounts = users_demo.accounts(session, instance_path)
    lead = users_demo.demo_lead(session)
    series, lines = catalog_demo.load(session, lead=lead)
    lines += accounts
    lines += glossary_demo.load(session, series)  # before the subtitles, so their stored QC counts see it
    lines += subtitles_demo.load(session, series, author=lead)
    lines += scripts_demo.load(session, series, author=lead)
    lines += reports_demo.load(session, series)
    lines += memory_demo.load(session, series, author=lead)
    return lines or ["demo already loaded"]
