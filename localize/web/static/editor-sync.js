// Keeping the subtitle editor and the server in step: what editor-save.js (drafts, save,
// restore, history, shared with the script page) needs to know about cues, and the conflict
// panel when a save is stale (412), cue by cue.
import { fmt, plain, plural, sameCues } from "./editor-text.js";
import { showConflict } from "./editor-conflict.js";
import { clearDrafts, enterConflict, leaveConflict, refreshHistory, save, say, takeTheirs, writeDraft } from "./editor-save.js";
import { attach, isDirty, recheck, renderAll } from "./editor-rows.js";

/** The subtitle track as editor-save.js sees it (see the list there). */
export const cueDoc = {
  draftPrefix: "localize:draft",
  field: "cues",
  items: (ed) => ed.st.cues,
  snapshot: (ed) => ed.st.cues.map(plain),
  same: sameCues,
  isDirty,
  url: (ed) => ed.cfg.urls.cues,
  payload: (mine) => mine,
  blocked(ed) {
    const bad = ed.els.list.querySelector("[aria-invalid='true']");
    if (bad) { say(ed, ed.S.fix_times, true); bad.focus(); }
    return Boolean(bad);
  },
  rebase(ed, body) {
    Object.assign(ed.st, { revision: body.revision, base: body.cues.map(plain) });
  },
  show(ed, body) {
    const { st, els } = ed;
    const focused = els.list.contains(document.activeElement) ? document.activeElement.dataset.field : null;
    st.revision = body.revision;
    st.base = body.cues.map(plain);
    st.cues = attach(body.cues, body.cues, body.qc);  // the server's findings replace the live ones
    ed.trackQc = body.qc.filter((f) => f.cue === 0);
    renderAll(ed);
    ed.onRevision();
    if (focused && st.cues.length) els.list.children[st.current]?.querySelector(`[data-field="${focused}"]`)?.focus({ preventScroll: true });
  },
  invalid: (ed, error) => fmt(ed.S.invalid_cues, { details: error.details.map((d) => fmt(ed.S.cue_problem, d)).join("; ") }),
  openConflict,
  takeDraft(ed, draft) {
    ed.st.cues = attach(draft.cues, ed.st.base, ed.cfg.qc);
    recheck(ed, false);
    renderAll(ed);
  },
  discardDraft(ed) {
    ed.st.cues = attach(ed.cfg.cues, ed.cfg.cues, ed.cfg.qc);
    renderAll(ed);
  },
  draftConflict(ed, draft, old) {
    const { cfg, st } = ed;
    const theirs = { revision: st.revision, cues: cfg.cues, qc: cfg.qc, latest: cfg.revisions[0] };
    openConflict(ed, theirs, draft.cues, old.map(plain), draft.revision, true);
  },
};

/**
 * Theirs beside mine, against the revision both started from: what only one side changed is
 * merged without asking, the cues both changed are chosen in the panel; the result is saved on top
 * of their revision (or simply shown when it is theirs). Edits kept in this browser (`fromDraft`)
 * that merge alone come back as unsaved edits, for the user to save.
 */
export function openConflict(ed, theirs, mine, base, mineRevision, fromDraft) {
  const { st, els, S } = ed;
  const intro = enterConflict(ed, theirs, mineRevision, fromDraft);
  showConflict(els.conflict, { theirs, mine, base, strings: S, plurals: ed.cfg.plurals, intro }, (cues, merged, asked) => {
    leaveConflict(ed);
    st.revision = theirs.revision;
    st.base = theirs.cues.map(plain);
    if (sameCues(cues, st.base)) { takeTheirs(ed, theirs); return; }
    clearDrafts(ed);  // the draft of the older revision is merged: it is kept under the new one
    st.cues = attach(cues, theirs.cues, theirs.qc);
    recheck(ed, false);
    renderAll(ed);
    refreshHistory(ed);
    if (!els.summary.value.trim()) els.summary.value = fmt(S.conflict_summary, { n: theirs.revision });
    const note = merged ? plural(ed.cfg.plurals.conflict_merged_all, merged, { rev: theirs.revision }) : "";
    writeDraft(ed);
    if (fromDraft && !asked) { say(ed, note); return; }  // nothing to choose: the user saves when ready
    save(ed).then(() => { if (!asked && note && !st.conflict) say(ed, `${els.message.textContent} ${note}`.trim()); });
  });
}
