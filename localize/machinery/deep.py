"""Google, DeepL, Microsoft and MyMemory through deep-translator, one adapter each.

deep-translator 1.11 sets no request timeout, so each of these modules' reference to `requests`
is replaced by a stand-in that adds ours (`base.request_timeout`, shortened near a deadline);
`requests` itself is left alone. Its errors share no base class and say little (ServerException
keeps only a message per status), so `convert` sorts them into retryable and permanent. These
services take one text per request through the library, so a chunk is a loop here.
"""
from __future__ import annotations

import re

import requests
from deep_translator import DeeplTranslator, GoogleTranslator, MicrosoftTranslator, MyMemoryTranslator
from deep_translator import deepl as _deepl
from deep_translator import exceptions as dt
from deep_translator import google as _google
from deep_translator import microsoft as _microsoft
from deep_translator import mymemory as _mymemory
from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

from localize.locales import language_of
from localize.machinery import MachineTranslationError
from localize.machinery.base import RETRYABLE_STATUSES, BaseProvider, network_error, request_timeout


class _RequestsWithTimeout:
    """Stands in for `requests` inside deep-translator's modules: every call gets a timeout."""

    def __getattr__(self, name):
        return getattr(requests, name)

    def get(self, *args, **kwargs):
        kwargs.setdefault("timeout", request_timeout())
        return requests.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        kwargs.setdefault("timeout", request_timeout())
        return requests.post(*args, **kwargs)


for _module in (_google, _deepl, _microsoft, _mymemory):
    _module.requests = _RequestsWithTimeout()

_SERVER_STATUS = {message: status for status, message in dt.ServerException.errors.items()}
PERMANENT = (dt.LanguageNotSupportedException, dt.InvalidSourceOrTargetLanguage, dt.ApiKeyException,
             dt.NotValidPayload, dt.NotValidLength, dt.AuthorizationException)


def convert(provider: str, exc: Exception) -> MachineTranslationError:
    """deep-translator's or requests' exception as ours, retryable or not."""
    if isinstance(exc, MachineTranslationError):
        return exc
    if isinstance(exc, requests.RequestException):
        return network_error(provider, exc)
    if isinstance(exc, dt.TooManyRequests):
        return MachineTranslationError(f"{provider} is rate limiting us (HTTP 429)", retryable=True)
    if isinstance(exc, dt.ServerException):
        status = _SERVER_STATUS.get(str(exc.args[0]) if exc.args else "", 500)
        return MachineTranslationError(f"{provider} failed (HTTP {status}: {exc.args[0] if exc.args else ''})",
                                       retryable=status in RETRYABLE_STATUSES)
    if isinstance(exc, dt.AuthorizationException):
        return MachineTranslationError(f"{provider} refused the API key", retryable=False)
    if isinstance(exc, PERMANENT):
        return MachineTranslationError(f"{provider} cannot do this: {getattr(exc, 'message', exc)}".strip(),
                                       retryable=False)
    if isinstance(exc, dt.MicrosoftAPIerror):
        # The library keeps only str() of Microsoft's {"code": 429001, ...}: its first three digits are the status.
        code = re.search(r"'code': (\d{6})", exc.api_message or "")
        status = int(code.group(1)) // 1000 if code else 400
        return MachineTranslationError(f"{provider} failed (HTTP {status})", retryable=status in RETRYABLE_STATUSES)
    if isinstance(exc, dt.RequestError):  # Google's and MyMemory's "not 2xx" besides 429: often a 5xx
        return MachineTranslationError(f"{provider} did not answer the request", retryable=True)
    # A missing or garbled answer (Microsoft's adapter reads .json() of no response after a network error).
    return MachineTranslationError(f"{provider} gave an unexpected answer: {exc.__class__.__name__}", retryable=True)


class DeepTranslatorProvider(BaseProvider):
    """A service reached through one deep-translator class, one text per request."""

    batch_size = 20

    def __init__(self, *, api_key: str = "", url: str | None = None, region: str | None = None):
        self.api_key, self.url, self.region = api_key, url, region

    def translator(self, source: str, target: str):
        raise NotImplementedError

    def translate_chunk(self, texts: list[str], source: str, target: str) -> list[str | None]:
        try:
            translator = self.translator(source, target)
            if self.url:  # a proxy or a test double in front of the service
                translator._base_url = self.url
        except Exception as exc:  # noqa: BLE001 - the library raises many unrelated types
            raise convert(self.label, exc) from None
        out: list[str | None] = []
        for text in texts:
            try:
                out.append(translator.translate(text) or None)
            except dt.TranslationNotFound:
                out.append(None)  # the service answered, with nothing for this text
            except Exception as exc:  # noqa: BLE001
                raise convert(self.label, exc) from None
        return out


