"""The dubbing studio's dialogue list: one CSV row per dialogue line, timed from the subtitles.

In and out come from the cue(s) of the original version's track, in the original's language,
that carry the line the row adapts (in the original: the line itself). Texts are matched
tolerantly (case, punctuation, tags and spacing aside, difflib ratio >= 0.8), over one cue or up
to three consecutive ones, since a long line is often split across cues. No match: empty times.
"""
from __future__ import annotations

import difflib
import io
import re

from sqlmodel import Session, select

from localize.catalog import service as catalog
from localize.csv_safe import safe_writer
from localize.models import Episode, MarketVersion, Script, Series
from localize.scripts import store
from localize.scripts.speakers import speakers
from localize.subtitles import tracks
from localize.subtitles.qc import strip_tags

COLUMNS = ("number", "in", "out", "character", "source", "text", "note")
MATCH_RATIO = 0.8
MAX_CUES_PER_LINE = 3


def timecode(ms: int) -> str:
    """Milliseconds as HH:MM:SS.mmm."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def normalize(text: str) -> str:
    text = strip_tags(text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class CueMatcher:
    """Finds the cue span (start_ms, end_ms) of a line in one episode's cues."""

    def __init__(self, cues):
        self.spans = []
        for i in range(len(cues)):
            for width in range(1, MAX_CUES_PER_LINE + 1):
                if i + width <= len(cues):
                    window = cues[i:i + width]
                    self.spans.append((normalize(" ".join(c.text for c in window)), window[0].start_ms,
                                       window[-1].end_ms))

    def find(self, text: str) -> tuple[int, int] | None:
        target = normalize(text)
        if not target:
            return None
        best, best_ratio = None, MATCH_RATIO
        for span_text, start, end in self.spans:
            ratio = difflib.SequenceMatcher(a=target, b=span_text, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = (start, end), ratio
        return best


def dialogue_rows(session: Session, series: Series, version: MarketVersion, episode: Episode) -> list[dict]:
    script = store.get_script(session, version, episode)
    lines = [s for s in store.listed_segments(session, script) if s.kind == "dialogue" and s.status != "cut"]
    who = speakers(session, series, version)
    original = catalog.original_version(session, series)
    sources = store.segments_by_id(session, [s.source_id for s in lines])
    if version.kind == "original":
        sources = {s.id: s for s in lines}
    # Which original episode each source line belongs to.
    script_episode = dict(session.exec(select(Script.id, Script.episode_id).where(
        Script.id.in_({s.script_id for s in sources.values()} or {0}))).all())
    matchers: dict[int, CueMatcher | None] = {}
    rows = []
    for number, line in enumerate(lines, 1):
        src = sources.get(line.id if version.kind == "original" else line.source_id)
        span = None
        if src is not None:
            episode_id = script_episode.get(src.script_id)
            if episode_id not in matchers:
                matchers[episode_id] = _matcher(session, series, original, episode_id)
            if matchers[episode_id] is not None:
                span = matchers[episode_id].find(src.text)
        rows.append({"number": number, "in": timecode(span[0]) if span else "",
                     "out": timecode(span[1]) if span else "",
                     "character": (who.name(line.character_id) or line.speaker or "").upper(),
                     "source": src.text if src is not None and version.kind != "original" else "",
                     "text": line.text, "note": line.note})
    return rows


def _matcher(session: Session, series: Series, original: MarketVersion, episode_id: int | None) -> CueMatcher | None:
    episode = session.get(Episode, episode_id) if episode_id is not None else None
    if episode is None:
        return None
    track = tracks.find_track(session, original, episode, series.original_locale)
    return CueMatcher(tracks.track_cues(session, track)) if track is not None else None


def dialogue_csv(session: Session, series: Series, version: MarketVersion, episode: Episode) -> str:
    """The dialogue list as CSV text: the header, then one row per line (cells guarded against formulas)."""
    out = io.StringIO()
    writer = safe_writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([row[c] for c in COLUMNS] for row in dialogue_rows(session, series, version, episode))
    return out.getvalue()

