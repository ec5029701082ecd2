// Suggestions for the focused line of the subtitle editor and the script page: translation memory
// matches (score, kind, where they come from, the difference between their source and this one)
// and the machine's suggestion when the server has one. Ctrl+Shift+Enter (⌘+Shift+Enter) or a
// click inserts one into the focused text field through the editor's own input path, so saving,
// statuses, revisions and conflicts work as for typed text.
//   host = { list, row: CSS selector of a row, describe(row) -> {key, text, previous, speaker} | null,
//            cfg: the page's `memory` data (locales, urls, strings, speaker names) }
import { tokens } from "./script-diff.js";

const DEBOUNCE_MS = 180;
const MAX_CELLS = 250000;
const fold = (token) => token.toLocaleLowerCase();

/**
 * How a match's source differs from this source, word by word: runs of {op, text} where "same"
 * text is this source's, "del" is in the match's source only and "ins" in this source only.
 * Words compare ignoring case, as the score does.
 */
export function sourceDiff(matchSource, source) {
  const a = tokens(matchSource), b = tokens(source);
  const runs = [];
  const push = (op, text) => {
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.text += text; else runs.push({ op, text });
  };
  if (a.length * b.length > MAX_CELLS) {
    if (matchSource) push("del", matchSource);
    if (source) push("ins", source);
    return runs;
  }
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = fold(a[i]) === fold(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (fold(a[i]) === fold(b[j])) { push("same", b[j]); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) push("del", a[i++]);
    else push("ins", b[j++]);
  }
  while (i < n) push("del", a[i++]);
  while (j < m) push("ins", b[j++]);
  // A space alone between two changes reads as part of them.
  return runs.filter((run, k) => !(run.op === "same" && !run.text.trim() && k > 0 && k < runs.length - 1
                                   && runs[k - 1].op !== "same" && runs[k + 1].op !== "same"));
}

/** The query of a lookup: locales, text and the context that makes a 101. */
export function lookupQuery(cfg, line) {
  const q = new URLSearchParams({ source_locale: cfg.source_locale, target_locale: cfg.target_locale, text: line.text });
  if (line.previous) q.set("previous", line.previous);
  if (line.speaker) q.set("speaker", String(line.speaker));
  return q.toString();
}

/** The suggestions in the order a key inserts them: memory matches best first, then the machine. */
export function ranked(result) {
  const out = (result.matches || []).map((m) => ({ text: m.target, kind: m.kind, score: m.score }));
  if (result.machine && result.machine.text) out.push({ text: result.machine.text, kind: "machine", score: null });
  return out;
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}

const fill = (template, values) => template.replace(/%\((\w+)\)s/g, (_, k) => values[k] ?? "");

