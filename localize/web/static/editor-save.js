// Keeping an editor page and the server in step, for the subtitle editor and the script page
// alike: drafts in this browser, saving, restoring revisions, the history panel. Unsaved edits
// stay in localStorage (per user, document and revision) until a save succeeds.
//
// What differs between the two lives in `ed.doc`, given by each page's sync module
// (editor-sync.js, script-sync.js):
//   draftPrefix        the localStorage key before the revision number
//   field              the list's name in a draft, a save and a revision ("cues", "segments")
//   items(ed)          the page's list; snapshot(ed) a plain copy of it, as saved and drafted
//   same(a, b)         whether two lists are the same for the page; isDirty(ed) unsaved edits
//   url(ed)            where a save goes; payload(mine) the list as that URL takes it
//   blocked(ed)        says why the page may not save yet (and returns true), or returns false
//   rebase(ed, body)   takes a save's revision while keeping what was typed meanwhile
//   show(ed, body)     shows the server's state of the document (after a save or a restore)
//   invalid(ed, error) the sentence for a 422 answer
//   openConflict(ed, theirs, mine, base, mineRevision, fromDraft)  the conflict panel
//   takeDraft(ed, draft), discardDraft(ed), draftConflict(ed, draft, old)  resuming a draft
//   history            renderHistory's ctx for this document (changes, meta), if not cues
import { fmt } from "./editor-text.js";
import { renderHistory } from "./editor-history.js";

export function say(ed, text, isError = false) {
  const el = ed.els.message;
  el.textContent = text;
  el.hidden = !text;
  el.classList.toggle("is-error", isError);
}

// --- drafts ------------------------------------------------------------------------------
export function drafts(ed) {
  const prefix = `${ed.doc.draftPrefix}:${ed.cfg.key}:r`;
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(prefix)) out.push({ key, ...JSON.parse(localStorage.getItem(key)) });
    }
  } catch { /* storage unavailable or a foreign value: no drafts */ }
  return out.sort((a, b) => b.revision - a.revision);
}

export function writeDraft(ed) {
  if (!ed.cfg.can_edit) return;
  const key = `${ed.doc.draftPrefix}:${ed.cfg.key}:r${ed.st.revision}`;
  try {
    if (!ed.doc.isDirty(ed)) { localStorage.removeItem(key); return; }
    localStorage.setItem(key, JSON.stringify({
      revision: ed.st.revision, [ed.doc.field]: ed.doc.snapshot(ed), summary: ed.els.summary.value,
      saved_at: new Date().toISOString() }));
  } catch { /* private mode or full: the page still holds the edits */ }
}

/** After an edit: a draft a moment later (one write for a burst of typing). */
export function draftSoon(ed) {
  clearTimeout(ed.draftTimer);
  ed.draftTimer = setTimeout(() => writeDraft(ed), 250);
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

export const getJson = (url) => fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });

/** The sentence for a refused request; a 403 may say why (the script page's rules do). */
export function failure(ed, response, body) {
  if (response.status === 403) return fmt(ed.S.forbidden, { message: body?.error?.message || "" });
  return { 401: ed.S.signed_out, 400: ed.S.csrf }[response.status] || fmt(ed.S.failed, { status: response.status });
}

export const revisionUrl = (ed, n) => ed.cfg.urls.revisions.replace(/\.json$/, `/${n}.json`);

/** Show the server's state of the document (after a save, a restore, or taking theirs). */
export function accept(ed, body) {
  ed.doc.show(ed, body);
  if (body.revisions) { ed.st.revisions = body.revisions; drawHistory(ed); } else refreshHistory(ed);
}

export async function save(ed) {
  const { st, els, S, doc } = ed;
  if (!ed.cfg.can_edit || st.saving || st.conflict) return;
  if (doc.blocked(ed)) return;
  if (!doc.isDirty(ed)) { say(ed, S.nothing_to_save); return; }
  st.saving = true;
  els.save.disabled = true;
  say(ed, S.saving);
  const mine = doc.snapshot(ed);
  let result;
  try {
    result = await send(ed, doc.url(ed), "PUT",
                        { revision: st.revision, summary: els.summary.value.trim(), [doc.field]: doc.payload(mine) });
  } catch {
    say(ed, S.offline, true);
    return;
  } finally {
    st.saving = false;
    els.save.disabled = st.conflict;
  }
  const { response, body } = result;
  if (response.ok && body && !doc.same(doc.items(ed), mine)) {
    // Typed while the save was on its way: keep those edits on top of the saved revision.
    doc.rebase(ed, body);
    st.revisions = body.revisions;
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
    doc.openConflict(ed, body.theirs, mine, st.base, st.revision, false);
  } else if (response.status === 422 && body && body.error) {
    say(ed, doc.invalid(ed, body.error), true);
  } else {
    say(ed, failure(ed, response, body), true);
  }
}

