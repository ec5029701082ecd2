// Keeping the script page and the server in step: drafts in this browser, saving, the conflict
// panel when a save is stale (412), restoring revisions, the history panel. Unsaved edits stay
// in localStorage (per user, script and revision) until a save succeeds.
import { fmt } from "./editor-text.js";
import { defaultChoice, pairSegments, resolve, sameSegments, segmentKey, wire } from "./script-diff.js";

const draftPrefix = (ed) => `localize:script-draft:${ed.cfg.key}:r`;
const copy = (segments) => segments.map((s) => ({ ...s }));

export function say(ed, text, isError = false) {
  const el = ed.els.message;
  el.textContent = text;
  el.hidden = !text;
  el.classList.toggle("is-error", isError);
}

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
    localStorage.setItem(key, JSON.stringify({ revision: ed.st.revision, segments: ed.st.segments,
      summary: ed.els.summary.value, saved_at: new Date().toISOString() }));
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

function failure(ed, response, body) {
  if (response.status === 403) return fmt(ed.S.forbidden, { message: body?.error?.message || "" });
  return { 401: ed.S.signed_out, 400: ed.S.csrf }[response.status] || fmt(ed.S.failed, { status: response.status });
}

const revisionUrl = (ed, n) => ed.cfg.urls.revisions.replace(/\.json$/, `/${n}.json`);
const getJson = (url) => fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });

/** Show the server's state of the script (after a save, a restore, or taking theirs). */
export function accept(ed, body) {
  const { st } = ed;
  st.revision = body.revision;
  st.base = copy(body.segments);
  st.segments = copy(body.segments);
  st.checks = body.checks || [];
  Object.assign(st.sources, body.sources || {});
  st.stale.clear();
  ed.render();
  if (body.revisions) { st.revisions = body.revisions; drawHistory(ed); } else refreshHistory(ed);
}

export async function save(ed) {
  const { st, els, S } = ed;
  if (!ed.cfg.can_edit || st.saving || st.conflict) return;
  const cut = st.segments.findIndex((s) => s.status === "cut" && !(s.note || "").trim());
  if (cut >= 0) {
    say(ed, fmt(S.cut_needs_note, { n: cut + 1 }), true);
    els.list.children[cut]?.querySelector("[data-field='note']")?.focus();
    return;
  }
  if (!isDirty(ed)) { say(ed, S.nothing_to_save); return; }
  st.saving = true;
  els.save.disabled = true;
  say(ed, S.saving);
  const mine = copy(st.segments);
  let result;
  try {
    result = await send(ed, ed.cfg.urls.script, "PUT",
                        { revision: st.revision, summary: els.summary.value.trim(), segments: mine.map(wire) });
  } catch {
    say(ed, S.offline, true);
    return;
  } finally {
    st.saving = false;
    els.save.disabled = st.conflict;
  }
  const { response, body } = result;
  if (response.ok && body && !sameSegments(st.segments, mine)) {
    // Typed while the save was on its way: keep those edits on top of the saved revision.
    Object.assign(st, { revision: body.revision, base: copy(body.segments), checks: body.checks,
                        revisions: body.revisions });
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
    const details = (body.error.details || []).map((d) => fmt(S.segment_problem, { segment: "?", field: "", ...d }));
    say(ed, fmt(S.invalid, { details: details.join("; ") || body.error.message }), true);
  } else {
    say(ed, failure(ed, response, body), true);
  }
}

