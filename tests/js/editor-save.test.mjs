// The saving shared by the subtitle editor and the script page (editor-save.js), with a fake
// document (`ed.doc`), a localStorage in memory and a fetch that answers from a list.
import { beforeEach, test } from "node:test";
import assert from "node:assert/strict";

import { accept, clearDrafts, drafts, failure, restore, resumeDraft, revisionUrl, save, say, writeDraft }
  from "../../localize/web/static/editor-save.js";
import { cueChanges, cueMeta } from "../../localize/web/static/editor-history.js";
import { segmentDoc, segmentMeta } from "../../localize/web/static/script-sync.js";

class MemoryStorage {
  constructor() { this.map = new Map(); }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

const calls = [];
let answers = [];
const answer = (status, body) => ({ ok: status >= 200 && status < 300, status, json: async () => body });

beforeEach(() => {
  globalThis.localStorage = new MemoryStorage();
  calls.length = 0;
  answers = [];
  globalThis.fetch = async (url, init = {}) => {
    calls.push({ url, method: init.method || "GET", body: init.body ? JSON.parse(init.body) : null });
    const next = answers.shift();
    if (!next) throw new Error("offline");
    return next;
  };
});

const element = () => ({ textContent: "", hidden: true, value: "", disabled: false, classes: new Set(),
  classList: { toggle(c, on) { on ? this.owner.classes.add(c) : this.owner.classes.delete(c); } } });
function el() { const e = element(); e.classList.owner = e; return e; }

/** A page of plain {id, text} items with a document that records what the shared code asked of it. */
function page({ items = [{ id: 1, text: "a" }], revision = 3 } = {}) {
  const seen = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const doc = {
    draftPrefix: "localize:test-draft", field: "items",
    items: (ed) => ed.st.items, snapshot: (ed) => ed.st.items.map((i) => ({ ...i })), same,
    isDirty: (ed) => !same(ed.st.items, ed.st.base),
    url: () => "/doc.json", payload: (mine) => mine.map((i) => ({ ...i, wire: true })),
    blocked: (ed) => ed.st.items.some((i) => i.text === "bad") && (say(ed, "fix it", true), true),
    rebase(ed, body) { Object.assign(ed.st, { revision: body.revision, base: body.items }); seen.push("rebase"); },
    show(ed, body) { ed.st.revision = body.revision; ed.st.base = body.items; ed.st.items = body.items; seen.push("show"); },
    invalid: (ed, error) => `invalid: ${error.message}`,
    openConflict: (...args) => seen.push(["conflict", ...args.slice(1)]),
    takeDraft(ed, draft) { ed.st.items = draft.items; seen.push("take"); },
    discardDraft(ed) { ed.st.items = ed.st.base; seen.push("discard"); },
    draftConflict: (ed, draft, old) => seen.push(["draft-conflict", draft.revision, old]),
  };
  const ed = {
    doc, seen, csrf: "tok", draftTimer: 0, changed: () => seen.push("changed"),
    cfg: { key: "u1:t9", can_edit: true, urls: { revisions: "/doc/revisions.json" } },
    S: { nothing_to_save: "Nothing to save", saving: "Saving…", saved: "Saved revision %(n)s", offline: "Offline",
         forbidden: "Not allowed: %(message)s", signed_out: "Signed out", csrf: "Reload", failed: "Failed (%(status)s)",
         restored: "Restored %(from)s as %(n)s", restore_stale: "Stale, now %(n)s", draft_discarded: "Discarded" },
    st: { revision, base: items.map((i) => ({ ...i })), items: items.map((i) => ({ ...i })), revisions: [],
          saving: false, conflict: false },
    els: { message: el(), summary: el(), save: el(), history: null, draft: null },
  };
  return ed;
}

test("a draft is kept per document and revision, only while the page differs from the saved one", () => {
  const ed = page();
  writeDraft(ed);
  assert.equal(localStorage.length, 0);  // nothing unsaved
  ed.st.items[0].text = "b";
  ed.els.summary.value = "typo";
  writeDraft(ed);
  assert.deepEqual(Object.keys(JSON.parse(localStorage.getItem("localize:test-draft:u1:t9:r3"))),
                   ["revision", "items", "summary", "saved_at"]);
  localStorage.setItem("localize:test-draft:u1:t9:r1", JSON.stringify({ revision: 1, items: [] }));
  localStorage.setItem("localize:other:u1:t9:r5", "{}");
  assert.deepEqual(drafts(ed).map((d) => d.revision), [3, 1]);  // newest first, this document's only
  clearDrafts(ed);
  assert.deepEqual([...localStorage.map.keys()], ["localize:other:u1:t9:r5"]);
});

test("a reader keeps no drafts, and a foreign value in storage is no draft", () => {
  const ed = page();
  ed.cfg.can_edit = false;
  ed.st.items[0].text = "b";
  writeDraft(ed);
  assert.equal(localStorage.length, 0);
  localStorage.setItem("localize:test-draft:u1:t9:r2", "not json");
  assert.deepEqual(drafts(ed), []);
});

test("a refused request reads as the reason: signed out, CSRF, forbidden with the server's words, other", () => {
  const ed = page();
  assert.equal(failure(ed, { status: 401 }), "Signed out");
  assert.equal(failure(ed, { status: 400 }), "Reload");
  assert.equal(failure(ed, { status: 403 }, { error: { message: "approved" } }), "Not allowed: approved");
  assert.equal(failure(ed, { status: 403 }, null), "Not allowed: ");
  assert.equal(failure(ed, { status: 500 }), "Failed (500)");
  assert.equal(revisionUrl(ed, 7), "/doc/revisions/7.json");
});

test("save puts the document's payload with the revision and summary, then shows the saved revision", async () => {
  const ed = page();
  ed.st.items[0].text = "b";
  ed.els.summary.value = "  fix  ";
  answers.push(answer(200, { revision: 4, items: [{ id: 1, text: "b" }], revisions: [{ number: 4 }] }));
  await save(ed);
  assert.deepEqual(calls[0], { url: "/doc.json", method: "PUT",
    body: { revision: 3, summary: "fix", items: [{ id: 1, text: "b", wire: true }] } });
  assert.deepEqual(ed.seen, ["show"]);
  assert.equal(ed.st.revision, 4);
  assert.deepEqual(ed.st.revisions, [{ number: 4 }]);
  assert.equal(ed.els.message.textContent, "Saved revision 4");
  assert.equal(ed.els.summary.value, "");
  assert.equal(ed.els.save.disabled, false);
});

test("nothing to save, a blocked page and a read-only page send nothing", async () => {
  const ed = page();
  await save(ed);
  assert.equal(ed.els.message.textContent, "Nothing to save");
  ed.st.items[0].text = "bad";
  await save(ed);
  assert.equal(ed.els.message.textContent, "fix it");
  assert.ok(ed.els.message.classes.has("is-error"));
  ed.cfg.can_edit = false;
  ed.st.items[0].text = "c";
  await save(ed);
  assert.equal(calls.length, 0);
});

test("typing while a save is on its way keeps the new edits on top of the saved revision", async () => {
  const ed = page();
  ed.st.items[0].text = "b";
  answers.push({ ok: true, status: 200, json: async () => {
    ed.st.items[0].text = "typed meanwhile";
    return { revision: 4, items: [{ id: 1, text: "b" }], revisions: [] };
  } });
  await save(ed);
  assert.deepEqual(ed.seen, ["rebase", "changed"]);
  assert.equal(ed.st.revision, 4);
  assert.equal(ed.st.items[0].text, "typed meanwhile");
});

test("a stale save opens the conflict with theirs, mine and the base; 422 and others say why", async () => {
  const ed = page();
  ed.st.items[0].text = "b";
  const theirs = { revision: 5, items: [{ id: 1, text: "z" }] };
  answers.push(answer(412, { theirs }));
  await save(ed);
  assert.deepEqual(ed.seen, [["conflict", theirs, [{ id: 1, text: "b" }], [{ id: 1, text: "a" }], 3, false]]);
  answers.push(answer(422, { error: { message: "too long" } }));
  await save(ed);
  assert.equal(ed.els.message.textContent, "invalid: too long");
  answers.push(answer(401, null));
  await save(ed);
  assert.equal(ed.els.message.textContent, "Signed out");
  await save(ed);  // no answer: the network is down
  assert.equal(ed.els.message.textContent, "Offline");
  assert.equal(ed.st.saving, false);
});

test("restore posts the current revision and shows the new one; a stale restore shows theirs", async () => {
  const ed = page();
  answers.push(answer(201, { revision: 4, items: [{ id: 1, text: "old" }], revisions: [] }));
  await restore(ed, 2);
  assert.deepEqual(calls[0], { url: "/doc/revisions/2/restore", method: "POST", body: { revision: 3 } });
  assert.equal(ed.els.message.textContent, "Restored 2 as 4");
  answers.push(answer(412, { theirs: { revision: 6, items: [], revisions: [] } }));
  await restore(ed, 2);
  assert.equal(ed.st.revision, 6);
  assert.equal(ed.els.message.textContent, "Stale, now 6");
});

test("accept without a revision list asks the server for it", async () => {
  const ed = page();
  answers.push(answer(200, { revisions: [{ number: 9 }] }));
  accept(ed, { revision: 9, items: [] });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls[0].url, "/doc/revisions.json");
  assert.deepEqual(ed.st.revisions, [{ number: 9 }]);
});

