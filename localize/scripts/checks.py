"""Script checks: each a small declared `Check` with an id, a severity and a description.

They read plain segments (`Line`) and a `Context` (the version's kind, renamed names, the length
ratio), so they run without a database. Severity "error" where the script cannot go to the
studio as it is (a line with no text, a speaker no one can cast); "warning" for what an adapter
may knowingly keep (a line still to translate, a source that changed, a number or a length that
differs from the source, an old name that may be a nickname).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from localize.glossary.checks import Glossary

__all__ = ["Line", "Context", "Finding", "Check", "CHECKS", "check_script", "name_pattern"]


@dataclass
class Line:
    """A segment as the checks see it."""

    position: int
    kind: str
    text: str
    status: str
    outdated: bool = False
    character_id: int | None = None
    speaker: str | None = None                 # the written name of an unknown speaker
    source_text: str | None = None            # the original segment's current text
    source_kind: str | None = None
    written_against: str | None = None
    source_removed: bool = False


@dataclass
class Context:
    version_kind: str                          # original, remake, dub, subtitled
    renamed: dict[str, str] = field(default_factory=dict)   # an old name -> the name in this version
    length_ratio: dict = field(default_factory=lambda: {"min": 0.7, "max": 1.3})
    glossary: Glossary | None = None           # the version locale's glossary (casting's names included)


@dataclass
class Finding:
    segment: int          # 1-based position
    rule: str
    severity: str         # "error" or "warning"
    message: str
    value: float | int | str | None = None
    limit: float | int | str | None = None

    def as_dict(self) -> dict:
        return {"segment": self.segment, "rule": self.rule, "severity": self.severity,
                "message": self.message, "value": self.value, "limit": self.limit}


Result = tuple[str, object, object]   # (message, value, limit)


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    description: str
    run: Callable[[Line, Context], Iterator[Result]]
    adaptations_only: bool = True


def _empty(line: Line, ctx: Context) -> Iterator[Result]:
    if line.status != "cut" and not line.text.strip() and not _untranslated_line(line, ctx):
        yield f"segment {line.position}: the {line.kind} has no text", None, None


def _untranslated_line(line: Line, ctx: Context) -> bool:
    return ctx.version_kind != "original" and line.status == "new" and line.source_text is not None


def _untranslated(line: Line, ctx: Context) -> Iterator[Result]:
    if _untranslated_line(line, ctx):
        yield f"segment {line.position}: not adapted yet", line.status, None


def _outdated(line: Line, ctx: Context) -> Iterator[Result]:
    if line.outdated and line.status != "cut":
        if line.source_removed:
            yield f"segment {line.position}: its source line was removed from the original", None, None
        else:
            yield (f"segment {line.position}: the source changed after this line was written",
                   line.source_text, line.written_against)


def name_pattern(names) -> re.Pattern | None:
    """Whole-word alternatives of names, longest first (so "Ana Maria" wins over "Ana")."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def _original_name(line: Line, ctx: Context) -> Iterator[Result]:
    if not ctx.renamed or line.kind not in ("dialogue", "action") or line.status == "cut":
        return
    pattern = name_pattern(ctx.renamed)
    seen = set()
    for match in pattern.finditer(line.text):
        old = match.group()
        if old not in seen:
            seen.add(old)
            yield f"segment {line.position}: still names {old}, who is {ctx.renamed[old]} in this version", \
                old, ctx.renamed[old]


def _unknown_speaker(line: Line, ctx: Context) -> Iterator[Result]:
    if line.kind == "dialogue" and line.character_id is None and line.status != "cut":
        who = line.speaker or "nobody"
        yield f"segment {line.position}: the speaker {who} is not a character of this version", who, None


_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def _numbers(line: Line, ctx: Context) -> Iterator[Result]:
    if line.source_text is None or line.status in ("cut", "new") or not line.text.strip():
        return
    digits = lambda text: [re.sub(r"[.,:]", "", n) for n in _NUMBER.findall(text)]  # noqa: E731
    present = set(digits(line.text))
    for number in dict.fromkeys(digits(line.source_text)):
        if number not in present:
            yield f"segment {line.position}: the source's number {number} is missing", number, None


def _length_ratio(line: Line, ctx: Context) -> Iterator[Result]:
    if ctx.version_kind != "dub" or line.kind != "dialogue" or line.source_kind != "dialogue":
        return
    if line.status in ("cut", "new") or not line.text.strip() or not (line.source_text or "").strip():
        return
    ratio = round(len(line.text.strip()) / len(line.source_text.strip()), 2)
    low, high = ctx.length_ratio["min"], ctx.length_ratio["max"]
    if ratio < low:
        yield f"segment {line.position}: {ratio:.2f} times its source's length, below {low}", ratio, low
    elif ratio > high:
        yield f"segment {line.position}: {ratio:.2f} times its source's length, above {high}", ratio, high


def _glossary_problems(line: Line, ctx: Context, rule: str):
    if not ctx.glossary or line.status in ("cut", "new") or line.source_text is None:
        return
    for p in ctx.glossary.problems(line.source_text, line.text):
        if p.rule == rule:
            yield f"segment {line.position}: {p.message}", p.value, p.limit


def _glossary(line: Line, ctx: Context) -> Iterator[Result]:
    yield from _glossary_problems(line, ctx, "glossary")


def _forbidden_term(line: Line, ctx: Context) -> Iterator[Result]:
    yield from _glossary_problems(line, ctx, "forbidden")


CHECKS: tuple[Check, ...] = (
    Check("untranslated", "warning", "An original line not adapted yet", _untranslated),
    Check("outdated", "warning", "The source line changed (or was removed) after this one was written", _outdated),
    Check("original-name", "warning", "A character's original or previous name left in the text", _original_name),
    Check("unknown-speaker", "error", "A dialogue line whose speaker is no character of the series",
          _unknown_speaker),
    Check("empty", "error", "A segment with no text", _empty, adaptations_only=False),
    Check("numbers", "warning", "A number of the source missing from the adaptation", _numbers),
    Check("length-ratio", "warning", "A dubbed line far longer or shorter than its source", _length_ratio),
    Check("glossary", "warning", "A glossary term or name of the source without its translation", _glossary),
    Check("forbidden-term", "error", "A translation the glossary forbids", _forbidden_term),
)


def check_script(lines: list[Line], ctx: Context) -> list[Finding]:
    """Every finding of a script's listed segments, in segment order."""
    checks = [c for c in CHECKS if ctx.version_kind != "original" or not c.adaptations_only]
    out = []
    for line in lines:
        for check in checks:
            for message, value, limit in check.run(line, ctx):
                out.append(Finding(line.position, check.id, check.severity, message, value, limit))
    return out