export function startMemory(host) {
  const cfg = host.cfg;
  const panel = document.getElementById("tm-panel");
  if (!cfg || !panel) return null;
  const S = cfg.strings;
  const list = panel.querySelector("[data-tm-list]");
  const note = panel.querySelector("[data-tm-note]");
  const cache = new Map();   // key + text -> {matches, machine}
  let row = null, line = null, timer = 0, controller = null, shown = [];

  function say(text) { note.textContent = text || ""; note.hidden = !text; }

  function origin(m) {
    const o = m.origin || {};
    const parts = [];
    if (o.series) parts.push(o.series);
    if (o.version) parts.push(o.version);
    if (o.episode != null) parts.push(fill(S.episode, { n: o.episode }));
    if (o.kind) parts.push(S[o.kind] || o.kind);
    if (o.speaker != null) parts.push(cfg.speakers[String(o.speaker)] || `#${o.speaker}`);
    return parts.join(" · ");
  }

  function draw(result) {
    shown = ranked(result);
    const items = (result.matches || []).map((m, k) => {
      const item = el("li", `tm-item tm-${m.kind}`);
      item.dataset.kind = m.kind;
      const head = el("div", "tm-head");
      head.append(el("span", `tm-score tm-score-${m.kind}`, `${m.score}%`), el("span", "tm-kind", S[m.kind] || m.kind),
                  el("span", "tm-origin muted small", origin(m)));
      const source = el("div", "tm-source small");
      source.append(...sourceDiff(m.source, line.text).map((run) =>
        run.op === "same" ? document.createTextNode(run.text) : el(run.op, null, run.text)));
      item.append(head, el("div", "tm-target", m.target), source);
      if (cfg.editable) item.append(insertButton(k));
      return item;
    });
    if (result.machine) {
      const item = el("li", "tm-item tm-machine");
      item.dataset.kind = "machine";
      const head = el("div", "tm-head");
      head.append(el("span", "tm-score tm-score-machine", "MT"), el("span", "tm-kind", S.machine),
                  el("span", "tm-origin muted small", result.machine.provider || ""));
      item.append(head);
      if (result.machine.text) {
        item.append(el("div", "tm-target", result.machine.text));
        if (cfg.editable) item.append(insertButton(items.length));
      } else {
        item.append(el("div", "muted small", fill(S.machine_failed, { reason: result.machine.error || "" })));
      }
      items.push(item);
    }
    list.replaceChildren(...items);
    say((result.matches || []).length ? "" : S.empty);
  }

  function insertButton(index) {
    const button = el("button", "button small tm-insert", S.insert);
    button.type = "button";
    button.dataset.tmInsert = String(index);
    if (index === 0) button.setAttribute("aria-keyshortcuts", "Control+Shift+Enter Meta+Shift+Enter");
    return button;
  }

  async function fetchJson(url, signal) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw Object.assign(new Error((body.error && body.error.message) || String(r.status)), { status: r.status });
    return body;
  }

  async function load(target, wanted) {
    const id = `${wanted.key}\n${wanted.text}`;
    if (cache.has(id)) { draw(cache.get(id)); return; }
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    const q = lookupQuery(cfg, wanted);
    say(S.loading);
    try {
      const machine = cfg.urls.machine
        ? fetchJson(`${cfg.urls.machine}?${q}`, signal).catch((e) => (e.name === "AbortError" ? Promise.reject(e)
                                                                     : { error: e.message }))
        : Promise.resolve(null);
      const [found, mt] = await Promise.all([fetchJson(`${cfg.urls.matches}?${q}`, signal), machine]);
      const result = { matches: found.matches, machine: mt };
      cache.set(id, result);
      if (target === row) draw(result);
    } catch (e) {
      if (e.name !== "AbortError" && target === row) { list.replaceChildren(); say(S.failed); }
    }
  }

  function focus(target) {
    const wanted = target && host.describe(target);
    if (target === row && wanted && line && wanted.key === line.key && wanted.text === line.text) return;
    clearTimeout(timer);
    controller?.abort();
    row = target;
    line = wanted;
    shown = [];
    list.replaceChildren();
    if (!wanted || !wanted.text.trim()) { say(S.pick); return; }
    panel.dataset.line = wanted.key;
    timer = setTimeout(() => load(target, wanted), DEBOUNCE_MS);
  }

  /** Put suggestion `index` into the focused line's text field, as if typed. */
  function insert(index) {
    const pick = shown[index];
    const field = row && row.querySelector("textarea[data-field='text']");
    if (!pick || !field || field.readOnly || field.disabled) return false;
    field.focus({ preventScroll: true });
    field.value = pick.text;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    say(S.inserted);
    return true;
  }

  host.list.addEventListener("focusin", (event) => focus(event.target.closest(host.row)));
  panel.addEventListener("click", (event) => {
    const button = event.target.closest("[data-tm-insert]");
    if (button) insert(Number(button.dataset.tmInsert));
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key === "Enter" && cfg.editable) {
      event.preventDefault();
      insert(0);
    }
  });
  say(S.pick);
  return { focus, insert };
}
