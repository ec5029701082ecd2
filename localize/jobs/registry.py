"""Job kinds by name: what a job row's `kind` runs, in whatever process picks it up."""
from __future__ import annotations

from typing import Callable, Protocol

from sqlmodel import Session


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> None: ...


JobFunction = Callable[[Session, dict, Progress], dict]
KINDS: dict[str, JobFunction] = {}
# The app's settings, for kinds that need more than their params (pre-translation's MT provider):
# set when the app (in a serving process or a `localize worker`) starts its jobs.
_SETTINGS: dict = {}


def configure(settings) -> None:
    """Give the job kinds of this process the app's settings."""
    global _SETTINGS
    _SETTINGS = settings


def job_settings():
    """The settings of the app running the jobs of this process (empty before it started)."""
    return _SETTINGS


def job_kind(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register `fn(session, params, progress) -> dict` as the job kind `name`.

    The function works in the session it is given and flushes, never commits: the runner commits.
    `progress(done, total)` is a checkpoint: call it only where the work so far stands on its own
    (after an episode), because the runner may commit there, so that a GET sees the progress and
    a long job never holds SQLite's write lock, or PostgreSQL's row locks, from start to end.
    The returned dict is the job's result, the same answer the request would have given inline.
    """
    if not name or len(name) > 60:
        raise ValueError(f"a job kind is named in 1-60 characters, not {name!r}")

    def register(fn: JobFunction) -> JobFunction:
        known = KINDS.get(name)
        if known is not None and known is not fn and _qualname(known) != _qualname(fn):
            raise ValueError(f"job kind {name!r} is already {_qualname(known)}")
        KINDS[name] = fn
        return fn
    return register


def kind_function(name: str) -> JobFunction:
    """The function registered as `name`; KeyError names the kinds this process knows."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"no job kind {name!r} in this process (known: {', '.join(sorted(KINDS)) or 'none'}); "
                       "is the module that registers it imported by the app?") from None


def _qualname(fn) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"
