"""Machine translation for real use: the cache first, then the provider in chunks, retried, per-text outcomes.

`machine_translate` answers an `Outcome` per input text: its translation, or why there is none.
Answers are kept in `machine_translations` per (provider, language codes, SHA-256 of the text),
so a second run asks the provider nothing. A chunk that fails with a retryable error (timeout,
refused connection, 429, 5xx) is asked again after an exponentially growing, jittered pause,
at most `retries` times and never past the caller's deadline (a web request must answer before
the server's timeout); a chunk that still fails reports its texts as failed, and every chunk
that came back before is kept (and cached) all the same.
"""
from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass
from typing import Callable

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from localize.machinery import DEFAULT_RETRIES, MachineTranslationError, Provider
from localize.models import MachineTranslation, utcnow

BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 8.0
LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class Outcome:
    """One text's result: `text` is the translation, or None with `error` saying why (None, None: blank input)."""

    text: str | None
    error: str | None = None


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _codes(provider: Provider, source_locale: str, target_locale: str) -> tuple[str, str]:
    code = getattr(provider, "code", None)
    if code is None:
        return source_locale, target_locale
    return code(source_locale, target=False), code(target_locale, target=True)


def cached(session: Session, provider: str, source: str, target: str, texts: list[str]) -> dict[str, str]:
    """The kept translations of `texts` for a provider and its language codes."""
    found: dict[str, str] = {}
    hashes = {text_hash(t): t for t in texts}
    keys = sorted(hashes)
    for start in range(0, len(keys), LOOKUP_CHUNK):
        rows = session.exec(select(MachineTranslation.text, MachineTranslation.translation).where(
            MachineTranslation.provider == provider, MachineTranslation.source_language == source,
            MachineTranslation.target_language == target,
            MachineTranslation.text_hash.in_(keys[start:start + LOOKUP_CHUNK])))
        for text, translation in rows:
            found[text] = translation
    return found


def keep(session: Session, provider: str, source: str, target: str, done: dict[str, str]) -> None:
    """Cache answers; one already kept (another request got there first) stays as it is."""
    if not done:
        return
    at = utcnow()
    rows = [{"provider": provider, "source_language": source, "target_language": target,
             "text_hash": text_hash(text), "text": text, "translation": translation, "created_at": at}
            for text, translation in sorted(done.items())]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for start in range(0, len(rows), LOOKUP_CHUNK):
        statement = dialect.insert(MachineTranslation.__table__).values(rows[start:start + LOOKUP_CHUNK])
        session.execute(statement.on_conflict_do_nothing(
            index_elements=["provider", "source_language", "target_language", "text_hash"]))
    session.flush()


def backoff(attempt: int) -> float:
    """The pause before retry number `attempt` (0-based): exponential, capped, with jitter."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * (2 ** attempt))
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # jitter: many clients do not retry in step


class _Asker:
    """Asks the provider for one chunk, retrying what may succeed later, within attempts and deadline."""

    def __init__(self, provider, source, target, locales, *, retries, deadline, sleep, clock):
        self.provider, self.source, self.target, self.locales = provider, source, target, locales
        self.retries, self.sleep, self.clock = retries, sleep, clock
        self.end = None if deadline is None else clock() + deadline

    def remaining(self) -> float | None:
        return None if self.end is None else self.end - self.clock()

    def ask(self, chunk: list[str]) -> list[str | None]:
        from localize.machinery.base import time_limit
        attempt = 0
        while True:
            left = self.remaining()
            if left is not None and left <= 0:
                raise MachineTranslationError("no time left to ask the machine translation service")
            try:
                with time_limit(left):
                    if hasattr(self.provider, "translate_chunk"):
                        return self.provider.translate_chunk(chunk, self.source, self.target)
                    return self.provider.translate_batch(chunk, *self.locales)
            except MachineTranslationError as exc:
                if not exc.retryable or attempt >= self.retries:
                    raise
                pause = backoff(attempt)
                left = self.remaining()
                if left is not None:
                    if left <= pause:
                        raise  # waiting would end past the deadline: report the failure now
                    pause = min(pause, left)
                self.sleep(pause)
                attempt += 1


def machine_translate(session: Session, provider: Provider, texts: list[str], source_locale: str,
                      target_locale: str, *, deadline: float | None = None, retries: int | None = None,
                      sleep: Callable[[float], None] = time.sleep,
                      clock: Callable[[], float] = time.monotonic) -> list[Outcome]:
    """An Outcome per text: cached answers first, then the provider for the rest (deadline in seconds from now)."""
    wanted = [t for t in dict.fromkeys(texts) if t and t.strip()]
    if not wanted:
        return [Outcome(None) for _ in texts]
    name = getattr(provider, "name", "unknown")
    try:
        source, target = _codes(provider, source_locale, target_locale)
    except MachineTranslationError as exc:
        return [Outcome(None, str(exc)) if t and t.strip() else Outcome(None) for t in texts]
    results: dict[str, Outcome] = {t: Outcome(s) for t, s in cached(session, name, source, target, wanted).items()}
    missing = [t for t in wanted if t not in results]
    chunks = provider.chunks(missing) if hasattr(provider, "chunks") else [missing] if missing else []
    asker = _Asker(provider, source, target, (source_locale, target_locale),
                   retries=getattr(provider, "retries", DEFAULT_RETRIES) if retries is None else retries,
                   deadline=deadline, sleep=sleep, clock=clock)
    for chunk in chunks:
        try:
            answers = asker.ask(chunk)
        except MachineTranslationError as exc:
            results.update({t: Outcome(None, str(exc)) for t in chunk})
            continue
        done = {t: a for t, a in zip(chunk, answers) if a}
        keep(session, name, source, target, done)
        results.update({t: Outcome(done[t]) if t in done else Outcome(None, "no translation came back")
                        for t in chunk})
    return [results.get(t, Outcome(None)) if t and t.strip() else Outcome(None) for t in texts]
