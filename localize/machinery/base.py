"""What every provider shares: deduplication, chunking, the request time limit, and error kinds.

As Weblate's machinery does: a provider declares its language mapping (`code`), how much one
request may carry (`batch_size`, `batch_chars`) and how to translate one chunk; the base class
skips blank texts, asks once per distinct text, and turns the outside world's errors into
`MachineTranslationError` with a `retryable` flag. Caching and retries live in `service`.
"""
from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator

import requests

from localize.machinery import MachineTranslationError

DEFAULT_TIMEOUT_S = 15.0
# Statuses worth asking again: rate limits and the server's own troubles; 4xx otherwise is final.
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})

_time_limit: contextvars.ContextVar[float | None] = contextvars.ContextVar("mt_time_limit", default=None)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Cap every request made inside (a caller's deadline is shorter than the usual timeout)."""
    token = _time_limit.set(seconds)
    try:
        yield
    finally:
        _time_limit.reset(token)


def request_timeout(default: float = DEFAULT_TIMEOUT_S) -> float:
    """The timeout for the next request: the provider's, or less when a deadline is near."""
    limit = _time_limit.get()
    return default if limit is None else max(0.1, min(default, limit))


def status_error(provider: str, status: int, detail: str = "") -> MachineTranslationError:
    """An HTTP answer that is not a translation, as an error that knows whether to retry."""
    what = {400: "refused the request", 401: "refused the API key", 403: "refused the API key",
            413: "found the text too long", 429: "is rate limiting us"}.get(status, "failed")
    message = f"{provider} {what} (HTTP {status})" + (f": {detail}" if detail else "")
    return MachineTranslationError(message, retryable=status in RETRYABLE_STATUSES or status >= 500)


def network_error(provider: str, exc: requests.RequestException) -> MachineTranslationError:
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return status_error(provider, exc.response.status_code)
    kind = "timed out" if isinstance(exc, requests.Timeout) else "cannot be reached"
    return MachineTranslationError(f"{provider} {kind} (cannot reach it: {exc.__class__.__name__})", retryable=True)


class BaseProvider:
    """One machine translation service; subclasses map languages and translate a chunk."""

    name = "base"
    label = "machine translation"
    batch_size = 50        # texts per request where the protocol takes several
    batch_chars = 20_000   # characters per request: servers cap bodies (LibreTranslate's char_limit)
    timeout = DEFAULT_TIMEOUT_S

    def code(self, locale: str, *, target: bool) -> str:
        """The provider's code for a BCP 47 locale (es-MX -> es for most)."""
        raise NotImplementedError

    def translate_chunk(self, texts: list[str], source: str, target: str) -> list[str | None]:
        """Translate distinct non-blank texts (provider codes given); raise MachineTranslationError."""
        raise NotImplementedError

    def chunks(self, texts: list[str]) -> list[list[str]]:
        """Distinct non-blank texts, in order, cut into what one request may carry."""
        out: list[list[str]] = []
        current: list[str] = []
        size = 0
        for text in dict.fromkeys(t for t in texts if t and t.strip()):
            if current and (len(current) >= self.batch_size or size + len(text) > self.batch_chars):
                out.append(current)
                current, size = [], 0
            current.append(text)
            size += len(text)
        if current:
            out.append(current)
        return out

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str | None]:
        """Translate texts from one BCP 47 locale to another; None for blanks and where nothing came back."""
        src, dst = self.code(source, target=False), self.code(target, target=True)
        done: dict[str, str | None] = {}
        for chunk in self.chunks(texts):
            done.update(zip(chunk, self.translate_chunk(chunk, src, dst)))
        return [done.get(text) if text and text.strip() else None for text in texts]
