"""The editors' suggestion panel: memory matches and the machine's suggestion for the focused line.

The pages hold a session cookie, not an API token, so the panel asks these two JSON endpoints;
they answer as GET /api/v1/tm/matches and GET /api/v1/mt/suggest do, through the same functions
(store.lookup, the configured provider).
"""
from __future__ import annotations


from flask import jsonify, request


from localize.db import request_session
from localize.errors import Conflict, Forbidden, UpstreamFailed, ValidationFailed
from localize.locales import normalize_locale
from localize.machinery import MachineTranslationError
from localize.memory import store
from localize.memory.text import DEFAULT_THRESHOLD
from localize.permissions import Ability, can, can_write_language
from localize.security import current_user, json_requires
from localize.web.memory.panel import configured_provider

MAX_TEXT = 10_000
PANEL_LIMIT = 5  # matches shown: the best few, as CAT tools show them


def _query(details: list) -> dict:
    """The locales, text and context of a suggestion request; problems go into `details`."""
    out: dict = {}
    for name in ("source_locale", "target_locale"):
        try:
            out[name] = normalize_locale(request.args.get(name, ""), name)
        except ValidationFailed as exc:
            details.extend(exc.details or [{"field": name, "message": "is not a locale"}])
    for name in ("text", "previous"):
        value = request.args.get(name, "")
        if len(value) > MAX_TEXT or "\x00" in value:
            details.append({"field": name, "message": f"must be text of at most {MAX_TEXT} characters"})
        out[name] = value
    if not out["text"].strip():
        details.append({"field": "text", "message": "is required: the source text"})
    speaker = request.args.get("speaker", "").strip()
    out["speaker"] = int(speaker) if speaker.isdigit() and 0 < int(speaker) < 2**31 else None
    if speaker and out["speaker"] is None:
        details.append({"field": "speaker", "message": "must be a character id"})
    return out


def _checked(write: bool) -> dict:
    details: list[dict] = []
    query = _query(details)
    if details:
        raise ValidationFailed("; ".join(f"{d['field']} {d['message']}" for d in details), details)
    user = current_user()
    if (write or can(user, Ability.WRITE_LANGUAGE)) and not can_write_language(user, query["target_locale"]):
        raise Forbidden(f"you do not translate into {query['target_locale']}")
    return query


@json_requires(Ability.READ_CATALOG)
def matches():
    """Memory matches for the focused line: as GET /api/v1/tm/matches answers them."""
    q = _checked(write=False)
    found = store.lookup(request_session(), source_locale=q["source_locale"], target_locale=q["target_locale"],
                         text=q["text"], previous=q["previous"] or None, speaker=q["speaker"],
                         threshold=DEFAULT_THRESHOLD, limit=PANEL_LIMIT)
    return jsonify({"matches": [m.as_dict() for m in found]})


@json_requires(Ability.WRITE_LANGUAGE)
def machine():
    """The machine's suggestion for the focused line: as GET /api/v1/mt/suggest answers it."""
    q = _checked(write=True)
    provider = configured_provider()
    if provider is None:
        raise Conflict("machine translation is not configured")
    try:
        (text,) = provider.translate_batch([q["text"].strip()], q["source_locale"], q["target_locale"])
    except MachineTranslationError as exc:
        raise UpstreamFailed(str(exc)) from None
    if not text:
        raise UpstreamFailed(f"{provider.name} gave no translation")
    return jsonify({"provider": provider.name, "text": text})
