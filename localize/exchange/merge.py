"""Deciding an import: which units a file changed, which of those conflict with work done here.

Pure: the services hand in, per unit, what the file says and what we know (the unit at the
export's revision, the unit now, and who changed it since). A unit the file did not change
(same target and state as exported) is unchanged, whatever happened here meanwhile. A unit the
file changed conflicts when its source changed here since the export, or when someone else
changed its target here since the export, unless the file says exactly what is here now (a file
applied already). Unknown units are problems (a 422); conflicts are a 409; both apply nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from localize.exchange import states
from localize.exchange.xliff import Unit


@dataclass
class Ours:
    """One unit as stored: at the export's revision (base) and now; None where it does not exist."""

    source: str
    text: str
    status: str | None
    base_text: str
    base_status: str | None
    changed_by_others: bool = False  # its target changed since the export, by someone other than the importer
    locked: bool = False             # not the translator's to change (a cut line)
    removed: bool = False            # in the exported file, gone from here since (or retimed, for a cue)


@dataclass
class Decision:
    applied: dict[str, tuple[str, str]] = field(default_factory=dict)  # unit id -> (text, status)
    unchanged: int = 0
    conflicts: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)


def decide(units: list[Unit], ours: dict[str, Ours], *, clean, statuses: tuple[str, ...], may_review: bool
           ) -> Decision:
    """What to apply from the file's units; `clean` normalizes a text as the store would save it."""
    out = Decision()
    for unit in units:
        mine = ours.get(unit.id)
        if mine is None:
            out.problems.append({"field": "unit", "unit": unit.id, "line": unit.line,
                                 "message": f"unit {unit.id!r} is not in this file's script or track as exported"})
            continue
        text = clean(unit.target)
        exported_state = states.to_state(mine.base_status, mine.base_text)
        if text == clean(mine.base_text) and (unit.state is None or unit.state == exported_state):
            out.unchanged += 1
            continue
        # A tool that changed the text but left the state as exported said nothing about it: translated.
        state = None if unit.state == exported_state else unit.state
        status = states.from_state(state, text, statuses=statuses, may_review=may_review)
        if text == clean(mine.base_text) and unit.state is not None and status == mine.base_status:
            out.unchanged += 1  # a state that maps back to what we had (a translator's sign-off)
            continue
        if (text, status) == (clean(mine.text), mine.status):
            out.unchanged += 1  # already here: the file was applied before
            continue
        if mine.locked:
            out.problems.append({"field": "unit", "unit": unit.id, "line": unit.line,
                                 "message": f"unit {unit.id!r} is a cut line: change it in the editor"})
            continue
        if mine.removed:
            out.conflicts.append({"unit": unit.id, "line": unit.line, "reason": "removed",
                                  "message": f"unit {unit.id}: it was removed (or retimed) here since the export",
                                  "source": mine.source, "yours": text, "ours": None})
            continue
        if _words(unit.source) != _words(mine.source):
            out.conflicts.append({"unit": unit.id, "line": unit.line, "reason": "source_changed",
                                  "message": f"unit {unit.id}: its source changed here since the export",
                                  "source": mine.source, "yours": text, "ours": mine.text})
            continue
        if mine.changed_by_others and clean(mine.text) != clean(mine.base_text):
            out.conflicts.append({"unit": unit.id, "line": unit.line, "reason": "target_changed",
                                  "message": f"unit {unit.id}: someone else changed its target here since the export",
                                  "source": mine.source, "yours": text, "ours": mine.text})
            continue
        out.applied[unit.id] = (text, status)
    return out


def _words(text: str | None) -> list[str]:
    # A CAT tool may re-flow a source's spaces and line breaks; only a change of its words is a change.
    return (text or "").split()


def touched_by_others(base: dict[str, str], later: list[tuple[int | None, dict[str, str]]], importer_id: int | None
                      ) -> set[str]:
    """Units whose text someone other than the importer changed in the revisions after the export.

    `base` maps unit ids to texts at the export's revision; `later` is each later revision's
    (author id, unit id -> text), oldest first.
    """
    before, others = dict(base), set()
    for author_id, texts in later:
        for key, text in texts.items():
            if key in before and before[key] != text and author_id != importer_id:
                others.add(key)
        before = {**before, **texts}
    return others
