// Keeping the subtitle editor and the server in step: drafts in this browser, saving, the
// conflict panel when a save is stale (412), restoring revisions, the history panel.
// Unsaved edits stay in localStorage (per user, track and revision) until a save succeeds.
import { fmt, plain, plural, sameCues } from "./editor-text.js";
import { showConflict } from "./editor-conflict.js";
import { renderHistory } from "./editor-history.js";
import { attach, isDirty, recheck, renderAll, updateBar } from "./editor-rows.js";

const draftPrefix = (ed) => `localize:draft:${ed.cfg.key}:r`;

export function say(ed, text, isError = false) {
  const el = ed.els.message;
  el.textContent = text;
  el.hidden = !text;
  el.classList.toggle("is-error", isError);
}

// --- drafts ------------------------------------------------------------------------------
export function drafts(ed) {
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(draftPrefix(ed))) out.push({ key, ...JSON.parse(localStorage.getItem(key)) });
    }
  } catch { /* storage unavailable or a foreign value: no drafts */ }
  return out.sort((a, b) => b.revision - a.revision);
}

export function writeDraft(ed) {
  if (!ed.cfg.can_edit) return;
  const key = draftPrefix(ed) + ed.st.revision;
  try {
    if (!isDirty(ed)) { localStorage.removeItem(key); return; }
    localStorage.setItem(key, JSON.stringify({
      revision: ed.st.revision, cues: ed.st.cues.map(plain), summary: ed.els.summary.value,
      saved_at: new Date().toISOString() }));
  } catch { /* private mode or full: the page still holds the edits */ }
}

export function clearDrafts(ed) {
  clearTimeout(ed.draftTimer);
  for (const d of drafts(ed)) localStorage.removeItem(d.key);
}

