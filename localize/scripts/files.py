"""Fountain and Final Draft files: import (a new draft keeps the stored segments' ids) and export.

Parsing and writing are localize/scripts/formats.py's; here a parsed draft is paired with the
stored segments, so an unchanged or edited line keeps its id and every adaptation of it its link.
"""
from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass

from sqlmodel import Session, select

from localize import signals
from localize.errors import ValidationFailed
from localize.models import Episode, MarketVersion, Script, Series, User
from localize.scripts import store
from localize.scripts.speakers import speakers

FORMATS = ("fountain", "fdx")
MEDIA = {"fountain": "text/plain", "fdx": "application/xml"}
# An edited line is paired with the stored one it resembles at least this much (difflib ratio).
EDIT_SIMILARITY = 0.6


def _formats():
    from localize.scripts import formats  # the parser adapter (kept apart: one module per outside thing)
    return formats


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().casefold())


def pair_segments(old: list[tuple[str, str, str]], new: list[tuple[str, str, str]]) -> dict[int, int]:
    """Pair a new draft's segments with the stored ones: {new index: old index}.

    Each is (kind, speaker, text). Equal runs pair one to one; inside a replaced run an edited
    segment pairs with the most similar unpaired stored one of the same kind (in order), so a
    reworded line keeps its id and an inserted or deleted one does not shift the others.
    """
    keys = lambda items: [(k, s.casefold(), _norm(t)) for k, s, t in items]  # noqa: E731
    matcher = difflib.SequenceMatcher(a=keys(old), b=keys(new), autojunk=False)
    pairs: dict[int, int] = {}
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pairs.update({b1 + i: a1 + i for i in range(b2 - b1)})
        elif op == "replace":
            start = a1
            for b in range(b1, b2):
                best, best_ratio = None, EDIT_SIMILARITY
                for a in range(start, a2):
                    if old[a][0] != new[b][0]:
                        continue
                    ratio = difflib.SequenceMatcher(a=_norm(old[a][2]), b=_norm(new[b][2]), autojunk=False).ratio()
                    if ratio >= best_ratio:
                        best, best_ratio = a, ratio
                if best is not None:
                    pairs[b] = best
                    start = best + 1
    return pairs


def parse_file(data: bytes | str, filename: str | None = None):
    """A parsed script, or ValidationFailed (422) naming the line."""
    formats = _formats()
    try:
        parsed = formats.parse(data, filename=filename)
    except formats.ScriptFormatError as exc:
        raise ValidationFailed(f"the script file is not valid: {exc}",
                               [{"field": "file", "line": exc.line, "message": exc.reason}]) from None
    if not parsed.segments:
        raise ValidationFailed("the script file has no segment", [{"field": "file", "line": 1, "message": "no segment"}])
    return parsed


def import_file(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
                data: bytes | str, author: User, filename: str | None = None, expected_revision: int | None = None,
                summary: str = "", enforce_roles: bool = True) -> store.SaveResult:
    """Replace an episode's script with a Fountain or FDX file's; all or nothing."""
    parsed = parse_file(data, filename)
    result = save_parsed(session, series=series, version=version, episode=episode, parsed=parsed, author=author,
                         expected_revision=expected_revision, enforce_roles=enforce_roles,
                         summary=summary or f"imported {parsed.format} ({len(parsed.segments)} segments)")
    signals.imported.send("scripts", files=1)
    return result


def save_parsed(session: Session, *, series, version, episode, parsed, author, expected_revision, summary,
                enforce_roles: bool = True) -> store.SaveResult:
    script = store.find_script(session, version, episode)
    old = store.listed_segments(session, script) if script else []
    who = speakers(session, series, version)
    old_keys = [(s.kind, (who.name(s.character_id) or s.speaker or "") if s.kind == "dialogue" else "", s.text)
                for s in old]
    new_keys = [(p.kind, (p.character or "") if p.kind == "dialogue" else "", p.text or "") for p in parsed.segments]
    pairs = pair_segments(old_keys, new_keys)
    drafts = []
    for i, p in enumerate(parsed.segments):
        kept = old[pairs[i]] if i in pairs else None
        drafts.append(store.draft(
            id=kept.id if kept else None, kind=p.kind, text=p.text or "", character_id=None,
            speaker=p.character if p.kind == "dialogue" else None, extension=p.extension or None,
            parenthetical=p.parenthetical or None, dual=bool(p.dual),
            source_id=kept.source_id if kept else None, status=kept.status if kept else None,
            note=kept.note if kept else None))
    return store.save(session, series=series, version=version, episode=episode, drafts=drafts, author=author,
                      expected_revision=expected_revision, summary=summary, source_format=parsed.format,
                      title_page=dict(parsed.title_page or {}), enforce_roles=enforce_roles)


# --- export -----------------------------------------------------------------------------------

@dataclass
class ExportSegment:
    kind: str
    text: str
    character: str | None
    extension: str | None
    parenthetical: str | None
    dual: bool
    line: int | None = None


def export_text(session: Session, series: Series, version: MarketVersion, script: Script, fmt: str) -> str:
    """The script as a Fountain or FDX file; cut lines are not in a market's script."""
    if fmt not in FORMATS:
        raise ValidationFailed("format must be fountain or fdx", [{"field": "format"}])
    who = speakers(session, series, version)
    segments = [ExportSegment(s.kind, s.text,
                              ((who.name(s.character_id) or s.speaker or "").upper() or None)
                              if s.kind == "dialogue" else None,
                              s.extension, s.parenthetical, s.dual)
                for s in store.listed_segments(session, script) if s.status != "cut"]
    formats = _formats()
    write = formats.write_fountain if fmt == "fountain" else formats.write_fdx
    return write(dict(script.title_page or {}), segments)


def export_name(number: int, locale: str, fmt: str) -> str:
    return f"ep{number:03d}.{locale}.{fmt}"


def export_version(session: Session, series: Series, version: MarketVersion, fmt: str,
                   progress=None) -> tuple[bytes, int]:
    """A zip of every episode's script of a version; returns (zip bytes, files)."""
    rows = session.exec(select(Script, Episode).join(Episode, Episode.id == Script.episode_id)
                        .where(Script.version_id == version.id).order_by(Episode.number)).all()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for script, episode in rows:
            archive.writestr(export_name(episode.number, version.locale, fmt),
                             export_text(session, series, version, script, fmt))
            if progress:
                progress(1)
    return buffer.getvalue(), len(rows)


def count_scripts(session: Session, version: MarketVersion) -> int:
    return len(session.exec(select(Script.id).where(Script.version_id == version.id)).all())
