// The cue list of the subtitle editor: one row per target cue beside its source cue(s), with
// the live counters and the QC findings of the last save. `ed` is the editor's shared state
// (see editor.js): cfg, strings, preset, st (cues, revision...), els (page elements).
import { checkCues, countFindings } from "./editor-qc.js";
import { cueKey, fmt, formatTime, measure, num, plain, plural, sameCues, stripTags } from "./editor-text.js";
import { cueGlossaryFindings, markTerms } from "./editor-glossary.js";

const MS_RULES = new Set(["min_duration", "max_duration", "min_gap", "overlap", "past_episode_end", "ends_before_start"]);
let uid = 0;

/** An editable copy of a cue, with the findings the server reported for it. */
export function working(cue, findings = []) {
  return { ...plain(cue), uid: ++uid, findings, checked: cueKey(cue), bad: {}, raw: {} };
}

/** Working copies of `cues`; a cue as it was checked (same place, same key) keeps its findings. */
export function attach(cues, checkedCues, qc) {
  return cues.map((cue, i) => {
    const same = checkedCues[i] && cueKey(checkedCues[i]) === cueKey(cue);
    return working(cue, same ? qc.filter((f) => f.cue === i + 1) : []);
  });
}

export const isDirty = (ed) => ed.st.cues.some((c) => c.bad.start || c.bad.end) || !sameCues(ed.st.cues, ed.st.base);

export function sourcesFor(ed, index) {
  const src = ed.cfg.source ? ed.cfg.source.cues : [];
  if (!src.length) return [];
  if (src.length === ed.st.cues.length) return [src[index]];  // aligned by position
  const cue = ed.st.cues[index];  // counts differ: the source cues overlapping this cue's time
  return src.filter((s) => s.start_ms < cue.end_ms && s.end_ms > cue.start_ms);
}

export function fillSource(ed, row, index) {
  const box = row.querySelector("[data-source]");
  const found = sourcesFor(ed, index);
  box.replaceChildren(...found.map((s) => {
    const div = document.createElement("div");
    div.className = "src-cue";
    const times = document.createElement("span");
    times.className = "src-times";
    times.textContent = `#${ed.cfg.source.cues.indexOf(s) + 1} · ${formatTime(s.start_ms)} → ${formatTime(s.end_ms)}`;
    const text = document.createElement("div");
    text.className = "src-text";
    markTerms(text, s.text, ed.cfg.glossary, ed.S);  // the glossary's terms underlined
    div.append(times, text);
    return div;
  }));
  if (!found.length) {
    const none = document.createElement("span");
    none.className = "muted small";
    none.textContent = ed.S.no_source;
    box.append(none);
  }
}

function setMeter(row, name, text, over, title) {
  const el = row.querySelector(`[data-meter="${name}"]`);
  el.textContent = text;
  el.classList.toggle("over", over);
  el.title = title;
}

export function updateMeters(ed, row, cue) {
  const { S, P } = ed;
  const m = measure(cue, P);
  setMeter(row, "chars", fmt(S.chars, { n: num(m.longest), max: P.max_chars_per_line }), m.over.chars,
           fmt(S.chars_title, { max: P.max_chars_per_line }));
  setMeter(row, "lines", fmt(S.lines, { n: m.lines, max: P.max_lines }), m.over.lines, "");
  setMeter(row, "cps", fmt(S.cps, { n: num(m.cps), max: num(P.max_cps) }), m.over.cps,
           fmt(S.cps_title, { max: num(P.max_cps) }));
  setMeter(row, "duration", fmt(S.duration, { n: num(m.duration / 1000, 2) }), m.over.duration,
           fmt(S.duration_title, { min: num(P.min_duration_ms / 1000, 3), max: num(P.max_duration_ms / 1000, 3) }));
}

const show = (f, v) => (typeof v !== "number" ? v : MS_RULES.has(f.rule) ? `${num(v / 1000, 3)} s` : num(v, 2));

function findingText(ed, f) {
  const label = ed.cfg.rules[f.rule] || f.rule;
  if (f.rule === "empty_cue" || f.rule === "untranslated") return label;
  return f.limit === null || f.limit === undefined ? `${label}: ${show(f, f.value)}` : `${label}: ${show(f, f.value)} / ${show(f, f.limit)}`;
}

/** What a finding means, in the reader's language, from its rule, value and limit. */
export function findingTitle(ed, f) {
  const seconds = (v) => (typeof v === "number" ? num(v / 1000, 3) : v);
  const timed = MS_RULES.has(f.rule);
  const values = { value: timed ? seconds(f.value) : show(f, f.value), limit: timed ? seconds(f.limit) : show(f, f.limit) };
  if (f.rule === "lines_per_cue" && ed.cfg.plurals) return plural(ed.cfg.plurals.lines_per_cue_msg, f.value, { limit: f.limit });
  const template = (ed.cfg.qc_messages || {})[f.rule];
  return template ? fmt(template, values) : f.message || "";
}

/** The findings of a cue: live while typing, the server's after a save. */
export function fillFindings(ed, row, cue) {
  const box = row.querySelector("[data-findings]");
  box.replaceChildren(...cue.findings.map((f) => {
    const li = document.createElement("li");
    li.className = `finding sev-${f.severity}`;
    li.textContent = findingText(ed, f);
    li.title = findingTitle(ed, f);
    return li;
  }));
  // Checked in this browser since the last save (the server checks again at save).
  const live = cue.findings.length > 0 && cueKey(cue) !== cue.checked;
  box.classList.toggle("stale", live);
  box.title = live ? ed.S.qc_stale : "";
  row.classList.toggle("has-error", cue.findings.some((f) => f.severity === "error"));
}

