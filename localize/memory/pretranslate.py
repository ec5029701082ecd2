"""Pre-translate a version's episode range from translation memory, and by machine for the rest.

For each episode of the range, its script (the segments adapting the original's lines) and its
subtitle track in the version's language: context (101) and exact (100) memory matches fill as
`translated`, fuzzy ones at or above `min_score` as `fuzzy` (a person must look), and with
`machine` the rest as `machine`. Only a segment that is empty (`new`, `untranslated`) or holds a
`fuzzy`/`machine` fill a better kind beats is filled: never one a person wrote. A missing
script or track is created from the original's, as `translate` does, with the fills in it: one
revision per script or track, saved through the scripts' and subtitles' own stores. A machine
failure leaves its segment as it was and is listed as {"episode", "kind", "position", "reason"}.
`progress(done, total)` is called after each episode, so a job runner can report it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from sqlmodel import Session

from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.errors import NotFound, PreconditionFailed, ValidationFailed
from localize.jobs import job_kind, job_settings
from localize.machinery import Provider, provider_from_config
from localize.machinery.service import machine_translate
from localize.memory import store
from localize.memory.fuzzy_batch import FuzzyIndex
from localize.memory.targets import TrackTarget, Unit, script_target, track_target
from localize.models import Episode, MarketVersion, Series, User

KINDS = ("context", "exact", "fuzzy", "machine")
RANK = {"machine": 1, "fuzzy": 2, "exact": 3, "context": 4}
STATUS = {"context": "translated", "exact": "translated", "fuzzy": "fuzzy", "machine": "machine"}
SCOPES = ("script", "subtitles")
MIN_SCORE, DEFAULT_MIN_SCORE = 75, 100
INLINE_EPISODES = 20  # a longer range runs as a background job (issue 10)
Progress = Callable[[int, int], None]


@dataclass
class PretranslateResult:
    """Counts per kind of fill, segments still empty, failures, and revisions made."""

    filled: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    left: int = 0
    failed: list[dict] = field(default_factory=list)
    revisions: int = 0

    def as_dict(self) -> dict:
        return {"filled": dict(self.filled), "left": self.left, "failed": list(self.failed),
                "revisions": self.revisions}


def summary(units: list[Unit]) -> str:
    counts = {k: sum(1 for u in units if u.fill and u.fill[0] == k) for k in KINDS}
    return "pre-translated: " + ", ".join(f"{n} {k}" for k, n in counts.items())


class _Run:
    """One pre-translation: the memory and machine look-ups, the saves and the tally."""

    def __init__(self, session: Session, *, series: Series, version: MarketVersion, min_score: int,
                 provider: Provider | None, author: User, deadline: float | None):
        self.session, self.series, self.version, self.author = session, series, version, author
        self.min_score, self.provider = min_score, provider
        self.end = None if deadline is None else time.monotonic() + deadline
        self.result = PretranslateResult()
        self.fuzzy_seen: dict[tuple[str, str], str | None] = {}
        self.indexes: dict[str, FuzzyIndex] = {}

    def fill(self, number: int, kind: str, source_locale: str, units: list[Unit]) -> None:
        """Memory first (one exact query for the lot), then fuzzy, then machine for what is still empty."""
        exact = store.exact_entries(self.session, source_locale=source_locale, target_locale=self.version.locale,
                                    texts=[u.source for u in units])
        for unit in units:
            best = store.best_exact(exact.get(unit.source.strip(), []), previous=unit.previous, speaker=unit.speaker)
            if best is not None:
                if RANK[best.kind] > unit.holds:
                    unit.fill = (best.kind, best.entry.target_text)
            elif self.min_score < 100 and unit.holds < RANK["fuzzy"]:
                target = self._fuzzy(source_locale, unit.source)
                if target is not None:
                    unit.fill = ("fuzzy", target)
        rest = [u for u in units if u.fill is None and u.holds == 0]
        if self.provider is None or not rest:
            return
        left = None if self.end is None else self.end - time.monotonic()
        outcomes = machine_translate(self.session, self.provider, [u.source for u in rest], source_locale,
                                     self.version.locale, deadline=left)
        for unit, outcome in zip(rest, outcomes):
            reason = outcome.error or (None if outcome.text else "no translation came back")
            if reason is None and kind == "subtitles" and not TrackTarget.fits(outcome.text):
                reason = "the machine translation cannot be a cue's text"
            if reason is None:
                unit.fill = ("machine", outcome.text)
            else:
                self.fail(number, kind, unit.position, reason)

    def _fuzzy(self, source_locale: str, text: str) -> str | None:
        key = (source_locale, text.strip())
        if key not in self.fuzzy_seen:
            if source_locale not in self.indexes:  # the pair's keys, read once for the whole run
                self.indexes[source_locale] = FuzzyIndex(self.session, source_locale=source_locale,
                                                         target_locale=self.version.locale)
            best = self.indexes[source_locale].best(text, self.min_score)
            self.fuzzy_seen[key] = best[1].target_text if best else None
        return self.fuzzy_seen[key]

    def fail(self, number: int, kind: str, position: int | None, reason: str) -> None:
        self.result.failed.append({"episode": number, "kind": kind, "position": position, "reason": reason})

    def episode(self, episode: Episode, scope: list[str]) -> None:
        targets = []
        if "script" in scope:
            targets.append(script_target(self.session, self.series, self.version, episode))
        if "subtitles" in scope:
            targets.append(track_target(self.session, self.series, self.version, episode))
        for target in targets:
            if target is None:
                continue
            self.fill(episode.number, target.kind, target.source_locale, target.units)
            filled = [u for u in target.units if u.fill]
            if filled or target.missing:
                try:
                    changed = target.save({u.position: (u.fill[1], STATUS[u.fill[0]]) for u in filled},
                                          author=self.author, summary=summary(target.units))
                except PreconditionFailed:  # a person saved it meanwhile: their work wins, run again later
                    self.fail(episode.number, target.kind, None, "someone saved it meanwhile; pre-translate again")
                    self.result.left += sum(1 for u in target.units if u.holds == 0)
                    continue
                self.result.revisions += 1 if changed else 0
                for unit in filled:
                    self.result.filled[unit.fill[0]] += 1
            self.result.left += sum(1 for u in target.units if u.holds == 0 and u.fill is None)


def check_options(*, version: MarketVersion, scope: list[str], min_score: int, machine: bool,
                  provider: Provider | None, episodes: list[int], count: int) -> None:
    """Refuse what cannot be pre-translated, naming the field (422)."""
    if version.kind == "original":
        raise ValidationFailed("the original is the source: pre-translate one of its market versions",
                               [{"field": "locale", "message": "the original version is not translated"}])
    if not scope or any(s not in SCOPES for s in scope):
        raise ValidationFailed("scope: use script, subtitles or both", [{"field": "scope"}])
    if not MIN_SCORE <= min_score <= 100:
        raise ValidationFailed(f"min_score must be {MIN_SCORE}-100", [{"field": "min_score"}])
    if machine and provider is None:
        raise ValidationFailed("machine translation is not configured (set LOCALIZE_MT_PROVIDER)",
                               [{"field": "machine"}])
    outside = [n for n in episodes if not 1 <= n <= count]
    if outside:
        raise ValidationFailed(f"episodes: {outside[0]} is outside this version's episodes 1-{count}",
                               [{"field": "episodes"}])


def pretranslate(session: Session, *, series: Series, version: MarketVersion, episodes: list[int] | None = None,
                 scope: list[str] | tuple[str, ...] = SCOPES, min_score: int = DEFAULT_MIN_SCORE,
                 machine: bool = False, provider: Provider | None = None, author: User,
                 progress: Progress | None = None, deadline: float | None = None) -> PretranslateResult:
    """Fill the episodes' scripts and tracks from memory (and machine); flushes, never commits."""
    count = effective_settings(series, version).episode_count
    numbers = sorted(set(episodes)) if episodes else list(range(1, count + 1))
    scope = list(dict.fromkeys(scope))
    check_options(version=version, scope=scope, min_score=min_score, machine=machine, provider=provider,
                  episodes=numbers, count=count)
    run = _Run(session, series=series, version=version, min_score=min_score,
               provider=provider if machine else None, author=author, deadline=deadline)
    for done, number in enumerate(numbers, 1):
        try:
            episode = catalog.get_episode(session, series, number)
        except NotFound:
            episode = None  # a version longer than the original: nothing to adapt from
        if episode is not None:
            run.episode(episode, scope)
        if progress is not None:
            progress(done, len(numbers))
    return run.result




