"""The machine's suggestion for one source text, shown in the editors below the memory matches."""
from __future__ import annotations

from flask import current_app, jsonify, request

from localize.api import api_user, bp, requires
from localize.api import schemas as answers
from localize.api.memory import MAX_TEXT, query_locale
from localize.api.openapi import describe
from localize.errors import Conflict, Forbidden, UpstreamFailed, ValidationFailed
from localize.machinery import MachineTranslationError, provider_from_config
from localize.permissions import Ability, can_write_language


@bp.get("/mt/suggest")
@requires(Ability.WRITE_LANGUAGE)
def machine_suggest():
    """One text through the configured provider: a suggestion a person may take (it is not stored)."""
    details: list[dict] = []
    source_locale, target_locale = query_locale("source_locale", details), query_locale("target_locale", details)
    text = request.args.get("text", "")
    if not text.strip():
        details.append({"field": "text", "message": "is required: the source text to translate"})
    elif len(text) > MAX_TEXT:
        details.append({"field": "text", "message": f"is longer than {MAX_TEXT} characters"})
    elif "\x00" in text:
        details.append({"field": "text", "message": "contains a NUL character"})
    if details:
        raise ValidationFailed("; ".join(f"{d['field']} {d['message']}" for d in details), details)
    user = api_user()
    if not can_write_language(user, target_locale):
        raise Forbidden(f"{user.email} translates {user.languages or 'no language'}, not {target_locale}")
    try:
        provider = provider_from_config(current_app.config)
    except MachineTranslationError as exc:  # a provider named in configuration that we do not know
        raise Conflict(f"machine translation is not usable: {exc}") from None
    if provider is None:
        raise Conflict("machine translation is not configured (set LOCALIZE_MT_PROVIDER and LOCALIZE_MT_URL)")
    try:
        (translated,) = provider.translate_batch([text.strip()], source_locale, target_locale)
    except MachineTranslationError as exc:
        raise UpstreamFailed(str(exc)) from None
    if not translated:
        raise UpstreamFailed(f"{provider.name} gave no translation for this text")
    return jsonify({"provider": provider.name, "text": translated})


describe("api.machine_suggest", "The machine translation of one source text, as a suggestion (nothing is stored)",
         parameters=[{"name": name, "in": "query", "required": True, "description": text, "schema": {"type": "string"}}
                     for name, text in (("source_locale", "the source text's locale"),
                                        ("target_locale", "the locale to translate into"),
                                        ("text", "the source text"))],
         responses={"403": "A translator asking for a language not theirs",
                    "409": "Machine translation is not configured on this server",
                    "422": "A missing or bad locale or text (details name each)",
                    "502": "The provider failed or gave nothing back"},
         returns={"200": answers.MachineSuggestion})
