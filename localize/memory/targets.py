"""What pre-translation fills: a version's script or subtitle track of an episode, as units with their sources.

A unit is one target segment or cue that may be filled: the source text it translates, the lookup
context (the previous source segment, and for script dialogue the original's character), and
what it holds now (0: empty or `new`/`untranslated`; 1: `machine`; 2: `fuzzy`). Segments a person
wrote are not units. `save(fills)` writes the fills as one revision through the scripts' or
subtitles' store, creating the script or track from the original's when it is missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from sqlmodel import Session

from localize.catalog import service as catalog
from localize.models import Episode, MarketVersion, ScriptSegment, Series, SubtitleTrack, User
from localize.scripts import adapt
from localize.scripts import store as scripts
from localize.subtitles import formats, revisions, tracks

HOLDS = {"new": 0, "untranslated": 0, "machine": 1, "fuzzy": 2}


@dataclass
class Unit:
    """A target segment or cue pre-translation may fill."""

    position: int                         # 1-based in the target script or track
    source: str
    previous: str | None = None
    speaker: int | None = None
    holds: int = 0
    fill: tuple[str, str] | None = None   # (kind, text) once found


@dataclass
class _Target:
    kind: str
    source_locale: str
    units: list[Unit]
    missing: bool
    writer: Callable[[dict[int, tuple[str, str]], User, str], bool] = field(repr=False)

    def save(self, fills: dict[int, tuple[str, str]], *, author: User, summary: str) -> bool:
        """Write the fills (position -> (text, status)) as one revision; True when one was made."""
        return self.writer(fills, author, summary)


class ScriptTarget(_Target):
    pass


class TrackTarget(_Target):
    @staticmethod
    def fits(text: str | None) -> bool:
        """Whether a text can be a cue's (no '-->', no control characters a file cannot carry)."""
        return bool(text) and "-->" not in text and formats.control_character(text) is None


def _prefill(fills: dict[int, tuple[str, str]]):
    """The translate seam's prefill: the fills by position, for the segments in the order translate takes them."""
    return lambda texts, source, target: [fills.get(n) for n in range(1, len(texts) + 1)]


def script_target(session: Session, series: Series, version: MarketVersion, episode: Episode) -> ScriptTarget | None:
    """The episode's script in the version: its fillable segments, or all of them when it is not started."""
    sources = scripts.source_scripts(session, series, version, episode)
    if not any(script for _, script in sources):
        return None
    source_locale = catalog.original_version(session, series).locale
    context: dict[int, tuple[ScriptSegment, str | None]] = {}
    ordered: list[ScriptSegment] = []
    for _, script in sources:
        if script is None:
            continue
        previous = None
        for segment in scripts.listed_segments(session, script):
            context[segment.id] = (segment, previous)
            ordered.append(segment)
            previous = segment.text

    def unit(position: int, src: ScriptSegment, holds: int) -> Unit:
        return Unit(position, src.text, context[src.id][1], src.character_id if src.kind == "dialogue" else None,
                    holds)

    target = scripts.find_script(session, version, episode)
    if target is None:
        adapted = [s for s in ordered if s.status != "cut"]  # the segments translate_script adapts, in its order

        def create(fills, author, summary):
            adapt.translate_script(session, series=series, version=version, episode=episode, author=author,
                                   prefill=_prefill(fills), enforce_roles=False, summary=summary, remember=False)
            return True
        units = [unit(n, s, 0) for n, s in enumerate(adapted, 1) if s.text.strip()]
        return ScriptTarget("script", source_locale, units, True, create)

    segments = scripts.listed_segments(session, target)
    units = []
    for n, segment in enumerate(segments, 1):
        src = context.get(segment.source_id)
        holds = HOLDS.get(segment.status)
        if src is not None and holds is not None and src[0].text.strip():
            units.append(unit(n, src[0], holds))

    def update(fills, author, summary):
        drafts = []
        for n, s in enumerate(segments, 1):
            text, status = fills.get(n, (s.text, s.status))
            drafts.append(scripts.draft(id=s.id, kind=s.kind, text=text, character_id=s.character_id,
                                        speaker=s.speaker, extension=s.extension, parenthetical=s.parenthetical,
                                        dual=s.dual, source_id=s.source_id, status=status, note=s.note))
        return scripts.save(session, series=series, version=version, episode=episode, drafts=drafts, author=author,
                            expected_revision=target.revision, summary=summary, enforce_roles=False,
                            remember=False).changed
    return ScriptTarget("script", source_locale, units, False, update)


def default_source(session: Session, series: Series, version: MarketVersion, episode: Episode) -> SubtitleTrack | None:
    """The track a missing translation starts from: the version's own original-language track, else the original's."""
    language = series.original_locale
    own = tracks.find_track(session, version, episode, language) if version.locale != language else None
    return own or tracks.find_track(session, catalog.original_version(session, series), episode, language)


def track_target(session: Session, series: Series, version: MarketVersion, episode: Episode) -> TrackTarget | None:
    """The episode's subtitle track in the version's language: its fillable cues, or all when it is not started."""
    language = version.locale
    target = tracks.find_track(session, version, episode, language)
    source = session.get(SubtitleTrack, target.source_track_id) if target and target.source_track_id else None
    source = source or default_source(session, series, version, episode)
    if source is None or source.language == language:
        return None
    source_cues = tracks.track_cues(session, source)
    previous = [None] + [c.text for c in source_cues[:-1]]
    if target is None:
        def create(fills, author, summary):
            tracks.translate_track(session, series=series, version=version, episode=episode, language=language,
                                   source=source, author=author, prefill=_prefill(fills), summary=summary)
            return True
        units = [Unit(n, c.text, previous[n - 1]) for n, c in enumerate(source_cues, 1) if c.text.strip()]
        return TrackTarget("subtitles", source.language, units, True, create)

    old = revisions.stored_cues(session, [target.id]).get(target.id, [])
    timed: dict[tuple[int, int], int] = {}
    for n, c in enumerate(source_cues):
        timed.setdefault((c.start_ms, c.end_ms), n)  # translations start with the source's timings
    units = []
    for n, cue in enumerate(old, 1):
        holds = 0 if not cue["text"].strip() and cue["status"] in (None, "untranslated") else \
            HOLDS.get(cue["status"]) if cue["status"] in ("machine", "fuzzy") else None
        at = timed.get((cue["start_ms"], cue["end_ms"]), n - 1)
        if holds is not None and at < len(source_cues) and source_cues[at].text.strip():
            units.append(Unit(n, source_cues[at].text, previous[at], None, holds))

    def update(fills, author, summary):
        cues = [dict(c, **dict(zip(("text", "status"), fills[n]))) if n in fills else dict(c)
                for n, c in enumerate(old, 1)]
        return tracks.save_prefilled(session, series=series, version=version, episode=episode, language=language,
                                     cues=cues, author=author, expected_revision=target.revision,
                                     summary=summary).changed
    return TrackTarget("subtitles", source.language, units, False, update)