@job_kind("pretranslate")
def pretranslate_job(session: Session, params: dict, progress: Progress) -> dict:
    """Pre-translation as a job (long ranges) or inline: params name the version, the options and the author."""
    series = catalog.get_series(session, params["series"])
    version = catalog.get_version(session, series, params["locale"])
    author = session.get(User, params["author"]) if params.get("author") is not None else None
    provider = provider_from_config(job_settings()) if params["machine"] else None
    result = pretranslate(session, series=series, version=version, episodes=params["episodes"],
                          scope=params["scope"], min_score=params["min_score"], machine=params["machine"],
                          provider=provider, author=author, progress=progress, deadline=params.get("deadline"))
    return result.as_dict()


def job_params(*, series: Series, version: MarketVersion, episodes: list[int] | None, scope: list[str],
               min_score: int, machine: bool, provider: Provider | None, author: User | None) -> dict:
    """Checked options as a job's params (a 422 now, not a failed job later), every episode named."""
    count = effective_settings(series, version).episode_count
    numbers = sorted(set(episodes)) if episodes else list(range(1, count + 1))
    scope = list(dict.fromkeys(scope))
    check_options(version=version, scope=scope, min_score=min_score, machine=machine, provider=provider,
                  episodes=numbers, count=count)
    return {"series": series.slug, "locale": version.locale, "episodes": numbers, "scope": scope,
            "min_score": min_score, "machine": machine, "author": author.id if author is not None else None}
