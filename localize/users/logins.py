"""The sign-in limit: failed attempts per (client address, email) in a window, in the database.

Kept in a table rather than in each process, so every worker and host counts the same attempts;
the attempt is counted atomically (one upsert) *before* the password is checked, so parallel
guesses cannot all slip through while the first ones are still being hashed.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from localize.models import LoginAttempt, utcnow

WINDOW = timedelta(minutes=5)
FORGET_AFTER = timedelta(days=1)


def note_attempt(session: Session, address: str, email: str, *, now: datetime | None = None) -> int:
    """Count a sign-in attempt; return the attempts in the current window, this one included."""
    now = now or utcnow()
    key = {"address": address[:64], "email": email.strip().lower()[:320]}
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = LoginAttempt.__table__
    expired = table.c.window_start < now - WINDOW
    statement = dialect.insert(table).values(**key, window_start=now, failures=1)
    statement = statement.on_conflict_do_update(
        index_elements=["address", "email"],
        set_={"failures": _case(expired, 1, table.c.failures + 1),
              "window_start": _case(expired, now, table.c.window_start)},
    ).returning(table.c.failures)
    count = session.execute(statement).scalar_one()
    session.execute(delete(LoginAttempt).where(LoginAttempt.window_start < now - FORGET_AFTER))
    return count


def clear_attempts(session: Session, address: str, email: str) -> None:
    """A successful sign-in forgets the failures before it."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.address == address[:64],
                                               LoginAttempt.email == email.strip().lower()[:320]))


def _case(condition, then, otherwise):
    return case((condition, then), else_=otherwise)
