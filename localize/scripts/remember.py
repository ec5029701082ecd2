"""What a script save tells translation memory: the lines a person translated, with their context.

The scripts package does not know translation memory; it announces `translations_saved` and
memory, which sits above it, subscribes. Only human work is announced: an adaptation `translated`,
`reviewed` or `approved` whose text or status this save wrote; `machine` output is not.
"""
from __future__ import annotations

from sqlmodel import Session, select

from localize.models import MarketVersion, Script, ScriptSegment, Series, User
from localize.signals import SavedTranslation, translations_saved

HUMAN = ("translated", "reviewed", "approved")


def announce(session: Session, *, series: Series, version: MarketVersion, episode_number: int,
             segments: list[ScriptSegment], before: dict[int, tuple[str, str]], author: User) -> None:
    """Send the human translations among `segments` that differ from `before` (id -> (text, status))."""
    if version.kind == "original":
        return
    picked = [s for s in segments if s.status in HUMAN and s.source_id is not None and s.text.strip()
              and before.get(s.id) != (s.text, s.status)]
    if not picked:
        return
    sources = {s.id: s for s in session.exec(select(ScriptSegment).where(
        ScriptSegment.id.in_(sorted({s.source_id for s in picked}))))}
    script_ids = sorted({s.script_id for s in sources.values()})
    locales = dict(session.exec(select(Script.id, MarketVersion.locale)
                                .join(MarketVersion, MarketVersion.id == Script.version_id)
                                .where(Script.id.in_(script_ids))).all())
    previous: dict[int, str | None] = {}
    last: dict[int, str | None] = {}
    for seg in session.exec(select(ScriptSegment).where(ScriptSegment.script_id.in_(script_ids),
                                                         ScriptSegment.removed == False)  # noqa: E712
                            .order_by(ScriptSegment.script_id, ScriptSegment.position, ScriptSegment.id)):
        previous[seg.id] = last.get(seg.script_id)
        last[seg.script_id] = seg.text
    pairs = []
    for segment in picked:
        src = sources.get(segment.source_id)
        if src is None or not src.text.strip():
            continue
        pairs.append(SavedTranslation(
            source_locale=locales[src.script_id], target_locale=version.locale, source=src.text,
            target=segment.text, kind="script", series=series.slug, version=version.locale,
            episode=episode_number, speaker=src.character_id if src.kind == "dialogue" else None,
            previous=previous.get(src.id)))
    if pairs:
        translations_saved.send(author, session=session, pairs=pairs)