def _bare(locale: str) -> str:
    return language_of(locale)


class GoogleProvider(DeepTranslatorProvider):
    name, label = "google", "Google Translate"
    SPECIAL = {"zh-hans": "zh-CN", "zh-cn": "zh-CN", "zh-sg": "zh-CN", "zh-hant": "zh-TW", "zh-tw": "zh-TW",
               "zh-hk": "zh-TW", "he": "iw", "fil": "tl"}

    def code(self, locale: str, *, target: bool) -> str:
        lower = locale.lower()
        return self.SPECIAL.get(lower) or self.SPECIAL.get(_bare(locale)) or (
            "zh-CN" if _bare(locale) == "zh" else _bare(locale))

    def translator(self, source, target):
        return GoogleTranslator(source=source, target=target)


class DeeplProvider(DeepTranslatorProvider):
    """DeepL: bare source codes; targets EN-US/EN-GB and PT-BR/PT-PT as DeepL requires them."""

    name, label = "deepl", "DeepL"

    def code(self, locale: str, *, target: bool) -> str:
        lang = _bare(locale)
        if not target:
            return lang
        region = locale.split("-")[-1].upper() if "-" in locale else ""
        if lang == "en":
            return "EN-GB" if region == "GB" else "EN-US"
        if lang == "pt":
            return "PT-PT" if region == "PT" else "PT-BR"
        return lang.upper()

    def translator(self, source, target):
        # The library validates bare codes only; DeepL itself wants the regional target.
        translator = DeeplTranslator(source=source, target=target.split("-")[0].lower(), api_key=self.api_key,
                                     use_free_api=self.api_key.endswith(":fx"))
        translator._target = target
        return translator


class MicrosoftProvider(DeepTranslatorProvider):
    name, label = "microsoft", "Microsoft Translator"
    SPECIAL = {"pt-pt": "pt-pt", "zh-hans": "zh-Hans", "zh-cn": "zh-Hans", "zh-hant": "zh-Hant",
               "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "fr-ca": "fr-ca", "sr-latn": "sr-Latn"}

    def code(self, locale: str, *, target: bool) -> str:
        return self.SPECIAL.get(locale.lower()) or ("zh-Hans" if _bare(locale) == "zh" else _bare(locale))

    def translator(self, source, target):
        return MicrosoftTranslator(source=source, target=target, api_key=self.api_key, region=self.region)


MYMEMORY_CODES = frozenset(MY_MEMORY_LANGUAGES_TO_CODES.values())
# Where a language's own region is not its main one (there is no en-EN).
MAIN_REGION = {"en": "en-US", "zh": "zh-CN", "pt": "pt-BR", "ja": "ja-JP", "ko": "ko-KR", "ar": "ar-SA",
               "he": "he-IL", "hi": "hi-IN", "sv": "sv-SE", "da": "da-DK", "el": "el-GR", "uk": "uk-UA"}


class MyMemoryProvider(DeepTranslatorProvider):
    """MyMemory takes regional codes (es-ES, pt-BR): the tag itself when it knows it, else the main region."""

    name, label = "mymemory", "MyMemory"

    def code(self, locale: str, *, target: bool) -> str:
        if locale in MYMEMORY_CODES:
            return locale
        lang = _bare(locale)
        regional = sorted(c for c in MYMEMORY_CODES if c.split("-")[0].lower() == lang)
        preferred = MAIN_REGION.get(lang, f"{lang}-{lang.upper()}")
        if preferred in regional:
            return preferred
        if regional:
            return regional[0]
        raise MachineTranslationError(f"MyMemory cannot translate {'to' if target else 'from'} {locale}")

    def translator(self, source, target):
        return MyMemoryTranslator(source=source, target=target)


PROVIDER_CLASSES = {"google": GoogleProvider, "deepl": DeeplProvider, "microsoft": MicrosoftProvider,
                    "mymemory": MyMemoryProvider}