/** Theirs beside mine; the chosen segments are saved on top of their revision (or simply shown). */
export function openConflict(ed, theirs, mine, base, mineRevision, fromDraft) {
  const { st, els, S } = ed;
  st.conflict = true;
  els.root.classList.add("in-conflict");
  els.save.disabled = true;
  Object.assign(st.sources, theirs.sources || {});
  const intro = fmt(fromDraft ? S.conflict_draft_intro : S.conflict_intro,
                    { author: (theirs.latest || {}).author || "?", n: theirs.revision, mine: mineRevision });
  showConflict(ed, { theirs, mine, base, intro }, (segments) => {
    st.conflict = false;
    els.root.classList.remove("in-conflict");
    els.save.disabled = false;
    if (sameSegments(segments, theirs.segments)) {
      clearDrafts(ed);
      accept(ed, theirs);
      say(ed, fmt(S.took_theirs, { n: theirs.revision }));
      return;
    }
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

function describe(seg, S) {
  if (!seg) return "";
  const who = seg.kind === "dialogue" ? (seg.character?.name || seg.speaker || "") : "";
  return [who && who.toUpperCase(), seg.status, seg.note && `“${seg.note}”`].filter(Boolean).join(" · ");
}

function showConflict(ed, { theirs, mine, base, intro }, onDone) {
  const S = ed.S, panel = ed.els.conflict;
  const baseKeys = new Map(base.filter((s) => s.id != null).map((s) => [s.id, segmentKey(s)]));
  const pairs = pairSegments(theirs.segments, mine);
  pairs.forEach((p) => { p.choice = defaultChoice(p, baseKeys); });
  const list = panel.querySelector("[data-conflict-list]");
  const template = document.getElementById("tpl-conflict-row");
  list.replaceChildren();
  let shown = 0;
  pairs.forEach((pair, index) => {
    if (pair.same) return;
    shown++;
    const row = template.content.firstElementChild.cloneNode(true);
    row.querySelector("[data-num]").textContent = `#${index + 1}`;
    for (const side of ["theirs", "mine"]) {
      const box = row.querySelector(`[data-side="${side}"]`);
      const seg = pair[side];
      const radio = box.querySelector("input");
      radio.name = `pick-${index}`;
      radio.checked = pair.choice === side;
      radio.addEventListener("change", () => { pair.choice = side; row.dataset.choice = side; });
      box.querySelector("[data-times]").textContent = describe(seg, S);
      box.querySelector("[data-text]").textContent = seg ? seg.text || "∅"
        : (pair[side === "mine" ? "theirs" : "mine"] ? S.deleted : S.absent);
      box.classList.toggle("missing", !seg);
    }
    row.dataset.choice = pair.choice;
    list.append(row);
  });
  panel.querySelector("[data-conflict-intro]").textContent = intro;
  const same = pairs.length - shown;
  const sameNote = panel.querySelector("[data-conflict-same]");
  sameNote.textContent = same ? fmt(S.conflict_same, { n: same }) : "";
  sameNote.hidden = !same;
  const finish = (forced) => {
    if (forced) pairs.forEach((p) => { p.choice = p.same ? "theirs" : forced; });
    panel.hidden = true;
    onDone(resolve(pairs));
  };
  for (const button of panel.querySelectorAll("[data-conflict]")) {
    button.onclick = () => finish(button.dataset.conflict === "apply" ? null : button.dataset.conflict);
  }
  panel.hidden = false;
  panel.scrollIntoView({ block: "start" });
  panel.querySelector("[data-conflict='mine']").focus({ preventScroll: true });
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
  const list = ed.els.history;
  ed.st.historyStamp = (ed.st.historyStamp || 0) + 1;
  if (!list) return;
  const S = ed.S, current = ed.st.revision;
  const template = document.getElementById("tpl-revision");
  list.replaceChildren();
  for (const rev of ed.st.revisions) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.revision = rev.number;
    item.querySelector("[data-rev-num]").textContent = fmt(S.revision_label, { n: rev.number });
    item.querySelector("[data-rev-author]").textContent = rev.author;
    item.querySelector("[data-rev-when]").textContent = rev.when;
    item.querySelector("[data-rev-summary]").textContent = rev.summary;
    const ch = rev.changes || {};
    let changes = fmt(S.changes, { added: ch.added || 0, removed: ch.removed || 0, changed: ch.changed || 0 });
    if (ch.restored_from) changes += ` · ${fmt(S.restored_from, { n: ch.restored_from })}`;
    item.querySelector("[data-rev-changes]").textContent = `${changes} · ${fmt(S.segments_count, { n: rev.segments })}`;
    const isCurrent = rev.number === current;
    item.querySelector("[data-rev-current]").hidden = !isCurrent;
    item.classList.toggle("is-current", isCurrent);
    const diffButton = item.querySelector("[data-rev-diff]");
    const diffList = item.querySelector("[data-rev-diffs]");
    diffButton.addEventListener("click", () => toggleDiff(ed, rev.number, diffButton, diffList));
    const restoreButton = item.querySelector("[data-rev-restore]");
    if (restoreButton) {
      if (isCurrent) restoreButton.remove();
      else {
        restoreButton.title = fmt(S.restore_title, { n: rev.number });
        restoreButton.addEventListener("click", () => {
          if (isDirty(ed)) { say(ed, S.restore_dirty, true); return; }
          restoreButton.disabled = true;
          restore(ed, rev.number).finally(() => { restoreButton.disabled = false; });
        });
      }
    }
    list.append(item);
  }
  const oldest = ed.st.revisions.length ? ed.st.revisions[ed.st.revisions.length - 1].number : 1;
  if (oldest > 1) {
    const more = document.createElement("li");
    more.className = "history-more";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button small";
    button.dataset.historyOlder = "";
    button.textContent = S.older_revisions;
    button.addEventListener("click", () => {
      button.disabled = true;
      loadOlder(ed).finally(() => { button.disabled = false; });
    });
    more.append(button);
    list.append(more);
  }
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

async function toggleDiff(ed, number, button, list) {
  const S = ed.S;
  if (!list.hidden) {
    list.hidden = true;
    button.textContent = S.show_diff;
    button.setAttribute("aria-expanded", "false");
    return;
  }
  list.hidden = false;
  button.textContent = S.hide_diff;
  button.setAttribute("aria-expanded", "true");
  list.replaceChildren(line("muted", S.loading));
  try {
    const response = await getJson(revisionUrl(ed, number));
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    list.replaceChildren();
    if (!body.diff.length) list.append(line("muted", S.no_diff));
    for (const d of body.diff) list.append(diffItem(d, S));
  } catch {
    list.replaceChildren(line("bad", S.load_failed));
  }
}

function line(cls, text) {
  const li = document.createElement("li");
  li.className = cls;
  li.textContent = text;
  return li;
}

function diffItem(d, S) {
  const li = document.createElement("li");
  li.className = `diff-op op-${d.op}`;
  const head = document.createElement("div");
  head.className = "diff-head";
  head.textContent = `#${d.position} · ${S[`op_${d.op}`] || d.op}`;
  li.append(head);
  for (const [seg, tag] of [[d.old, "del"], [d.new, "ins"]]) {
    if (!seg) continue;
    const box = document.createElement(tag);
    const meta = document.createElement("span");
    meta.className = "diff-times";
    meta.textContent = [seg.speaker && seg.speaker.toUpperCase(), seg.status, seg.note && `“${seg.note}”`]
      .filter(Boolean).join(" · ");
    const text = document.createElement("span");
    text.className = "diff-text";
    text.textContent = seg.text || "∅";
    box.append(meta, text);
    li.append(box);
  }
  return li;
}

/** On load: bring back edits this browser kept, or show them against what was saved since. */
export function resumeDraft(ed) {
  const { cfg, st, els, S } = ed;
  const draft = cfg.can_edit ? drafts(ed)[0] : null;
  if (!draft || !Array.isArray(draft.segments)) return;
  if (draft.revision === st.revision && !sameSegments(draft.segments, st.base)) {
    st.segments = copy(draft.segments);
    if (draft.summary) els.summary.value = draft.summary;
    ed.render();
    els.draft.querySelector("[data-draft-text]").textContent = fmt(S.draft_restored, {
      when: new Date(draft.saved_at).toLocaleString(document.documentElement.lang) });
    els.draft.hidden = false;
    els.draft.querySelector("button").addEventListener("click", () => {
      clearDrafts(ed);
      st.segments = copy(st.base);
      ed.render();
      els.draft.hidden = true;
      say(ed, S.draft_discarded);
    });
  } else if (draft.revision < st.revision && !sameSegments(draft.segments, st.base)) {
    // Someone saved since these edits were made: show both, with the draft's revision as base.
    getJson(revisionUrl(ed, draft.revision))
      .then((r) => (r.ok ? r.json() : { segments: [] })).catch(() => ({ segments: [] }))
      .then((old) => {
        const theirs = { revision: st.revision, segments: cfg.segments, sources: cfg.sources, checks: cfg.checks,
                         latest: cfg.revisions[0] };
        openConflict(ed, theirs, draft.segments, old.segments || [], draft.revision, true);
      });
  } else clearDrafts(ed);
}
