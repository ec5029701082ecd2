"""Subtitle quality checks against a preset (see presets.py).

Each check is a small `Check` with an id, a severity and a description, run by `check_track`.
Severity: "error" when the track is broken whatever the style guide says (a player shows two
cues at once, a cue shows nothing, runs past the episode, has a tag left open that leaks
italics into the next cues, or ends before it starts); "warning" for style-guide limits
(line length, lines, reading speed, durations, gaps), which an editor may knowingly exceed,
and for a remake's original character name, which may be intended (a flashback, a nickname)
and is for the editor to confirm.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from localize.glossary.checks import Glossary
from localize.presets import Preset

__all__ = ["Finding", "Check", "CHECKS", "TRACK_RULES", "check_track", "strip_tags", "visible_length"]


@dataclass
class Finding:
    cue: int          # 1-based position in the track
    rule: str
    severity: str     # "error" or "warning"
    value: float | int | str
    limit: float | int | str | None
    message: str


# Tags do not show on screen: WebVTT/SRT tags (<i>, </b>, <font color=..>, <c.yellow>, <v Ana>,
# <00:01.000>) and the {\an8} position overrides some SRT files carry.
_TAG = re.compile(r"<(?:/?[A-Za-z][^<>]*|\d[\d:.]*)>|\{\\[^{}]*\}")
_BALANCED_TAG = re.compile(r"<(/?)(i|b|u|font)(?=[\s>])[^<>]*>", re.IGNORECASE)


def strip_tags(text: str) -> str:
    """Return the text without formatting tags, as a viewer reads it."""
    if "<" in text or "{" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)  # &amp; &lt; &nbsp; are one character on screen
    return text


def _half_width_ja(ch: str) -> float:
    # Japanese limits count full-width cells; half-width characters (ASCII, ｶﾀｶﾅ) take half
    # a cell. Ambiguous-width characters (…, ○) are set full width in Japanese text.
    if ch < "\x80":
        return 0.5
    return 1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5


def _half_width_ko(ch: str) -> float:
    # Korean limits count Hangul syllables; Latin letters, digits, spaces and punctuation are
    # about half as wide on screen, so they count 0.5.
    if ch < "\x80":
        return 0.5
    return 1 if unicodedata.east_asian_width(ch) in "WF" else 0.5


_WIDTHS: dict[str, Callable[[str], float]] = {
    "cjk-halfwidth-half": _half_width_ja, "korean-latin-half": _half_width_ko}


def visible_length(line: str, counting: str = "chars") -> float:
    """Return the on-screen length of one line (tags not counted) under a preset's counting rule."""
    line = strip_tags(line)
    if counting == "chars":
        return len(line)
    try:
        width = _WIDTHS[counting]
    except KeyError:
        raise ValueError(f"unknown counting rule {counting!r}") from None
    return sum(map(width, line))


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:.1f}"


@dataclass
class _Cue:
    """What the checks need of one cue, computed once."""
    n: int
    start: int
    end: int
    text: str
    visible: list[str]  # lines without tags, blank lines dropped


@dataclass(frozen=True)
class Check:
    """One rule: `run(cue, preset)` returns (value, limit, message) when the cue breaks it."""
    id: str
    severity: str
    description: str
    run: Callable[[_Cue, Preset], tuple | None]


def _chars_per_line(c: _Cue, p: Preset):
    lengths = [visible_length(line, p.counting) for line in c.visible]
    longest = max(lengths, default=0)
    if longest > p.max_chars_per_line:
        k = lengths.index(longest) + 1
        return longest, p.max_chars_per_line, (
            f"cue {c.n}: line {k} is {_num(longest)} characters long (limit {p.max_chars_per_line})")
    return None


def _lines_per_cue(c: _Cue, p: Preset):
    if len(c.visible) > p.max_lines:
        return len(c.visible), p.max_lines, f"cue {c.n}: {len(c.visible)} lines (limit {p.max_lines})"
    return None


def _reading_speed(c: _Cue, p: Preset):
    # Characters per second of display: spaces count, tags and line breaks do not.
    chars = sum(len(line) for line in c.visible)
    duration = c.end - c.start
    if chars and duration > 0:
        cps = round(chars * 1000 / duration, 2)
        if cps > p.max_cps:
            return cps, p.max_cps, (f"cue {c.n}: {chars} characters in {duration} ms is {cps:g} "
                                    f"characters per second (limit {_num(p.max_cps)})")
    return None


def _min_duration(c: _Cue, p: Preset):
    duration = c.end - c.start
    if 0 < duration < p.min_duration_ms:
        return duration, p.min_duration_ms, f"cue {c.n}: shown {duration} ms (minimum {p.min_duration_ms} ms)"
    return None


def _max_duration(c: _Cue, p: Preset):
    duration = c.end - c.start
    if duration > p.max_duration_ms:
        return duration, p.max_duration_ms, f"cue {c.n}: shown {duration} ms (maximum {p.max_duration_ms} ms)"
    return None


def _empty_cue(c: _Cue, p: Preset):
    if not c.visible:
        return c.text, None, f"cue {c.n}: no visible text"
    return None


def _ends_before_start(c: _Cue, p: Preset):
    if c.end <= c.start:
        return c.end - c.start, 0, f"cue {c.n}: ends at {c.end} ms, not after its start at {c.start} ms"
    return None


