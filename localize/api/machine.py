"""Machine translation as the API's translate endpoints use it: the configured provider, within the request's time."""
from __future__ import annotations

from flask import current_app

from localize.db import request_session
from localize.errors import UpstreamFailed, ValidationFailed
from localize.machinery import Provider, provider_from_config
from localize.machinery.service import machine_translate


def configured_provider(field: str = "prefill") -> Provider:
    """The configured provider, or a 422 naming `field` when machine translation is not set up."""
    provider = provider_from_config(current_app.config)
    if provider is None:
        raise ValidationFailed("machine translation is not configured (set LOCALIZE_MT_PROVIDER, and "
                               "LOCALIZE_MT_URL for LibreTranslate)", [{"field": field}])
    return provider


def request_deadline() -> float:
    """Seconds a request may spend on machine translation, retries included (below the proxy's timeout)."""
    return float(current_app.config.get("MT_DEADLINE", 25))


def machine_prefill(provider: Provider):
    """A translate prefill through the cache; a 502 only when nothing at all came back."""
    def prefill(texts, source, target):
        outcomes = machine_translate(request_session(), provider, texts, source, target, deadline=request_deadline())
        asked = [o for t, o in zip(texts, outcomes) if t and t.strip()]
        if asked and all(o.text is None for o in asked):
            raise UpstreamFailed(next((o.error for o in asked if o.error), "machine translation failed"))
        return [o.text for o in outcomes]
    return prefill
