// The script page. The page renders its data (segments with their sources, check findings,
// history, sentences in the reader's language) into #script-data; this script shows the
// original beside the adaptation, edits text, notes and statuses in place, and saves through
// the page's JSON endpoints with the CSRF header.
//   script-diff.js  word diff of a changed source, segment keys, conflict pairing (pure)
//   editor-save.js  drafts in this browser, save, restore, history (shared with editor.js)
//   script-sync.js  the segments as editor-save.js sees them, the bar; the conflict panel
import { fmt } from "./editor-text.js";
import { markTerms } from "./editor-glossary.js";
import { wordDiff } from "./script-diff.js";
import { draftSoon, drawHistory, resumeDraft, save, say } from "./editor-save.js";
import { segmentDoc, updateBar } from "./script-sync.js";
import { startMemory } from "./editor-memory.js";

const copy = (segments) => segments.map((s) => ({ ...s }));

const dataBlock = document.getElementById("script-data");
if (dataBlock) start(JSON.parse(dataBlock.textContent));

function start(cfg) {
  const $ = (id) => document.getElementById(id);
  const ed = {
    cfg, S: cfg.strings, draftTimer: 0, doc: segmentDoc,
    csrf: document.querySelector('meta[name="csrf-token"]')?.content || "",
    st: { revision: cfg.revision, base: copy(cfg.segments), segments: copy(cfg.segments), checks: cfg.checks,
          stale: new Set(), saving: false, conflict: false, revisions: cfg.revisions, sources: { ...cfg.sources } },
    els: { list: $("segments"), summary: $("ed-summary"), save: $("ed-save"), root: $("editor"),
           rowTemplate: $("tpl-segment"), revision: $("ed-revision"), count: $("ed-count"), checks: $("ed-checks"),
           state: $("ed-state"), message: $("ed-message"), draft: $("ed-draft"), conflict: $("conflict"),
           history: $("history") },
    changed() {
      updateBar(ed);
      draftSoon(ed);
    },
    render: () => renderAll(ed),
  };
  const { st, els } = ed;
  const indexOf = (row) => Number(row.dataset.index);

  els.list.addEventListener("input", (event) => {
    const field = event.target.dataset.field;
    const row = event.target.closest(".seg");
    const seg = row && st.segments[indexOf(row)];
    if (!seg || !field || field === "status") return;
    seg[field] = event.target.value;
    if (field === "text" && !ed.cfg.original && ["new", "machine", "fuzzy"].includes(seg.status)
        && seg.text.trim()) {
      seg.status = "translated";  // typing an adaptation adapts the line
    }
    st.stale.add(indexOf(row));
    fillRow(ed, row, seg, indexOf(row));
    ed.changed();
  });

  els.list.addEventListener("change", (event) => {
    if (event.target.dataset.field !== "status") return;
    const row = event.target.closest(".seg");
    const seg = st.segments[indexOf(row)];
    seg.status = event.target.value;
    fillRow(ed, row, seg, indexOf(row));
    ed.changed();
  });

  els.list.addEventListener("click", (event) => {
    const row = event.target.closest(".seg");
    if (!row) return;
    const seg = st.segments[indexOf(row)];
    const set = event.target.closest("[data-set-status]");
    if (set) {
      seg.status = set.dataset.setStatus;
      fillRow(ed, row, seg, indexOf(row));
      ed.changed();
    } else if (event.target.closest("[data-confirm]")) {
      seg.confirmed = true;
      fillRow(ed, row, seg, indexOf(row));
      row.querySelector("textarea").focus({ preventScroll: true });
      ed.changed();
    }
  });

  $("ed-approve-all")?.addEventListener("click", () => {
    let n = 0;
    st.segments.forEach((s) => { if (s.status === "translated") { s.status = "approved"; n++; } });
    if (!n) { say(ed, ed.S.approve_all_none); return; }
    renderAll(ed);
    ed.changed();
    say(ed, fmt(ed.S.approve_all_done, { n }));
  });

  els.save?.addEventListener("click", () => save(ed));
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      save(ed);
    }
  });

  renderAll(ed);
  drawHistory(ed);
  resumeDraft(ed);
  // --- memory and machine suggestions for the focused line (editor-memory.js) ---
  startMemory({ list: els.list, row: ".seg", cfg: cfg.memory, describe: (row) => {
    const seg = st.segments[indexOf(row)];
    if (!seg || !seg.source || !seg.source.text) return null;
    const context = (cfg.memory && cfg.memory.context[String(seg.source.id)]) || {};
    return { key: String(seg.source.id), text: seg.source.text, previous: context.previous, speaker: context.speaker };
  } });
}

// --- rows ------------------------------------------------------------------------------------

function renderAll(ed) {
  const { st, els } = ed;
  const rows = st.segments.map((seg, i) => {
    const row = els.rowTemplate.content.firstElementChild.cloneNode(true);
    row.dataset.index = i;
    row.dataset.id = seg.id ?? "";
    row.setAttribute("aria-label", fmt(ed.S.segment_aria, { n: i + 1 }));
    fillSource(ed, row, seg);
    fillRow(ed, row, seg, i);
    return row;
  });
  els.list.replaceChildren(...rows);
  updateBar(ed);
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}

