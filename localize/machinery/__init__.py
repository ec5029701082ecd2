"""Machine translation providers, behind one small interface so tests and studios can swap them."""
from __future__ import annotations

from typing import Protocol


class MachineTranslationError(Exception):
    """The provider could not translate: unreachable, refused, or an unsupported language."""


class Provider(Protocol):
    name: str

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | None]:
        """Translate texts from one BCP 47 language to another; None where nothing came back."""


def provider_from_config(config: dict) -> Provider | None:
    """The configured provider, or None when machine translation is not set up."""
    if not config.get("MT_URL"):
        return None
    if config.get("MT_PROVIDER", "libre") != "libre":
        raise MachineTranslationError(f"unknown machine translation provider {config['MT_PROVIDER']!r}")
    from localize.machinery.libre import LibreTranslateProvider
    return LibreTranslateProvider(config["MT_URL"], api_key=config.get("MT_API_KEY", ""))
