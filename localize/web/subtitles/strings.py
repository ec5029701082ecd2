"""The subtitle editor's words for its script, translated here so the browser gets them in the
reader's language (the page renders them into its JSON data block). Placeholders are
%(name)s, filled in by the script.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# QC rules (localize.subtitles.qc) in a translator's words.
RULES = {
    "ends_before_start": _l("Ends before it starts"),
    "empty_cue": _l("No visible text"),
    "unbalanced_tags": _l("Tag not closed"),
    "chars_per_line": _l("Line too long"),
    "lines_per_cue": _l("Too many lines"),
    "reading_speed": _l("Reads too fast"),
    "min_duration": _l("Too short on screen"),
    "max_duration": _l("Too long on screen"),
    "overlap": _l("Overlaps the previous cue"),
    "min_gap": _l("Gap too small"),
    "past_episode_end": _l("Past the episode's end"),
    "original_name": _l("Original character name"),
    "ignored_override": _l("QC override ignored"),
}

STATUSES = {"untranslated": _l("untranslated"), "translated": _l("translated"), "reviewed": _l("reviewed")}


def editor_strings() -> dict[str, str]:
    """Every sentence editor.js shows, in the reader's language."""
    return {
        "saved": _("Saved as revision %(n)s."),
        "older_revisions": _("Show older revisions"),
        "nothing_to_save": _("Nothing to save: the cues are as stored."),
        "saving": _("Saving…"),
        "unsaved": _("Unsaved changes"),
        "all_saved": _("All changes saved"),
        "fix_times": _("Some times are not valid (use HH:MM:SS.mmm, ending after the start). Fix the highlighted fields, then save."),
        "invalid_cues": _("The server refused some cues: %(details)s"),
        "cue_problem": _("cue %(cue)s (%(field)s): %(message)s"),
        "forbidden": _("You may not change subtitles in this language."),
        "signed_out": _("Your session ended. Sign in again in another tab, then save: your edits are kept in this browser."),
        "csrf": _("The page expired. Reload it: your edits are kept in this browser."),
        "failed": _("Saving failed (%(status)s). Your edits are kept in this browser; try again."),
        "offline": _("The server could not be reached. Your edits are kept in this browser; try again."),
        "draft_restored": _("Unsaved edits from %(when)s were restored from this browser."),
        "discard_draft": _("Discard them"),
        "draft_discarded": _("Your unsaved edits were discarded."),
        "conflict_intro": _("%(author)s saved revision %(n)s while you were editing revision %(mine)s. Nothing is lost: choose, for each cue that differs, which version to keep."),
        "conflict_draft_intro": _("This browser kept edits you made on revision %(mine)s; the track is now at revision %(n)s (%(author)s). Choose, for each cue that differs, which version to keep."),
        "conflict_same": _("%(n)s identical cues are not shown."),
        "conflict_summary": _("Kept my edits after a conflict with revision %(n)s"),
        "took_theirs": _("You now have revision %(n)s as saved by the others."),
        "theirs": _("Theirs"),
        "mine": _("Mine"),
        "deleted": _("(deleted)"),
        "absent": _("(not there)"),
        "restore": _("Restore"),
        "restore_title": _("Make revision %(n)s current again, as a new revision"),
        "restore_dirty": _("Save or discard your edits before restoring a revision."),
        "restored": _("Revision %(from)s restored as revision %(n)s."),
        "restore_stale": _("Someone saved meanwhile; their revision %(n)s is shown now. Restore again if you still want to."),
        "current": _("current"),
        "show_diff": _("Changes"),
        "hide_diff": _("Hide changes"),
        "no_diff": _("No cue changed in this revision."),
        "changes": _("%(added)s added, %(removed)s removed, %(changed)s changed"),
        "restored_from": _("restored from revision %(n)s"),
        "revision_label": _("Revision %(n)s"),
        "cues_count": _("%(n)s cues"),
        "op_added": _("added"),
        "op_removed": _("removed"),
        "op_changed": _("changed"),
        "no_source": _("No source cue at this time"),
        "chars": _("Line %(n)s/%(max)s"),
        "lines": _("Lines %(n)s/%(max)s"),
        "cps": _("CPS %(n)s/%(max)s"),
        "duration": _("%(n)s s"),
        "chars_title": _("Characters of the longest line (limit %(max)s)"),
        "cps_title": _("Reading speed: characters per second (limit %(max)s)"),
        "duration_title": _("Time on screen (%(min)s to %(max)s s)"),
        "qc_stale": _("checked at the last save"),
        "qc_counts": _("%(errors)s errors · %(warnings)s warnings"),
        "cue_aria": _("Cue %(n)s"),
        "loading": _("Loading…"),
        "loading_cues": _("Showing %(n)s of %(total)s cues…"),
        "load_failed": _("Could not load this revision."),
    }