const findingsKey = (findings) => findings.map((f) => `${f.rule}|${f.severity}|${f.value}|${f.limit}`).join("\n");

/**
 * Live QC: check every cue as it stands (a cue's overlaps and gaps depend on the others) and
 * redraw the findings of the rows whose findings changed. The server's findings come back at save.
 */
export function recheck(ed, draw = true) {
  const { st, els } = ed;
  const ctx = ed.cfg.qc_context || {};
  const found = checkCues(st.cues, ed.P, { episodeDurationMs: ctx.episode_duration_ms ?? null,
                                           renamedNames: ctx.renamed_names || null });
  found.push(...cueGlossaryFindings(ed.cfg.glossary, st.cues, (i) => sourcesFor(ed, i), stripTags));
  const byCue = st.cues.map(() => []);
  for (const f of found) byCue[f.cue - 1].push(f);
  st.cues.forEach((cue, i) => {
    if (findingsKey(cue.findings) === findingsKey(byCue[i]) && cue.live === cueKey(cue)) return;
    cue.findings = byCue[i];
    cue.live = cueKey(cue);
    const row = draw && els.list.children[i];
    if (row) fillFindings(ed, row, cue);
  });
}

function buildRow(ed, cue, index) {
  const row = ed.els.rowTemplate.content.firstElementChild.cloneNode(true);
  row.dataset.uid = cue.uid;
  row.setAttribute("aria-label", fmt(ed.S.cue_aria, { n: index + 1 }));
  row.querySelector("[data-num]").textContent = index + 1;
  const field = (name) => row.querySelector(`[data-field="${name}"]`);
  for (const name of ["start", "end"]) {
    field(name).value = cue.raw[name] ?? formatTime(cue[`${name}_ms`]);
    if (cue.bad[name]) field(name).setAttribute("aria-invalid", "true");
  }
  field("text").value = cue.text;
  field("status").value = cue.status || "";
  if (!ed.cfg.can_edit) {
    for (const name of ["start", "end", "text"]) field(name).readOnly = true;
    field("status").disabled = true;
  }
  fillSource(ed, row, index);
  updateMeters(ed, row, cue);
  fillFindings(ed, row, cue);
  return row;
}

export function markCurrent(ed) {
  for (const row of ed.els.list.querySelectorAll(".cue.current")) row.classList.remove("current");
  ed.els.list.children[ed.st.current]?.classList.add("current");
}

/** The bar above the cues: revision, counts, QC totals, saved or not. */
export function updateBar(ed) {
  const { S, st, els } = ed;
  const dirty = ed.cfg.can_edit && isDirty(ed);
  els.revision.textContent = fmt(S.revision_label, { n: st.revision });
  const Pl = ed.cfg.plurals;
  els.count.textContent = plural(Pl.cues_count, st.cues.length);
  // Track-wide findings (an ignored QC override) count too, as the server's stored counts do.
  const { errors, warnings } = countFindings(st.cues.flatMap((c) => c.findings).concat(ed.trackQc || []));
  els.qc.textContent = `${plural(Pl.errors, errors)} · ${plural(Pl.warnings, warnings)}`;
  els.qc.classList.toggle("bad", errors > 0);
  if (els.state) {
    els.state.textContent = dirty ? S.unsaved : S.all_saved;
    els.state.classList.toggle("dirty", dirty);
  }
  els.root.classList.toggle("is-dirty", dirty);
}

// A long track (a 1,500-cue film) opens at once: the first screenful of rows (and the current
// row) is drawn now, the rest in chunks between frames, with a loading note until all are there.
const FIRST_ROWS = 60;
const CHUNK_ROWS = 150;
const later = (fn) => (window.requestIdleCallback ? window.requestIdleCallback(fn, { timeout: 100 })
                                                  : window.requestAnimationFrame(() => setTimeout(fn, 0)));

function setLoading(ed, shown, total = 0) {
  const note = ed.els.loading;
  ed.els.list.setAttribute("aria-busy", shown ? "true" : "false");
  ed.els.root.classList.toggle("is-loading", shown);
  if (!note) return;
  note.hidden = !shown;
  note.textContent = shown ? fmt(ed.S.loading_cues, { n: num(ed.els.list.children.length), total: num(total) }) : "";
}

export function renderAll(ed) {
  const { st, els } = ed;
  const cues = st.cues;
  const run = (ed.renderRun = (ed.renderRun || 0) + 1);  // a newer render stops this one's chunks
  st.current = Math.max(0, Math.min(st.current, cues.length - 1));
  let next = Math.min(cues.length, Math.max(FIRST_ROWS, st.current + 20));
  els.list.replaceChildren(...cues.slice(0, next).map((cue, i) => buildRow(ed, cue, i)));
  markCurrent(ed);
  updateBar(ed);
  if (next >= cues.length) {
    setLoading(ed, false);
    return;
  }
  setLoading(ed, true, cues.length);
  const step = () => {
    if (run !== ed.renderRun) return;
    const end = Math.min(next + CHUNK_ROWS, cues.length);
    const rows = document.createDocumentFragment();
    for (let i = next; i < end; i += 1) rows.append(buildRow(ed, cues[i], i));
    els.list.append(rows);
    next = end;
    if (next < cues.length) {
      setLoading(ed, true, cues.length);
      later(step);
    } else {
      setLoading(ed, false);
      markCurrent(ed);
    }
  };
  later(step);
}
