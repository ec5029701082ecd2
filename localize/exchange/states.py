"""Our statuses as XLIFF 1.2 states, and a file's states back as our statuses.

Export (issue 11): new and untranslated -> needs-translation, machine and fuzzy ->
needs-review-translation, translated -> translated, reviewed -> signed-off, approved -> final.
A cut script line leaves as `final` with translate="no": it is not the translator's to change.

Import, decided here: needs-translation and new keep a line new (a cue untranslated);
needs-review-* and needs-adaptation/-l10n become `fuzzy` (a CAT tool's "check this again");
translated stays translated; signed-off becomes reviewed and final approved (a cue has no
approved: reviewed), but only for someone who may review: a translator's signed-off or final is
`translated`. A unit without a state (OmegaT writes none), or still in the state it was exported
in, whose target changed is translated, or new (untranslated) when the target was emptied.
"""
from __future__ import annotations

TO_STATE = {"new": "needs-translation", "untranslated": "needs-translation", "machine": "needs-review-translation",
            "fuzzy": "needs-review-translation", "translated": "translated", "reviewed": "signed-off",
            "approved": "final", "cut": "final"}

_REVIEW_AGAIN = {"needs-review-translation", "needs-review-adaptation", "needs-review-l10n", "needs-adaptation",
                 "needs-l10n"}


def to_state(status: str | None, text: str = "") -> str:
    """The XLIFF state of a status; a cue without one (imported from a file) is translated if it has text."""
    if status is None:
        return "translated" if text.strip() else "needs-translation"
    return TO_STATE.get(status, "needs-translation")


def _fuzzy(statuses: tuple[str, ...]) -> str:
    # `fuzzy` arrives with the statuses work (issue 10); until a store knows it, translated is the
    # nearest status a person can still review.
    return "fuzzy" if "fuzzy" in statuses else "translated"


def from_state(state: str | None, text: str, *, statuses: tuple[str, ...], may_review: bool) -> str:
    """Our status for a unit a file changed (`statuses`: the store's), a translator's sign-off as translated."""
    empty = "untranslated" if "untranslated" in statuses else "new"
    if state in ("new", "needs-translation"):
        return empty
    if state in _REVIEW_AGAIN:
        return _fuzzy(statuses)
    if state in ("signed-off", "final"):
        if not may_review:
            return "translated"
        return "approved" if state == "final" and "approved" in statuses else "reviewed"
    if state == "translated":
        return "translated"
    return "translated" if text.strip() else empty