// --- talking to the server -----------------------------------------------------------------
async function send(ed, url, method, body) {
  const response = await fetch(url, {
    method, credentials: "same-origin", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": ed.csrf } });
  return { response, body: await response.json().catch(() => null) };
}

function failure(ed, status) {
  return { 401: ed.S.signed_out, 403: ed.S.forbidden, 400: ed.S.csrf }[status] || fmt(ed.S.failed, { status });
}

export const revisionUrl = (ed, n) => ed.cfg.urls.revisions.replace(/\.json$/, `/${n}.json`);

/** Show the server's state of the track (after a save, a restore, or taking theirs). */
export function accept(ed, body) {
  const { st, els } = ed;
  const focused = els.list.contains(document.activeElement) ? document.activeElement.dataset.field : null;
  st.revision = body.revision;
  st.base = body.cues.map(plain);
  st.cues = attach(body.cues, body.cues, body.qc);  // the server's findings replace the live ones
  ed.trackQc = body.qc.filter((f) => f.cue === 0);
  renderAll(ed);
  if (body.revisions) { st.revisions = body.revisions; drawHistory(ed); } else refreshHistory(ed);
  ed.onRevision();
  if (focused && st.cues.length) els.list.children[st.current]?.querySelector(`[data-field="${focused}"]`)?.focus({ preventScroll: true });
}

export async function save(ed) {
  const { st, els, S } = ed;
  if (!ed.cfg.can_edit || st.saving || st.conflict) return;
  const bad = els.list.querySelector("[aria-invalid='true']");
  if (bad) { say(ed, S.fix_times, true); bad.focus(); return; }
  if (!isDirty(ed)) { say(ed, S.nothing_to_save); return; }
  st.saving = true;
  els.save.disabled = true;
  say(ed, S.saving);
  const mine = st.cues.map(plain);
  let result;
  try {
    result = await send(ed, ed.cfg.urls.cues, "PUT", { revision: st.revision, summary: els.summary.value.trim(), cues: mine });
  } catch {
    say(ed, S.offline, true);
    return;
  } finally {
    st.saving = false;
    els.save.disabled = st.conflict;
  }
  const { response, body } = result;
  if (response.ok && body && !sameCues(st.cues, mine)) {
    // Typed while the save was on its way: keep those edits on top of the saved revision.
    Object.assign(st, { revision: body.revision, base: body.cues.map(plain), revisions: body.revisions });
    drawHistory(ed);
    clearDrafts(ed);
    ed.changed();
    say(ed, fmt(S.saved, { n: body.revision }));
  } else if (response.ok && body) {
    accept(ed, body);
    clearDrafts(ed);
    els.summary.value = "";
    say(ed, body.changed === false ? S.nothing_to_save : fmt(S.saved, { n: body.revision }));
  } else if (response.status === 412 && body && body.theirs) {
    say(ed, "");
    openConflict(ed, body.theirs, mine, st.base, st.revision, false);
  } else if (response.status === 422 && body && body.error) {
    say(ed, fmt(S.invalid_cues, { details: body.error.details.map((d) => fmt(S.cue_problem, d)).join("; ") }), true);
  } else {
    say(ed, failure(ed, response.status), true);
  }
}

/**
 * Theirs beside mine, against the revision both started from: what only one side changed is
 * merged without asking, the cues both changed are chosen in the panel; the result is saved on top
 * of their revision (or simply shown when it is theirs). Edits kept in this browser (`fromDraft`)
 * that merge alone come back as unsaved edits, for the user to save.
 */
export function openConflict(ed, theirs, mine, base, mineRevision, fromDraft) {
  const { st, els, S } = ed;
  st.conflict = true;
  els.root.classList.add("in-conflict");
  els.save.disabled = true;
  const intro = fmt(fromDraft ? S.conflict_draft_intro : S.conflict_intro,
                    { author: (theirs.latest || {}).author || "?", n: theirs.revision, mine: mineRevision });
  showConflict(els.conflict, { theirs, mine, base, strings: S, plurals: ed.cfg.plurals, intro }, (cues, merged, asked) => {
    st.conflict = false;
    els.root.classList.remove("in-conflict");
    els.save.disabled = false;
    st.revision = theirs.revision;
    st.base = theirs.cues.map(plain);
    if (sameCues(cues, st.base)) {
      clearDrafts(ed);
      accept(ed, theirs);
      say(ed, fmt(S.took_theirs, { n: theirs.revision }));
      return;
    }
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

export async function restore(ed, number) {
  let result;
  try {
    const url = `${ed.cfg.urls.revisions.replace(/\.json$/, "")}/${number}/restore`;
    result = await send(ed, url, "POST", { revision: ed.st.revision });
  } catch {
    say(ed, ed.S.offline, true);
    return;
  }
  const { response, body } = result;
  if (response.ok && body) {
    accept(ed, body);
    clearDrafts(ed);
    say(ed, fmt(ed.S.restored, { from: number, n: body.revision }));
  } else if (response.status === 412 && body && body.theirs) {
    accept(ed, body.theirs);
    say(ed, fmt(ed.S.restore_stale, { n: body.theirs.revision }), true);
  } else say(ed, failure(ed, response.status), true);
}

// --- history -------------------------------------------------------------------------------
export function drawHistory(ed) {
  if (!ed.els.history) return;
  ed.st.historyStamp = (ed.st.historyStamp || 0) + 1;
  renderHistory(ed.els.history, ed.st.revisions, ed.st.revision, {
    strings: ed.S, plurals: ed.cfg.plurals, revisionUrl: (n) => revisionUrl(ed, n), restore: (n) => restore(ed, n),
    say: (text, isError) => say(ed, text, isError), canRestore: () => !isDirty(ed),
    loadOlder: () => loadOlder(ed) });
}

// The page starts with the newest revisions; older ones come a page at a time, before the oldest shown.
async function loadOlder(ed) {
  const shown = ed.st.revisions;
  const oldest = Math.min(...shown.map((r) => r.number));
  const response = await fetch(`${ed.cfg.urls.revisions}?before=${oldest}`,
    { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) { say(ed, failure(ed, response.status), true); return; }
  const older = (await response.json()).revisions.filter((r) => r.number < oldest);
  ed.st.revisions = shown.concat(older);
  drawHistory(ed);
}

export async function refreshHistory(ed) {
  // A list drawn meanwhile (a save answers with its own) is newer than this answer: keep it.
  const stamp = ed.st.historyStamp = (ed.st.historyStamp || 0) + 1;
  try {
    const response = await fetch(ed.cfg.urls.revisions, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) return;
    const revisions = (await response.json()).revisions;
    if (ed.st.historyStamp === stamp) { ed.st.revisions = revisions; drawHistory(ed); }
  } catch { /* the list stays as it was */ }
}

/** On load: bring back edits this browser kept, or show them against what was saved since. */
export function resumeDraft(ed) {
  const { cfg, st, els, S } = ed;
  const draft = cfg.can_edit ? drafts(ed)[0] : null;
  if (!draft) return;
  if (draft.revision === st.revision && !sameCues(draft.cues, st.base)) {
    st.cues = attach(draft.cues, st.base, cfg.qc);
    if (draft.summary) els.summary.value = draft.summary;
    recheck(ed, false);
    renderAll(ed);
    els.draft.querySelector("[data-draft-text]").textContent = fmt(S.draft_restored, {
      when: new Date(draft.saved_at).toLocaleString(document.documentElement.lang) });
    els.draft.hidden = false;
    els.draft.querySelector("button").addEventListener("click", () => {
      clearDrafts(ed);
      st.cues = attach(cfg.cues, cfg.cues, cfg.qc);
      renderAll(ed);
      els.draft.hidden = true;
      say(ed, S.draft_discarded);
    });
  } else if (draft.revision < st.revision && !sameCues(draft.cues, st.base)) {
    // Someone saved since these edits were made: show both, with the draft's revision as base.
    fetch(revisionUrl(ed, draft.revision), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : { cues: [] })).catch(() => ({ cues: [] }))
      .then((old) => {
        const theirs = { revision: st.revision, cues: cfg.cues, qc: cfg.qc, latest: cfg.revisions[0] };
        openConflict(ed, theirs, draft.cues, (old.cues || []).map(plain), draft.revision, true);
      });
  } else clearDrafts(ed);
}
