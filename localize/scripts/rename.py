"""Rename everywhere: replace a character's old name with the new one across a version's texts.

One new revision per changed script or subtitle track, through each one's own save path (so
checks, QC and history stay one path), and the list of what changed.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.models import Character, Episode, MarketVersion, Script, Series, SubtitleTrack, User
from localize.scripts import store
from localize.scripts.adapt import replace_names
from localize.scripts.checks import name_pattern
from localize.subtitles import tracks


def _replace(text: str | None, old: str, new: str) -> tuple[str | None, int]:
    if not text:
        return text, 0
    replaced = replace_names(text, {old: new})
    if replaced == text:
        return text, 0
    return replaced, len(name_pattern([old, old.upper()]).findall(text))


def rename_everywhere(session: Session, *, series: Series, version: MarketVersion, character: Character,
                      old: str, new: str, author: User) -> list[dict]:
    """Replace whole-word `old` (and its all-caps form) with `new`; returns what changed."""
    changed = []
    summary = f"renamed {old} to {new} ({character.name})"
    scripts = session.exec(select(Script, Episode).join(Episode, Episode.id == Script.episode_id)
                           .where(Script.version_id == version.id).order_by(Episode.number)).all()
    for script, episode in scripts:
        count, drafts = 0, []
        for s in store.listed_segments(session, script):
            text, n1 = _replace(s.text, old, new)
            parenthetical, n2 = _replace(s.parenthetical, old, new)
            count += n1 + n2
            drafts.append(store.draft(id=s.id, kind=s.kind, text=text, character_id=s.character_id,
                                      speaker=s.speaker, extension=s.extension, parenthetical=parenthetical,
                                      dual=s.dual, source_id=s.source_id, status=s.status, note=s.note,
                                      outdated=s.outdated, written_against=s.written_against))
        if count:
            result = store.save(session, series=series, version=version, episode=episode, drafts=drafts,
                                author=author, expected_revision=None, summary=summary, enforce_roles=False)
            changed.append({"kind": "script", "episode": episode.number, "language": version.locale,
                            "revision": result.script.revision, "replacements": count})
    tracks_ = session.exec(select(SubtitleTrack, Episode).join(Episode, Episode.id == SubtitleTrack.episode_id)
                           .where(SubtitleTrack.version_id == version.id)
                           .order_by(Episode.number, SubtitleTrack.language)).all()
    for track, episode in tracks_:
        count, cues = 0, []
        for cue in tracks.track_cues(session, track):
            text, n = _replace(cue.text, old, new)
            count += n
            cues.append({"start_ms": cue.start_ms, "end_ms": cue.end_ms, "text": text,
                         "identifier": cue.identifier, "settings": cue.settings, "status": cue.status})
        if count:
            result = tracks.save_cues(session, series=series, version=version, episode=episode,
                                      language=track.language, cues=cues, author=author,
                                      expected_revision=None, summary=summary)
            changed.append({"kind": "subtitles", "episode": episode.number, "language": track.language,
                            "revision": result.track.revision, "replacements": count})
    return changed
