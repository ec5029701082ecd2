"""LibreTranslate: one request per chunk of texts, with `q` as a JSON array.

deep-translator 1.11 sends one request per text, needs an api_key even for a keyless server and
sets no timeout; LibreTranslate's own protocol takes `q` as an array and answers `translatedText`
as one, so we post each chunk ourselves (the same /translate, URL and key) and keep the library
only for its list of the codes LibreTranslate knows. Regional tags map to bare codes (es-MX -> es,
pt-BR -> pt; zh-Hant -> zt, LibreTranslate's code for traditional Chinese).
"""
from __future__ import annotations

import requests
from deep_translator.constants import LIBRE_LANGUAGES_TO_CODES

from localize.locales import language_of
from localize.machinery import MachineTranslationError
from localize.machinery.base import BaseProvider, request_timeout, status_error

KNOWN_CODES = frozenset(LIBRE_LANGUAGES_TO_CODES.values()) | {"zt"}
TRADITIONAL = {"zh-hant", "zh-tw", "zh-hk", "zh-mo"}


class LibreTranslateProvider(BaseProvider):
    name = "libre"
    label = "LibreTranslate"

    def __init__(self, url: str, *, api_key: str = ""):
        self.url = url if url.endswith("/") else url + "/"
        self.api_key = api_key

    def code(self, locale: str, *, target: bool) -> str:
        if locale.lower() in TRADITIONAL or locale.lower().startswith("zh-hant"):
            return "zt"
        code = language_of(locale)
        if code not in KNOWN_CODES:
            raise MachineTranslationError(f"LibreTranslate cannot translate {'to' if target else 'from'} {locale}")
        return code

    def translate_chunk(self, texts: list[str], source: str, target: str) -> list[str | None]:
        body = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        try:
            response = requests.post(self.url + "translate", json=body, timeout=request_timeout(self.timeout))
        except requests.RequestException as exc:
            raise MachineTranslationError(f"cannot reach LibreTranslate at {self.url}: {exc.__class__.__name__}",
                                          retryable=True) from None
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.status_code != 200:
            detail = payload.get("error", "") if isinstance(payload, dict) else ""
            raise status_error("LibreTranslate", response.status_code, str(detail)[:200])
        answer = payload.get("translatedText") if isinstance(payload, dict) else None
        if isinstance(answer, str) and len(texts) == 1:
            answer = [answer]  # a server that only knows the single form
        if not isinstance(answer, list) or len(answer) != len(texts):
            raise MachineTranslationError("LibreTranslate gave an answer that is not one translation per text",
                                          retryable=True)
        return [a if isinstance(a, str) and a.strip() else None for a in answer]