function fillSource(ed, row, seg) {
  const cell = row.querySelector("[data-source]");
  if (ed.cfg.original) { cell.remove(); return; }
  cell.replaceChildren();
  if (!seg.source) { cell.append(el("p", "muted small src-added", ed.S.added_line)); return; }
  const info = ed.st.sources[String(seg.source.id)] || {};
  cell.classList.add(`kind-${info.kind || seg.kind}`);
  if (info.kind === "dialogue" && info.speaker) {
    cell.append(el("span", "src-speaker", `${info.speaker.toUpperCase()}${info.extension ? ` (${info.extension})` : ""}`));
  }
  if (info.parenthetical) cell.append(el("span", "src-paren", `(${info.parenthetical})`));
  cell.append(markTerms(el("span", "src-text"), seg.source.text || "∅", ed.cfg.glossary, ed.S));
  if (seg.source.removed) cell.append(el("span", "chip bad-chip src-removed", ed.S.source_removed));
}

/** Whether a translator may not touch a segment: it is stored approved (leads change it). */
function locked(ed, seg) {
  if (ed.cfg.original || ed.cfg.can_review) return false;
  const stored = ed.st.base.find((b) => b.id != null && b.id === seg.id);
  return Boolean(stored && stored.status === "approved");
}

function fillRow(ed, row, seg, index) {
  const { cfg, S } = ed;
  const lock = !cfg.can_edit || locked(ed, seg);
  row.querySelector("[data-num]").textContent = String(index + 1);
  row.dataset.kind = seg.kind;
  row.dataset.status = seg.status || "";
  row.classList.toggle("is-locked", cfg.can_edit && lock);
  row.querySelector("[data-kind]").textContent = cfg.kinds[seg.kind] || seg.kind;
  row.querySelector("[data-speaker]").textContent = seg.kind === "dialogue" && seg.character ? seg.character.name : "";
  row.querySelector("[data-extension]").textContent = seg.extension ? `(${seg.extension})` : "";
  const badge = row.querySelector("[data-status-badge]");
  badge.textContent = cfg.statuses[seg.status] || seg.status || "";
  badge.className = `chip seg-status st-${seg.status}`;
  badge.hidden = cfg.original;

  const outdated = Boolean(seg.outdated && !seg.confirmed && seg.source);
  row.classList.toggle("is-outdated", outdated);
  row.querySelector("[data-outdated-chip]").hidden = !outdated;
  const banner = row.querySelector("[data-outdated]");
  banner.hidden = !outdated;
  if (outdated) {
    banner.querySelector("[data-removed]").hidden = !seg.source.removed;
    const diff = banner.querySelector("[data-diff]");
    diff.replaceChildren(...wordDiff(seg.source.written_against || "", seg.source.text || "").map((run) =>
      el(run.op === "same" ? "span" : run.op, null, run.text)));
    diff.hidden = Boolean(seg.source.removed);
  }

  const paren = row.querySelector("[data-paren-row]");
  const sourceParen = seg.source && (ed.st.sources[String(seg.source.id)] || {}).parenthetical;
  // A parenthetical field where the line or its source has one (or the original's own dialogue).
  // Decided when the row is drawn, so clearing the field while typing does not hide it.
  if (!row.dataset.parenDecided) {
    paren.hidden = seg.kind !== "dialogue" || !(seg.parenthetical || sourceParen || (cfg.original && cfg.can_edit));
    row.dataset.parenDecided = "1";
  }
  const parenInput = paren.querySelector("input");
  if (parenInput.value !== (seg.parenthetical || "")) parenInput.value = seg.parenthetical || "";
  parenInput.readOnly = lock;
  const text = row.querySelector("textarea");
  if (text.value !== (seg.text || "")) text.value = seg.text || "";
  text.readOnly = lock;
  text.rows = Math.min(8, Math.max(seg.kind === "dialogue" || seg.kind === "action" ? 2 : 1,
                                   Math.ceil((seg.text || "").length / 70)));

  const status = row.querySelector("[data-field='status']");
  if (status) {
    status.value = seg.status || "new";
    status.disabled = lock;
    for (const option of status.options) {
      // Translators mark lines translated or cut; reviewed and approved are a lead's.
      option.disabled = !cfg.can_review && ["reviewed", "approved"].includes(option.value) && option.value !== seg.status;
    }
  }
  const note = row.querySelector("[data-field='note']");
  if (note) {
    if (note.value !== (seg.note || "")) note.value = seg.note || "";
    note.readOnly = lock;
    note.required = seg.status === "cut";
    if (seg.status === "cut" && !(seg.note || "").trim()) note.setAttribute("aria-invalid", "true");
    else note.removeAttribute("aria-invalid");
  }
  for (const button of row.querySelectorAll("[data-set-status]")) {
    button.hidden = seg.status === button.dataset.setStatus || seg.status === "cut";
  }
  row.querySelector("[data-locked]").hidden = !(cfg.can_edit && lock);
  fillFindings(ed, row, index);
}

function fillFindings(ed, row, index) {
  const list = row.querySelector("[data-findings]");
  const mine = ed.st.checks.filter((f) => f.segment === index + 1);
  list.classList.toggle("stale", ed.st.stale.has(index));
  list.title = ed.st.stale.has(index) ? ed.S.checks_stale : "";
  list.replaceChildren(...mine.map((f) => {
    const item = el("li", `finding sev-${f.severity}`,
                    fmt(ed.cfg.rules[f.rule] || f.rule, { value: f.value ?? "", limit: f.limit ?? "" }));
    item.dataset.rule = f.rule;
    item.title = f.message;
    return item;
  }));
  row.classList.toggle("has-error", mine.some((f) => f.severity === "error"));
}
