"""Adapting: a version's script for an episode, started from the original's (or another version's).

Every segment starts `new` with its source beside it. In a remake the speakers are the same
characters (their names come from casting) and the renamed names are replaced in the text; a
remake episode that merges original episodes adapts the segments of all of them, in order.
`prefill` is the seam where translation memory and machine translation will fill lines in.
"""
from __future__ import annotations

from typing import Callable, Optional, Union

from sqlmodel import Session

from localize.catalog import service as catalog
from localize.errors import Conflict, NotFound, ValidationFailed
from localize.models import Episode, MarketVersion, Series, User
from localize.scripts import store
from localize.scripts.checks import name_pattern

# prefill(texts, source_locale, target_locale) -> per source text: a text (machine output), a
# (text, status) pair (pre-translation's memory matches), or None
Prefill = Callable[[list[str], str, str], list[Optional[Union[str, tuple[str, str]]]]]


def replace_names(text: str | None, renamed: dict[str, str]) -> str | None:
    """Replace whole-word names (and their all-caps form, as action lines introduce people)."""
    if not text or not renamed:
        return text
    table = {**{old.upper(): new.upper() for old, new in renamed.items()}, **renamed}
    pattern = name_pattern(table)
    return pattern.sub(lambda m: table[m.group()], text)


def translate_script(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
                     author: User, source_locale: str | None = None, prefill: Prefill | None = None,
                     enforce_roles: bool = True, summary: str | None = None, remember: bool = True) -> store.SaveResult:
    """Create the version's script of an episode from the source version's script(s)."""
    if version.kind == "original":
        raise ValidationFailed("the original is the source; adapt it into another version",
                               [{"field": "locale", "message": "the original has no source"}])
    if store.find_script(session, version, episode) is not None:
        raise Conflict(f"episode {episode.number} of {version.locale} already has a script", [{"field": "episode"}])
    source_version = catalog.get_version(session, series, source_locale) if source_locale else None
    if source_version is not None and source_version.id == version.id:
        raise ValidationFailed("a version cannot adapt itself", [{"field": "source_locale"}])
    sources = store.source_scripts(session, series, version, episode, source_version)
    if not any(script for _, script in sources):
        what = source_version.locale if source_version else "the original"
        raise NotFound(f"{what} has no script for episode(s) "
                       f"{', '.join(str(e.number) for e, _ in sources) or episode.number}")
    from_original = source_version is None or source_version.kind == "original"
    renamed = catalog.renamed_characters(session, series, version) if version.kind == "remake" else {}
    segments = []
    for _, script in sources:
        if script is not None:
            segments += [s for s in store.listed_segments(session, script) if s.status != "cut"]
    texts = [replace_names(s.text, renamed) for s in segments]
    source_tag = source_version.locale if source_version else series.original_locale
    filled = prefill([s.text for s in segments], source_tag, version.locale) if prefill else None
    drafts = []
    for i, s in enumerate(segments):
        fill = filled[i] if filled else None
        text, status = (fill if isinstance(fill, tuple) else (fill, "machine")) if fill else (texts[i], "new")
        source_id = s.id if from_original else s.source_id
        if source_id is None:
            continue  # a line that version added has no original to adapt
        drafts.append(store.draft(
            id=None, kind=s.kind, text=text, character_id=s.character_id, speaker=s.speaker,
            extension=s.extension, parenthetical=replace_names(s.parenthetical, renamed), dual=s.dual,
            source_id=source_id, status=status, note=""))
    numbers = "+".join(str(e.number) for e, script in sources if script is not None)
    return store.save(session, series=series, version=version, episode=episode, drafts=drafts, author=author,
                      expected_revision=None, enforce_roles=enforce_roles, remember=remember,
                      summary=summary or f"adaptation started from {source_tag} episode {numbers} ({len(drafts)} segments)")
