"""The script page's words for its script, translated here so the browser gets them in the reader's
language (the page renders them into its JSON data block). Placeholders are %(name)s, filled in
by the script.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# Script checks (localize.scripts.checks) in an adapter's words; %(value)s and %(limit)s are the finding's.
RULES = {
    "untranslated": _l("Not adapted yet"),
    "outdated": _l("The source changed"),
    "original-name": _l("Still names %(value)s, who is %(limit)s here"),
    "unknown-speaker": _l("Unknown speaker: %(value)s"),
    "empty": _l("No text"),
    "numbers": _l("The source's number %(value)s is missing"),
    "length-ratio": _l("%(value)s times the source's length (limit %(limit)s)"),
    "glossary": _l("The glossary translates %(value)s as %(limit)s"),
    "forbidden-term": _l("%(value)s is forbidden by the glossary (for %(limit)s)"),
}

STATUSES = {"new": _l("new"), "machine": _l("machine"), "fuzzy": _l("fuzzy"), "translated": _l("translated"),
            "reviewed": _l("reviewed"), "approved": _l("approved"), "cut": _l("cut")}

KINDS = {"scene": _l("scene"), "action": _l("action"), "dialogue": _l("dialogue"),
         "transition": _l("transition"), "note": _l("note")}


def page_strings() -> dict[str, str]:
    """Every sentence script.js shows, in the reader's language."""
    return {
        "saved": _("Saved as revision %(n)s."),
        # A glossary term's tooltip in the source text (editor-glossary.js).
        "glossary_keep": _("keep as is, untranslated"),
        "glossary_forbidden": _("never translate as"),
        "saving": _("Saving…"),
        "nothing_to_save": _("Nothing to save: the script is as stored."),
        "unsaved": _("Unsaved changes"),
        "all_saved": _("All changes saved"),
        "cut_needs_note": _("Segment %(n)s is cut: write the reason in its note, then save."),
        "invalid": _("The server refused some segments: %(details)s"),
        "segment_problem": _("segment %(segment)s (%(field)s): %(message)s"),
        "forbidden": _("You may not make this change: %(message)s"),
        "signed_out": _("Your session ended. Sign in again in another tab, then save: your edits are kept in this browser."),
        "csrf": _("The page expired. Reload it: your edits are kept in this browser."),
        "failed": _("Saving failed (%(status)s). Your edits are kept in this browser; try again."),
        "offline": _("The server could not be reached. Your edits are kept in this browser; try again."),
        "draft_restored": _("Unsaved edits from %(when)s were restored from this browser."),
        "draft_discarded": _("Your unsaved edits were discarded."),
        "conflict_intro": _("%(author)s saved revision %(n)s while you were editing revision %(mine)s. Nothing is lost: choose, for each segment that differs, which version to keep."),
        "conflict_draft_intro": _("This browser kept edits you made on revision %(mine)s; the script is now at revision %(n)s (%(author)s). Choose, for each segment that differs, which version to keep."),
        "conflict_same": _("Identical segments not shown: %(n)s."),
        "conflict_summary": _("Kept my edits after a conflict with revision %(n)s"),
        "took_theirs": _("You now have revision %(n)s as saved by the others."),
        "deleted": _("(deleted)"),
        "absent": _("(not there)"),
        "restore_title": _("Make revision %(n)s current again, as a new revision"),
        "restore_dirty": _("Save or discard your edits before restoring a revision."),
        "restored": _("Revision %(from)s restored as revision %(n)s."),
        "restore_stale": _("Someone saved meanwhile; their revision %(n)s is shown now. Restore again if you still want to."),
        "older_revisions": _("Show older revisions"),
        "show_diff": _("Changes"),
        "hide_diff": _("Hide changes"),
        "no_diff": _("No segment changed in this revision."),
        "changes": _("added: %(added)s, removed: %(removed)s, changed: %(changed)s"),
        "restored_from": _("restored from revision %(n)s"),
        "revision_label": _("Revision %(n)s"),
        "segments_count": _("Segments: %(n)s"),
        "op_added": _("added"),
        "op_removed": _("removed"),
        "op_changed": _("changed"),
        "loading": _("Loading…"),
        "load_failed": _("Could not load this revision."),
        "checks_counts": _("Errors: %(errors)s · warnings: %(warnings)s"),
        "checks_stale": _("checked at the last save"),
        "added_line": _("A line this version added"),
        "source_removed": _("Removed from the original"),
        "outdated": _("outdated"),
        "outdated_banner": _("The source changed after this line was written:"),
        "approved_readonly": _("Approved: only a lead changes it."),
        "approve_all_none": _("No translated segment to approve."),
        "approve_all_done": _("Marked approved: %(n)s. Save to keep it."),
        "segment_aria": _("Segment %(n)s"),
    }
