"""A remake's episode mapping as plain text, one episode a line: ``5: 5, 6`` or ``12: 13-15``.

Leads edit the mapping in a textarea; the service validates the episode numbers. Errors from
either step name the line they come from, so a lead can find line 43 of 78.
"""
from __future__ import annotations

import re

from localize.errors import ValidationFailed

FIELD = "episode_mapping"
_LINE = re.compile(r"^\s*(\S+?)\s*[:=]\s*(.*?)\s*$")


def parse_mapping(text: str) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Parse the text; return (mapping, line of each episode), or raise naming every bad line."""
    mapping, _cut, lines = parse_mapping_text(text)
    return mapping, lines


def parse_mapping_text(text: str) -> tuple[dict[int, list[int]], list[int], dict[int, int]]:
    """Parse the text; return (mapping, cut originals, line of each episode), or raise naming every bad line.

    Blank lines and lines starting with # are skipped; a line ``cut: 7, 9`` lists the originals the
    version leaves out. Each detail carries a ``code`` (syntax, number, range, duplicate) so the
    page can word it in the reader's language.
    """
    cut: list[int] = []
    mapping: dict[int, list[int]] = {}
    lines: dict[int, int] = {}
    details = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _LINE.match(raw)
        if match is None:
            details.append(_detail(number, "syntax", f"expected 'episode: originals', got {raw.strip()!r}"))
            continue
        if match.group(1).lower() == "cut":
            originals, problem = _originals(match.group(2))
            if problem is not None:
                details.append(_detail(number, problem[0], problem[1], value=problem[2]))
            cut.extend(originals)
            continue
        episode = _whole(match.group(1))
        if episode is None:
            details.append(_detail(number, "number", f"{match.group(1)!r} is not an episode number",
                                   value=match.group(1)))
            continue
        if episode in lines:
            details.append(_detail(number, "duplicate", f"episode {episode} is already mapped on line {lines[episode]}",
                                   episode=episode, first_line=lines[episode]))
            continue
        originals, problem = _originals(match.group(2))
        if problem is not None:
            details.append(_detail(number, problem[0], problem[1], value=problem[2]))
            continue
        mapping[episode] = originals
        lines[episode] = number
    if details:
        raise ValidationFailed(f"{FIELD}: {len(details)} bad line(s)", details)
    return mapping, cut, lines


def _detail(line: int, code: str, message: str, **extra) -> dict:
    return {"field": FIELD, "line": line, "code": code, "message": message, **extra}


def _whole(token: str) -> int | None:
    token = token.strip()
    return int(token) if token.isascii() and token.isdigit() else None


def _originals(text: str) -> tuple[list[int], tuple[str, str, str] | None]:
    originals: list[int] = []
    # "4 - 6" is the range 4-6; commas or spaces separate the rest.
    for part in filter(None, re.split(r"[,\s]+", re.sub(r"\s*-\s*", "-", text))):
        low, sep, high = part.partition("-")
        first, last = _whole(low), _whole(high) if sep else _whole(low)
        if first is None or last is None:
            return [], ("number", f"{part!r} is not an episode number or range", part)
        if last < first:
            return [], ("range", f"the range {part!r} runs backwards", part)
        originals.extend(range(first, last + 1))
    if not originals:
        return [], ("syntax", "each episode covers at least one original episode", "")
    return originals, None


def format_mapping(mapping: dict | None, cut: list[int] | None = None) -> str:
    """The stored mapping as text, one line per episode (runs of 3+ become ranges), then ``cut: ...``."""
    if not mapping:
        return ""
    out = []
    for episode, originals in sorted(((int(k), v) for k, v in mapping.items())):
        out.append(f"{episode}: {_compact(sorted(originals))}")
    if cut:
        out.append(f"cut: {_compact(sorted(cut))}")
    return "\n".join(out)


def _compact(numbers: list[int]) -> str:
    parts, start = [], 0
    while start < len(numbers):
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{numbers[start]}-{numbers[end]}")
        else:
            parts.extend(str(n) for n in numbers[start:end + 1])
        start = end + 1
    return ", ".join(parts)


def locate(exc: ValidationFailed, lines: dict[int, int]) -> ValidationFailed:
    """Add the textarea line to the service's mapping errors, which name only the episode."""
    for detail in exc.details:
        if detail.get("field") == FIELD and "line" not in detail and detail.get("episode") in lines:
            detail["line"] = lines[detail["episode"]]
    return exc
