"""LibreTranslate through deep-translator, with the library's rough edges handled here.

deep-translator 1.11: needs an api_key even for a keyless server, and a trailing slash on the URL;
sets no request timeout; lets requests' ConnectionError escape; knows only bare language codes
(pt, not pt-BR); and sends one request per text (so we skip blank cues and repeat texts).
"""
from __future__ import annotations

import requests
from deep_translator import LibreTranslator
from deep_translator import exceptions as _dt_exceptions
from deep_translator import libre as _libre_module

from localize.locales import language_of
from localize.machinery import MachineTranslationError

DEFAULT_TIMEOUT_S = 15


class _RequestsWithTimeout:
    """Stands in for the `requests` module inside deep_translator.libre, adding a timeout."""

    timeout = DEFAULT_TIMEOUT_S

    def post(self, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return requests.post(*args, **kwargs)

    def get(self, *args, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return requests.get(*args, **kwargs)


_libre_module.requests = _RequestsWithTimeout()
# The library's errors share no single base class (AuthorizationException stands alone).
_LIBRARY_ERRORS = tuple(value for value in vars(_dt_exceptions).values()
                        if isinstance(value, type) and issubclass(value, Exception))


class LibreTranslateProvider:
    name = "libre"

    def __init__(self, url: str, *, api_key: str = ""):
        self.url = url if url.endswith("/") else url + "/"
        self.api_key = api_key or "unused"  # the library refuses an empty key; keyless servers ignore it

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | None]:
        src, dst = language_of(source), language_of(target)
        try:
            translator = LibreTranslator(source=src, target=dst, api_key=self.api_key, custom_url=self.url)
        except _LIBRARY_ERRORS as exc:
            raise MachineTranslationError(f"LibreTranslate cannot translate {source} to {target}: {exc}") from None
        done: dict[str, str | None] = {}
        out: list[str | None] = []
        for text in texts:
            if not text or not text.strip():
                out.append(None)
                continue
            if text not in done:
                try:
                    done[text] = translator.translate(text) or None
                except requests.RequestException as exc:
                    raise MachineTranslationError(f"cannot reach LibreTranslate at {self.url}: {exc.__class__.__name__}") from None
                except _LIBRARY_ERRORS as exc:
                    raise MachineTranslationError(f"LibreTranslate failed: {exc}") from None
            out.append(done[text])
        return out
