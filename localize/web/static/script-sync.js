// Keeping the script page and the server in step: what editor-save.js (drafts, save, restore,
// history, shared with the subtitle editor) needs to know about segments, the page's bar, and
// the conflict panel when a save is stale (412), segment by segment.
import { fmt } from "./editor-text.js";
import { openPanel } from "./editor-conflict.js";
import { enterConflict, leaveConflict, refreshHistory, save, say, takeTheirs, writeDraft } from "./editor-save.js";
import { defaultChoice, pairSegments, resolve, sameSegments, segmentKey, wire } from "./script-diff.js";

const copy = (segments) => segments.map((s) => ({ ...s }));

export function isDirty(ed) {
  return !sameSegments(ed.st.segments, ed.st.base);
}

/** Revision, segment count, check counts and the saved/unsaved state. */
export function updateBar(ed) {
  const { st, els, S } = ed;
  els.revision.textContent = fmt(S.revision_label, { n: st.revision });
  els.count.textContent = fmt(S.segments_count, { n: st.segments.length });
  const errors = st.checks.filter((f) => f.severity === "error").length;
  els.checks.textContent = fmt(S.checks_counts, { errors, warnings: st.checks.length - errors });
  els.checks.classList.toggle("bad", errors > 0);
  if (els.state) {
    const dirty = isDirty(ed);
    els.state.textContent = dirty ? S.unsaved : S.all_saved;
    els.state.classList.toggle("dirty", dirty);
  }
}

/** Who says a segment, its status and its note: the line above its text in conflicts and history. */
const metaLine = (who, seg) => [who && who.toUpperCase(), seg.status, seg.note && `“${seg.note}”`].filter(Boolean).join(" · ");
export const segmentMeta = (seg) => metaLine(seg.kind === "dialogue" ? (seg.character?.name || seg.speaker || "") : "", seg);
const diffMeta = (seg) => metaLine(seg.speaker, seg);  // a revision's changes name the speaker only

/** The script as editor-save.js sees it (see the list there). */
export const segmentDoc = {
  draftPrefix: "localize:script-draft",
  field: "segments",
  items: (ed) => ed.st.segments,
  snapshot: (ed) => copy(ed.st.segments),
  same: sameSegments,
  isDirty,
  url: (ed) => ed.cfg.urls.script,
  payload: (mine) => mine.map(wire),
  blocked(ed) {
    const cut = ed.st.segments.findIndex((s) => s.status === "cut" && !(s.note || "").trim());
    if (cut < 0) return false;
    say(ed, fmt(ed.S.cut_needs_note, { n: cut + 1 }), true);
    ed.els.list.children[cut]?.querySelector("[data-field='note']")?.focus();
    return true;
  },
  rebase(ed, body) {
    Object.assign(ed.st, { revision: body.revision, base: copy(body.segments), checks: body.checks });
  },
  show(ed, body) {
    const { st } = ed;
    st.revision = body.revision;
    st.base = copy(body.segments);
    st.segments = copy(body.segments);
    st.checks = body.checks || [];
    Object.assign(st.sources, body.sources || {});
    st.stale.clear();
    ed.render();
  },
  invalid(ed, error) {
    const details = (error.details || []).map((d) => fmt(ed.S.segment_problem, { segment: "?", field: "", ...d }));
    return fmt(ed.S.invalid, { details: details.join("; ") || error.message });
  },
  openConflict,
  takeDraft(ed, draft) {
    ed.st.segments = copy(draft.segments);
    ed.render();
  },
  discardDraft(ed) {
    ed.st.segments = copy(ed.st.base);
    ed.render();
  },
  draftConflict(ed, draft, old) {
    const { cfg, st } = ed;
    const theirs = { revision: st.revision, segments: cfg.segments, sources: cfg.sources, checks: cfg.checks,
                     latest: cfg.revisions[0] };
    openConflict(ed, theirs, draft.segments, old, draft.revision, true);
  },
  history: {
    changes: (rev, ctx) => {
      const ch = rev.changes || {};
      return { counts: fmt(ctx.strings.changes, { added: ch.added || 0, removed: ch.removed || 0, changed: ch.changed || 0 }),
               total: fmt(ctx.strings.segments_count, { n: rev.segments }) };
    },
    meta: diffMeta,
  },
};

/** Theirs beside mine; the chosen segments are saved on top of their revision (or simply shown). */
export function openConflict(ed, theirs, mine, base, mineRevision, fromDraft) {
  const { st, els, S } = ed;
  const intro = enterConflict(ed, theirs, mineRevision, fromDraft);
  Object.assign(st.sources, theirs.sources || {});
  const baseKeys = new Map(base.filter((s) => s.id != null).map((s) => [s.id, segmentKey(s)]));
  const pairs = pairSegments(theirs.segments, mine);
  pairs.forEach((p) => { p.choice = defaultChoice(p, baseKeys); });
  const same = pairs.filter((p) => p.same).length;
  openPanel(els.conflict, pairs, { listed: (p) => !p.same, meta: segmentMeta, strings: S, intro,
                                   note: same ? fmt(S.conflict_same, { n: same }) : "" }, () => {
    const segments = resolve(pairs);
    leaveConflict(ed);
    if (sameSegments(segments, theirs.segments)) { takeTheirs(ed, theirs); return; }
    st.revision = theirs.revision;
    st.base = copy(theirs.segments);
    st.checks = theirs.checks || [];
    st.segments = copy(segments);
    ed.render();
    refreshHistory(ed);
    if (!els.summary.value.trim()) els.summary.value = fmt(S.conflict_summary, { n: theirs.revision });
    writeDraft(ed);
    save(ed);
  });
}