// --- the conflict panel (filled by each page: cue by cue, or segment by segment) ------------
/** Hold the page while the panel is open; returns the sentence above the panel. */
export function enterConflict(ed, theirs, mineRevision, fromDraft) {
  const { st, els, S } = ed;
  st.conflict = true;
  els.root.classList.add("in-conflict");
  els.save.disabled = true;
  return fmt(fromDraft ? S.conflict_draft_intro : S.conflict_intro,
             { author: (theirs.latest || {}).author || "?", n: theirs.revision, mine: mineRevision });
}

export function leaveConflict(ed) {
  ed.st.conflict = false;
  ed.els.root.classList.remove("in-conflict");
  ed.els.save.disabled = false;
}

/** What the choices make is their revision: show it as it is, nothing to save. */
export function takeTheirs(ed, theirs) {
  clearDrafts(ed);
  accept(ed, theirs);
  say(ed, fmt(ed.S.took_theirs, { n: theirs.revision }));
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
  } else say(ed, failure(ed, response, body), true);
}

// --- history -------------------------------------------------------------------------------
export function drawHistory(ed) {
  ed.st.historyStamp = (ed.st.historyStamp || 0) + 1;
  if (!ed.els.history) return;
  renderHistory(ed.els.history, ed.st.revisions, ed.st.revision, {
    ...ed.doc.history, strings: ed.S, plurals: ed.cfg.plurals, revisionUrl: (n) => revisionUrl(ed, n),
    restore: (n) => restore(ed, n), say: (text, isError) => say(ed, text, isError),
    canRestore: () => !ed.doc.isDirty(ed), loadOlder: () => loadOlder(ed) });
}

// The page starts with the newest revisions; older ones come a page at a time, before the oldest shown.
async function loadOlder(ed) {
  const shown = ed.st.revisions;
  const oldest = Math.min(...shown.map((r) => r.number));
  const response = await getJson(`${ed.cfg.urls.revisions}?before=${oldest}`);
  if (!response.ok) { say(ed, failure(ed, response, null), true); return; }
  const older = (await response.json()).revisions.filter((r) => r.number < oldest);
  ed.st.revisions = shown.concat(older);
  drawHistory(ed);
}

export async function refreshHistory(ed) {
  // A list drawn meanwhile (a save answers with its own) is newer than this answer: keep it.
  const stamp = ed.st.historyStamp = (ed.st.historyStamp || 0) + 1;
  try {
    const response = await getJson(ed.cfg.urls.revisions);
    if (!response.ok) return;
    const revisions = (await response.json()).revisions;
    if (ed.st.historyStamp === stamp) { ed.st.revisions = revisions; drawHistory(ed); }
  } catch { /* the list stays as it was */ }
}

/** On load: bring back edits this browser kept, or show them against what was saved since. */
export function resumeDraft(ed) {
  const { cfg, st, els, S, doc } = ed;
  const draft = cfg.can_edit ? drafts(ed)[0] : null;
  if (!draft || !Array.isArray(draft[doc.field])) return;
  const items = draft[doc.field];
  if (draft.revision === st.revision && !doc.same(items, st.base)) {
    if (draft.summary) els.summary.value = draft.summary;
    doc.takeDraft(ed, draft);
    els.draft.querySelector("[data-draft-text]").textContent = fmt(S.draft_restored, {
      when: new Date(draft.saved_at).toLocaleString(document.documentElement.lang) });
    els.draft.hidden = false;
    els.draft.querySelector("button").addEventListener("click", () => {
      clearDrafts(ed);
      doc.discardDraft(ed);
      els.draft.hidden = true;
      say(ed, S.draft_discarded);
    });
  } else if (draft.revision < st.revision && !doc.same(items, st.base)) {
    // Someone saved since these edits were made: show both, with the draft's revision as base.
    getJson(revisionUrl(ed, draft.revision))
      .then((r) => (r.ok ? r.json() : {})).catch(() => ({}))
      .then((old) => doc.draftConflict(ed, draft, old[doc.field] || []));
  } else clearDrafts(ed);
}
