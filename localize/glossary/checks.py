"""The glossary's checks on one source text and its translation, for subtitle QC and script checks.

Pure (no database). A `glossary` warning when the source holds a term or a name whose translation
the target lacks (for `keep`, the source form itself); a `forbidden` error when the target holds
a translation the glossary forbids, wherever it stands. An empty target is not checked: it is
untranslated, which its own check says.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from localize.glossary.matcher import Matcher, has_phrase

__all__ = ["Problem", "Glossary"]


@dataclass(frozen=True)
class Problem:
    """One glossary finding: `value` is what was found, `limit` what the glossary wants."""

    rule: str          # "glossary" or "forbidden"
    severity: str      # "warning" or "error"
    value: str
    limit: str
    message: str


class Glossary:
    """A locale's glossary entries, compiled once for the checks of a whole track or script."""

    def __init__(self, entries: Sequence):
        self.entries = list(entries)
        self.sources = Matcher([e for e in self.entries if e.kind in ("term", "name", "keep", "forbidden")])
        # Forbidden translations are looked for in the target, by their target form.
        self.forbidden = [e for e in self.entries if e.kind == "forbidden" and (e.target or "").strip()]

    def __bool__(self) -> bool:
        return bool(self.entries)

    def hits(self, source: str | None):
        return self.sources.hits(source)

    def problems(self, source: str | None, target: str | None) -> list[Problem]:
        """The glossary findings of one translated text against its source, in source order."""
        if not target or not target.strip():
            return []
        out: list[Problem] = []
        seen: set[tuple[str, str]] = set()
        for hit in self.sources.hits(source or ""):
            entry = hit.entry
            if entry.kind == "forbidden":
                continue
            wanted = (entry.source if entry.kind == "keep" else entry.target or "").strip()
            key = (entry.source, wanted)
            if not wanted or key in seen:
                continue
            seen.add(key)
            if not has_phrase(target, wanted, entry.case_sensitive):
                found = (source or "")[hit.start:hit.end]
                how = "stays untranslated" if entry.kind == "keep" else f"is {wanted}"
                out.append(Problem("glossary", "warning", found, wanted,
                                   f"{found} {how} in the glossary, and this translation does not say {wanted}"))
        for entry in self.forbidden:
            if has_phrase(target, entry.target, entry.case_sensitive):
                out.append(Problem("forbidden", "error", entry.target.strip(), entry.source,
                                   f"{entry.target.strip()} is forbidden by the glossary (for {entry.source})"))
        return out
