"""Machine translation providers, behind one small interface so tests and studios can swap them.

`provider_from_config(config)` builds the configured provider (or None): LOCALIZE_MT_PROVIDER is
libre, google, deepl, microsoft, mymemory or none; for backward compatibility a LOCALIZE_MT_URL
with no provider means libre. Every provider's `translate_batch(texts, source, target)` answers a
text (or None) per input and raises `MachineTranslationError`, whose `retryable` says whether the
same call may succeed later (timeouts, refused connections, 429, 5xx) or never will (unsupported
language, 400, a bad key). `service.machine_translate` adds the cache, retries and per-text outcomes.
"""
from __future__ import annotations

from typing import Protocol

PROVIDERS = ("libre", "google", "deepl", "microsoft", "mymemory", "none")
DEFAULT_RETRIES = 3


class MachineTranslationError(Exception):
    """The provider could not translate: unreachable, refused, or an unsupported language."""

    def __init__(self, message: str, *, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


class MachineTranslationConfigError(ValueError):
    """The machine translation settings name no provider we know, or miss what one needs."""


class Provider(Protocol):
    name: str

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | None]:
        """Translate texts from one BCP 47 language to another; None where nothing came back."""


def provider_name(config: dict) -> str:
    """The configured provider's name; an unknown one is a MachineTranslationConfigError."""
    name = (config.get("MT_PROVIDER") or "").strip().lower()
    if not name:
        return "libre" if config.get("MT_URL") else "none"  # before providers were named, a URL meant libre
    if name not in PROVIDERS:
        raise MachineTranslationConfigError(
            f"unknown machine translation provider {name!r} (LOCALIZE_MT_PROVIDER): use one of {', '.join(PROVIDERS)}")
    if name == "libre" and not config.get("MT_URL"):
        return "none"  # libre without a server to ask is not set up
    return name


def check_config(config: dict) -> None:
    """Refuse settings no provider can work with, at startup rather than at the first request."""
    name = provider_name(config)
    if name in ("deepl", "microsoft") and not config.get("MT_API_KEY"):
        raise MachineTranslationConfigError(f"LOCALIZE_MT_PROVIDER={name} needs LOCALIZE_MT_API_KEY")


def provider_from_config(config: dict) -> Provider | None:
    """The configured provider, or None when machine translation is not set up."""
    name = provider_name(config)
    if name == "none":
        return None
    url, key = config.get("MT_URL") or "", config.get("MT_API_KEY") or ""
    if name == "libre":
        from localize.machinery.libre import LibreTranslateProvider
        provider = LibreTranslateProvider(url, api_key=key)
    else:
        from localize.machinery import deep
        provider = deep.PROVIDER_CLASSES[name](api_key=key, url=url or None, region=config.get("MT_REGION") or None)
    provider.retries = int(config.get("MT_RETRIES", DEFAULT_RETRIES))
    return provider