def _unbalanced_tags(c: _Cue, p: Preset):
    # Tags may span lines; an unclosed <i> makes many players italicise the following cues.
    if "<" not in c.text:
        return None
    stack: list[str] = []
    for m in _BALANCED_TAG.finditer(c.text):
        name = m.group(2).lower()
        if not m.group(1):
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        else:
            what = "closes a tag that is not open" if name not in stack else "closes tags out of order"
            return m.group(0), None, f"cue {c.n}: {m.group(0)} {what}"
    if stack:
        return f"<{stack[-1]}>", None, f"cue {c.n}: <{stack[-1]}> is never closed"
    return None


CHECKS: dict[str, Check] = {c.id: c for c in (
    Check("ends_before_start", "error", "The cue ends before or when it starts.", _ends_before_start),
    Check("empty_cue", "error", "The cue has no visible text.", _empty_cue),
    Check("unbalanced_tags", "error", "An <i>, <b>, <u> or <font> tag is not closed in order.",
          _unbalanced_tags),
    Check("chars_per_line", "warning", "A line is longer than the preset allows.", _chars_per_line),
    Check("lines_per_cue", "warning", "The cue has more lines than the preset allows.", _lines_per_cue),
    Check("reading_speed", "warning", "Characters per second above the preset's limit.", _reading_speed),
    Check("min_duration", "warning", "The cue is shown too briefly to be read.", _min_duration),
    Check("max_duration", "warning", "The cue stays on screen too long.", _max_duration),
)}
# Rules that compare a cue with the others or with the series, run by check_track itself.
TRACK_RULES = {
    "overlap": "error", "min_gap": "warning", "past_episode_end": "error", "original_name": "warning"}
# The glossary's rules, run when check_track is given a glossary and the source cues; the editor
# runs them live in static/editor-glossary.js.
GLOSSARY_RULES = {"glossary": "glossary", "forbidden": "forbidden_term"}


def source_texts(cues: list, source_cues: list) -> list[str]:
    """Each cue's source text: the source cue at the same position when the counts agree, else
    the source cues its time overlaps (as the editor shows them)."""
    if len(cues) == len(source_cues):
        return [s.text or "" for s in source_cues]
    return ["\n".join(s.text or "" for s in source_cues if s.start_ms < c.end_ms and s.end_ms > c.start_ms)
            for c in cues]


def glossary_findings(cues: list, source_cues: list, glossary: Glossary) -> list[Finding]:
    """A `glossary` warning where a cue lacks a term's translation, a `forbidden_term` error where
    it uses a forbidden one (tags stripped: the viewer reads the text)."""
    out = []
    for n, (cue, source) in enumerate(zip(cues, source_texts(cues, source_cues)), 1):
        for p in glossary.problems(strip_tags(source), strip_tags(cue.text or "")):
            out.append(Finding(n, GLOSSARY_RULES[p.rule], p.severity, p.value, p.limit, f"cue {n}: {p.message}"))
    return out


def _name_pattern(renamed_names: dict[str, str]) -> re.Pattern | None:
    names = sorted((o for o, n in renamed_names.items() if o and o != n), key=len, reverse=True)
    if not names:
        return None
    # Whole words, case-sensitive: \w is Unicode-aware, so "Ethan" does not match in "Ethanol"
    # nor "José" in "Josémaría".
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def check_track(cues: Iterable, preset: Preset, *, episode_duration_ms: int | None = None,
                renamed_names: dict[str, str] | None = None, glossary: Glossary | None = None,
                source_cues: list | None = None) -> list[Finding]:
    """Check cues (objects with start_ms, end_ms, text) against a preset, and against the glossary
    when given one with the source cues; return findings by cue."""
    cues = list(cues)
    views = []
    for n, cue in enumerate(cues, 1):
        text = cue.text or ""
        visible = [line.strip() for line in strip_tags(text).split("\n")]
        views.append(_Cue(n, cue.start_ms, cue.end_ms, text, [line for line in visible if line]))

    findings: list[Finding] = []
    add = findings.append
    checks = tuple(CHECKS.values())
    names = _name_pattern(renamed_names or {})
    for c in views:
        for check in checks:
            hit = check.run(c, preset)
            if hit is not None:
                add(Finding(c.n, check.id, check.severity, *hit))
        if episode_duration_ms is not None and c.end > episode_duration_ms:
            add(Finding(c.n, "past_episode_end", "error", c.end, episode_duration_ms,
                        f"cue {c.n}: ends at {c.end} ms, after the episode ends at {episode_duration_ms} ms"))
        if names is not None:
            seen = set()
            # The raw text too: a speaker tag such as <v Ethan> still names the character.
            for m in names.finditer(f"{c.text}\n" + "\n".join(c.visible)):
                original = m.group()
                if original not in seen:
                    seen.add(original)
                    local = renamed_names[original]
                    add(Finding(c.n, "original_name", "warning", original, local,
                                f"cue {c.n}: still names {original}, who is {local} in this version"))

    # Gaps and overlaps between cues in time order (stable, so equal starts keep track order).
    ordered = sorted(views, key=lambda v: v.start)
    min_gap = preset.min_gap_ms
    prev = None  # the cue that ends last so far
    for c in ordered:
        if prev is not None:
            gap = c.start - prev.end
            if gap < 0:
                add(Finding(c.n, "overlap", "error", -gap, 0,
                            f"cue {c.n}: starts {-gap} ms before cue {prev.n} ends"))
            elif min_gap and 0 < gap < min_gap:
                add(Finding(c.n, "min_gap", "warning", gap, min_gap,
                            f"cue {c.n}: {gap} ms after cue {prev.n} (minimum gap {min_gap} ms)"))
        if prev is None or c.end > prev.end:
            prev = c
    if glossary and source_cues:
        findings.extend(glossary_findings(cues, source_cues, glossary))
    findings.sort(key=lambda f: f.cue)
    return findings