test("a draft of an older revision is shown against the revision it was written on", async () => {
  const ed = page();
  localStorage.setItem("localize:test-draft:u1:t9:r2", JSON.stringify({ revision: 2, items: [{ id: 1, text: "x" }] }));
  answers.push(answer(200, { items: [{ id: 1, text: "base" }] }));
  resumeDraft(ed);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls[0].url, "/doc/revisions/2.json");
  assert.deepEqual(ed.seen, [["draft-conflict", 2, [{ id: 1, text: "base" }]]]);
});

test("a draft without the document's list, or equal to the saved one, is dropped or left alone", () => {
  const ed = page();
  localStorage.setItem("localize:test-draft:u1:t9:r3", JSON.stringify({ revision: 3, cues: [] }));
  resumeDraft(ed);
  assert.deepEqual(ed.seen, []);
  localStorage.setItem("localize:test-draft:u1:t9:r3", JSON.stringify({ revision: 3, items: [{ id: 1, text: "a" }] }));
  resumeDraft(ed);
  assert.equal(localStorage.length, 0);  // nothing in it: cleared
});

test("each editor names the counts of a revision and the line above a changed item its own way", () => {
  const plurals = { added: { one: "%(num)s added", other: "%(num)s added" },
                    removed: { one: "%(num)s removed", other: "%(num)s removed" },
                    changed: { one: "%(num)s changed", other: "%(num)s changed" },
                    cues_count: { one: "%(num)s cue", other: "%(num)s cues" } };
  assert.deepEqual(cueChanges({ changes: { added: 2 }, cues: 1 }, { plurals }),
                   { counts: "2 added, 0 removed, 0 changed", total: "1 cue" });
  assert.equal(cueMeta({ start_ms: 1000, end_ms: 2500 }), "00:00:01.000 → 00:00:02.500");
  const strings = { changes: "+%(added)s −%(removed)s ~%(changed)s", segments_count: "%(n)s segments" };
  assert.deepEqual(segmentDoc.history.changes({ changes: { changed: 3 }, segments: 12 }, { strings }),
                   { counts: "+0 −0 ~3", total: "12 segments" });
  assert.equal(segmentDoc.history.meta({ speaker: "Ethan", status: "cut", note: "too long" }), "ETHAN · cut · “too long”");
  assert.equal(segmentMeta({ kind: "dialogue", character: { name: "Claire" }, status: "new" }), "CLAIRE · new");
  assert.equal(segmentMeta({ kind: "action", speaker: "Ethan", status: "new" }), "new");
});
