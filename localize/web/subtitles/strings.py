"""The subtitle editor's words for its script, translated here so the browser gets them in the
reader's language (the page renders them into its JSON data block). Placeholders are
%(name)s, filled in by the script.
"""
from __future__ import annotations

import re

from flask_babel import get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

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
    "untranslated": _l("No translation yet"),
    "unconfirmed": _l("Not checked by a person yet"),
    "glossary": _l("Glossary"),
    "forbidden_term": _l("Forbidden translation"),
}

STATUSES = {"untranslated": _l("untranslated"), "machine": _l("machine"), "fuzzy": _l("fuzzy"),
            "translated": _l("translated"), "reviewed": _l("reviewed")}


def editor_strings() -> dict[str, str]:
    """Every sentence editor.js shows, in the reader's language."""
    return {
        "saved": _("Saved as revision %(n)s."),
        # A glossary term's tooltip in the source text (editor-glossary.js).
        "glossary_keep": _("keep as is, untranslated"),
        "glossary_forbidden": _("never translate as"),
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
        "restored_from": _("restored from revision %(n)s"),
        "revision_label": _("Revision %(n)s"),
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
        "qc_stale": _("Checked as you type; the server checks again when you save."),
        "qc_live": _("Checked as you type"),
        "cue_aria": _("Cue %(n)s"),
        "loading": _("Loading…"),
        "loading_cues": _("Showing %(n)s of %(total)s cues…"),
        "load_failed": _("Could not load this revision."),
    }


# Counts the script shows, each with its forms for one and for more (the script picks one with
# Intl.PluralRules; en, es and pt-BR have these two). %(num)s is the count.
_PLURALS = {
    "errors": lambda t, n: t.ngettext("%(num)s error", "%(num)s errors", n),
    "warnings": lambda t, n: t.ngettext("%(num)s warning", "%(num)s warnings", n),
    "cues_count": lambda t, n: t.ngettext("%(num)s cue", "%(num)s cues", n),
    "added": lambda t, n: t.ngettext("%(num)s added", "%(num)s added", n),
    "removed": lambda t, n: t.ngettext("%(num)s removed", "%(num)s removed", n),
    "changed": lambda t, n: t.ngettext("%(num)s changed", "%(num)s changed", n),
    "conflict_same": lambda t, n: t.ngettext("%(num)s identical cue is not shown.",
                                             "%(num)s identical cues are not shown.", n),
    "conflict_merged": lambda t, n: t.ngettext(
        "%(num)s cue changed on one side only was merged automatically.",
        "%(num)s cues changed on one side only were merged automatically.", n),
    "conflict_merged_all": lambda t, n: t.ngettext(
        "Someone saved revision %(rev)s meanwhile; no cue was changed on both sides, so %(num)s change "
        "was merged automatically.",
        "Someone saved revision %(rev)s meanwhile; no cue was changed on both sides, so %(num)s changes "
        "were merged automatically.", n),
    "lines_per_cue_msg": lambda t, n: t.ngettext("%(num)s line (limit %(limit)s).",
                                                 "%(num)s lines (limit %(limit)s).", n),
}


def editor_plurals() -> dict[str, dict[str, str]]:
    """Every count editor.js shows: {key: {"one": ..., "other": ...}} in the reader's language."""
    t = get_translations()
    return {key: {"one": forms(t, 1), "other": forms(t, 2)} for key, forms in _PLURALS.items()}


def qc_messages() -> dict[str, str]:
    """What each QC finding means, from its rule, value and limit (times in seconds), in the
    reader's language: the tooltip of a finding, live or from the server."""
    return {
        "ends_before_start": _("The cue ends at or before its start."),
        "empty_cue": _("The cue has no visible text."),
        "untranslated": _("This cue has no translation yet."),
        "unconfirmed": _("Filled automatically (%(value)s): edit it or set its status once a person has checked it."),
        "unbalanced_tags": _("%(value)s is not closed in order: italics or bold may leak into the next cues."),
        "chars_per_line": _("A line is %(value)s characters long (limit %(limit)s)."),
        "reading_speed": _("%(value)s characters per second (limit %(limit)s)."),
        "min_duration": _("Shown %(value)s s (minimum %(limit)s s)."),
        "max_duration": _("Shown %(value)s s (maximum %(limit)s s)."),
        "overlap": _("Starts %(value)s s before the cue before it ends."),
        "min_gap": _("%(value)s s after the cue before it (minimum gap %(limit)s s)."),
        "past_episode_end": _("Ends at %(value)s s, after the episode ends at %(limit)s s."),
        "original_name": _("Still names %(value)s, who is %(limit)s in this version."),
        "glossary": _("The glossary translates %(value)s as %(limit)s, and this translation does not say it."),
        "forbidden_term": _("%(value)s is a translation the glossary forbids (for %(limit)s)."),
    }


_IGNORED = re.compile(r"the QC override (\w+)=(.*) is ignored: it does not fit preset (\S+) \((.*)\)$", re.S)


def track_finding_text(finding: dict) -> str:
    """A track-wide finding (cue 0, e.g. an ignored QC override) as the editor's header says it."""
    m = _IGNORED.match(finding.get("message") or "")
    if finding.get("rule") == "ignored_override" and m:
        return _("The QC override %(name)s=%(value)s is ignored: it does not fit the preset %(preset)s (%(reason)s).",
                 name=m.group(1), value=m.group(2), preset=m.group(3), reason=m.group(4))
    return finding.get("message") or str(RULES.get(finding.get("rule"), finding.get("rule")))


# The summaries the service writes itself, read back in the reader's language; a summary a
# person typed is shown as typed. The stored text (and what the API returns) stays English.
_DROPPED = re.compile(r"^(.*); dropped (\d+) invalid cues?: (.*)$", re.S)
_SUMMARIES = (
    (re.compile(r"^imported (VTT|SRT) \((\d+) cues\)$"),
     lambda m: ngettext("imported %(format)s (%(num)s cue)", "imported %(format)s (%(num)s cues)",
                        int(m.group(2)), format=m.group(1))),
    (re.compile(r"^translation started from (\S+) \((\d+) cues\)$"),
     lambda m: ngettext("translation started from %(language)s (%(num)s cue)",
                        "translation started from %(language)s (%(num)s cues)", int(m.group(2)),
                        language=m.group(1))),
    (re.compile(r"^restored revision (\d+)$"), lambda m: _("restored revision %(n)s", n=m.group(1))),
    (re.compile(r"^edited cues$"), lambda m: _("edited cues")),
    (re.compile(r"^imported (\S.*)$", re.S), lambda m: _("imported %(file)s", file=m.group(1))),
)


def summary_text(summary: str | None) -> str:
    """A revision's summary in the reader's language when the service wrote it."""
    if not summary:
        return summary or ""
    dropped = _DROPPED.match(summary)
    base = dropped.group(1) if dropped else summary
    for pattern, say in _SUMMARIES:
        m = pattern.match(base)
        if m:
            base = say(m)
            break
    if dropped:
        n = int(dropped.group(2))
        return ngettext("%(summary)s; dropped %(num)s invalid cue: %(cues)s",
                        "%(summary)s; dropped %(num)s invalid cues: %(cues)s", n, summary=base,
                        cues=dropped.group(3))
    return base
