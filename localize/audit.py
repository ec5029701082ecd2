"""The audit log: who changed what outside subtitle and script revisions (which keep their own).

Entries are written in the transaction of the change they describe, so a change that rolls back
leaves no entry, and an entry always describes something that happened.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from localize.models import AuditEntry, User

SECRET_KEYS = {"password", "token", "csrf_token", "api_token", "secret"}
MAX_DETAIL = 2000  # characters of one recorded value


def record(session: Session, *, actor: User | None, action: str, object_type: str, object_id: str = "",
           details: dict | None = None, actor_email: str | None = None) -> AuditEntry:
    """Add an entry (flushed, not committed): `actor` None is the command line or the system."""
    entry = AuditEntry(actor_id=actor.id if actor else None,
                       actor_email=(actor.email if actor else actor_email or "cli")[:320],
                       action=action[:60], object_type=object_type[:40], object_id=str(object_id)[:200],
                       details=scrub(details or {}))
    session.add(entry)
    session.flush()
    return entry


def scrub(value):
    """Details without secrets, each text bounded: an audit log must not become a password store."""
    if isinstance(value, dict):
        return {str(k)[:100]: ("[hidden]" if str(k).lower() in SECRET_KEYS else scrub(v))
                for k, v in list(value.items())[:100]}
    if isinstance(value, list):
        return [scrub(v) for v in value[:100]]
    if isinstance(value, str):
        return value[:MAX_DETAIL]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)[:MAX_DETAIL]


def entries(session: Session, *, since: datetime | None = None, actor_email: str | None = None,
            limit: int = 100) -> list[AuditEntry]:
    """Newest first, optionally since a moment and by one actor's email."""
    query = select(AuditEntry)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if actor_email:
        query = query.where(AuditEntry.actor_email == actor_email.strip().lower())
    return list(session.exec(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))


def entry_dict(entry: AuditEntry) -> dict:
    return {"id": entry.id, "at": entry.at.isoformat(), "actor": {"id": entry.actor_id, "email": entry.actor_email},
            "action": entry.action, "object": {"type": entry.object_type, "id": entry.object_id},
            "details": entry.details}
