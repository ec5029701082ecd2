"""What a subtitle save tells translation memory: the cues a person translated, with their context.

A translated track names its source track (`source_track_id`); a cue's source is the source
cue with the same timing (translations start with the source's timings), else the one at the
same position. Only cues `translated` or `reviewed` whose text or status this save changed are
announced, through `translations_saved`: memory subscribes, the subtitles package never imports it.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.models import Cue, Episode, MarketVersion, Series, SubtitleTrack, User
from localize.signals import SavedTranslation, translations_saved

HUMAN = ("translated", "reviewed")


def _key(cue: dict) -> tuple:
    return cue["start_ms"], cue["end_ms"], cue["text"], cue.get("status")


def announce(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
             track: SubtitleTrack, old_cues: list[dict], cues: list[dict], author: User) -> None:
    """Send the human translations among `cues` that `old_cues` did not have."""
    if track.source_track_id is None:
        return
    before = {_key(c) for c in old_cues}
    picked = [(n, c) for n, c in enumerate(cues) if c.get("status") in HUMAN and c["text"].strip()
              and _key(c) not in before]
    if not picked:
        return
    source = session.get(SubtitleTrack, track.source_track_id)
    if source is None:
        return
    texts = [text for (text,) in session.execute(select(Cue.text).where(Cue.track_id == source.id)
                                                 .order_by(Cue.position))]
    timed = {}
    for n, (start, end) in enumerate(session.execute(select(Cue.start_ms, Cue.end_ms)
                                                     .where(Cue.track_id == source.id).order_by(Cue.position))):
        timed.setdefault((start, end), n)
    pairs = []
    for n, cue in picked:
        at = timed.get((cue["start_ms"], cue["end_ms"]), n)
        if at >= len(texts) or not texts[at].strip():
            continue
        pairs.append(SavedTranslation(
            source_locale=source.language, target_locale=track.language, source=texts[at], target=cue["text"],
            kind="subtitles", series=series.slug, version=version.locale, episode=episode.number,
            previous=texts[at - 1] if at > 0 else None))
    if pairs:
        translations_saved.send(author, session=session, pairs=pairs)
