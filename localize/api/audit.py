"""The audit log, for admins: who changed what, newest first."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import jsonify, request

from localize import audit
from localize.api import bp, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.db import request_session
from localize.errors import field_error
from localize.permissions import Ability


def _since(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise field_error("since", f"{text[:40]!r} is not an ISO 8601 moment such as 2026-11-27T09:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _limit(text: str | None) -> int:
    if text is None or text == "":
        return 100
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 1000:
        raise field_error("limit", "must be a whole number from 1 to 1000")
    return int(text)


@bp.get("/audit")
@requires(Ability.ADMIN)
def audit_log():
    """Changes outside subtitle and script revisions, newest first (?since=, ?actor=, ?limit=)."""
    found = audit.entries(request_session(), since=_since(request.args.get("since")),
                          actor_email=request.args.get("actor"), limit=_limit(request.args.get("limit")))
    return jsonify({"entries": [audit.entry_dict(e) for e in found]})


describe("api.audit_log", returns={"200": answers.AuditLog},
         parameters=[{"name": "since", "in": "query", "required": False, "schema": {"type": "string"},
                      "description": "ISO 8601 moment; entries at or after it"},
                     {"name": "actor", "in": "query", "required": False, "schema": {"type": "string"},
                      "description": "the email of the person who made the change"},
                     {"name": "limit", "in": "query", "required": False,
                      "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}])
