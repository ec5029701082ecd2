// Two saves from the same revision: pair theirs (the server's current cues) and mine (the edits
// it refused) against the revision both started from. What only one side changed is merged
// without asking; the cues both changed are shown side by side, chosen per cue or for all.
import { cueKey, plain, plural } from "./editor-text.js";
import { cueMeta } from "./editor-history.js";

/**
 * Pair two cue lists: identical cues (longest common subsequence) pair as "same"; between
 * them, differing cues pair by order and the rest stand alone (added on one side).
 */
export function pairCues(theirs, mine) {
  const n = theirs.length, m = mine.length;
  const a = theirs.map(cueKey), b = mine.map(cueKey);
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const pairs = [];
  let i = 0, j = 0, gapI = 0, gapJ = 0;
  const flush = (endI, endJ) => {
    while (gapI < endI || gapJ < endJ) {
      pairs.push({ theirs: gapI < endI ? theirs[gapI] : null, mine: gapJ < endJ ? mine[gapJ] : null, same: false });
      if (gapI < endI) gapI++;
      if (gapJ < endJ) gapJ++;
    }
  };
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      flush(i, j);
      pairs.push({ theirs: theirs[i], mine: mine[j], same: true });
      gapI = ++i; gapJ = ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  flush(n, m);
  return pairs;
}

/** For each index of `a`, the index of the same cue in `b` (longest common subsequence), or -1. */
function match(a, b) {
  const ka = a.map(cueKey), kb = b.map(cueKey);
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = ka[i] === kb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = new Array(n).fill(-1);
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (ka[i] === kb[j]) { out[i] = j; i++; j++; } else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++; else j++;
  }
  return out;
}

const sameList = (a, b) => a.length === b.length && a.every((c, i) => cueKey(c) === cueKey(b[i]));

/** One stretch that changed on a side: every cue of it from that side, the other side's beside it. */
function taken(side, theirs, mine) {
  const out = [];
  for (let k = 0; k < Math.max(theirs.length, mine.length); k++) {
    out.push({ theirs: theirs[k] ?? null, mine: mine[k] ?? null, same: false, auto: side });
  }
  return out;
}

/**
 * Three-way pairing against the revision both sides started from (`base`). Cues neither side
 * changed pair as "same"; a stretch only one side changed is taken from that side (`auto`:
 * "theirs" or "mine", nobody is asked); cues both sides changed differently are the conflicts
 * (no `auto`), paired by position. Without a base every differing cue is a conflict.
 */
export function mergeCues(base, theirs, mine) {
  const toTheirs = match(base, theirs), toMine = match(base, mine);
  const anchors = [];
  base.forEach((_, i) => { if (toTheirs[i] >= 0 && toMine[i] >= 0) anchors.push([i, toTheirs[i], toMine[i]]); });
  anchors.push([base.length, theirs.length, mine.length]);  // the end
  const out = [];
  let b0 = 0, t0 = 0, m0 = 0;
  for (const [b1, t1, m1] of anchors) {
    const B = base.slice(b0, b1), T = theirs.slice(t0, t1), M = mine.slice(m0, m1);
    if (sameList(T, M)) T.forEach((cue, k) => out.push({ theirs: cue, mine: M[k], same: true }));
    else if (sameList(M, B)) out.push(...taken("theirs", T, M));
    else if (sameList(T, B)) out.push(...taken("mine", T, M));
    else if (T.length === B.length && M.length === B.length) {
      // Edits in place on both sides: cue by cue, only a cue both changed is a conflict.
      B.forEach((b, k) => {
        const [kb, kt, km] = [cueKey(b), cueKey(T[k]), cueKey(M[k])];
        const pair = { theirs: T[k], mine: M[k], same: kt === km };
        if (!pair.same && km === kb) pair.auto = "theirs";
        else if (!pair.same && kt === kb) pair.auto = "mine";
        out.push(pair);
      });
    } else out.push(...pairCues(T, M));
    if (b1 < base.length) out.push({ theirs: theirs[t1], mine: mine[m1], same: true });
    [b0, t0, m0] = [b1 + 1, t1 + 1, m1 + 1];
  }
  return out;
}

/** A pair merged without asking whose two sides differ (a change made on one side only). */
const merged = (p) => Boolean(p.auto) && (!p.theirs || !p.mine || cueKey(p.theirs) !== cueKey(p.mine));

/**
 * The likely choice for a conflict, from the revision both sides started at (`base`): a cue I did
 * not touch takes theirs; a cue I changed, added or deleted keeps mine.
 */
export function defaultChoice(pair, baseKeys) {
  if (pair.auto) return pair.auto;
  if (pair.same) return "theirs";
  if (pair.mine && !pair.theirs) return baseKeys.has(cueKey(pair.mine)) ? "theirs" : "mine";
  if (pair.theirs && !pair.mine) return baseKeys.has(cueKey(pair.theirs)) ? "mine" : "theirs";
  return baseKeys.has(cueKey(pair.mine)) ? "theirs" : "mine";
}

/** The cues that result from the choices. */
export function resolve(pairs) {
  return pairs.map((p) => (p.choice === "mine" ? p.mine : p.theirs)).filter(Boolean).map(plain);
}

/** Pair theirs with mine against the base, with each pair's choice; and how many merged alone. */
export function planMerge(base, theirs, mine) {
  const baseKeys = new Set(base.map(cueKey));
  const pairs = mergeCues(base, theirs, mine);
  pairs.forEach((p) => { p.choice = defaultChoice(p, baseKeys); });
  const conflicts = pairs.filter((p) => !p.same && !p.auto).length;
  return { pairs, conflicts, merged: pairs.filter(merged).length };
}

/**
 * Fill the conflict panel with the cues both sides changed; `onDone(cues, merged, asked)` gets the
 * cues the choices make, how many were merged without asking, and whether the panel asked. With no such cue, no panel:
 * `onDone` is called at once.
 */
export function showConflict(panel, { theirs, mine, base, strings, plurals, intro }, onDone) {
  const { pairs, conflicts, merged: auto } = planMerge(base, theirs.cues, mine);
  if (!conflicts) { onDone(resolve(pairs), auto, false); return; }
  const same = pairs.filter((p) => p.same).length;
  const notes = [same ? plural(plurals.conflict_same, same) : "", auto ? plural(plurals.conflict_merged, auto) : ""];
  // "Keep all mine" / "Take all theirs" decide the listed cues; the ones merged alone stay merged.
  openPanel(panel, pairs, {
    listed: (p) => !p.same && !p.auto, meta: cueMeta,
    strings, intro, note: notes.filter(Boolean).join(" ") }, () => onDone(resolve(pairs), auto, true));
}

/**
 * Open the conflict panel (both editors'): a row per `listed` pair, theirs beside mine with a
 * radio each and `meta(item)` above its text; `done()` once the choices are made ("Keep all
 * mine" and "Take all theirs" decide every listed pair). `note` says what was left out.
 */
export function openPanel(panel, pairs, { listed, meta, strings, intro, note }, done) {
  const list = panel.querySelector("[data-conflict-list]");
  const template = document.getElementById("tpl-conflict-row");
  list.replaceChildren();
  pairs.forEach((pair, index) => {
    if (!listed(pair)) return;
    const row = template.content.firstElementChild.cloneNode(true);
    row.querySelector("[data-num]").textContent = `#${index + 1}`;
    for (const side of ["theirs", "mine"]) {
      const box = row.querySelector(`[data-side="${side}"]`);
      const item = pair[side];
      const radio = box.querySelector("input");
      radio.name = `pick-${index}`;
      radio.checked = pair.choice === side;
      radio.addEventListener("change", () => { pair.choice = side; row.dataset.choice = side; });
      box.querySelector("[data-times]").textContent = item ? meta(item) : "";
      box.querySelector("[data-text]").textContent = item ? item.text || "∅" : (pair[side === "mine" ? "theirs" : "mine"] ? strings.deleted : strings.absent);
      box.classList.toggle("missing", !item);
    }
    row.dataset.choice = pair.choice;
    list.append(row);
  });
  panel.querySelector("[data-conflict-intro]").textContent = intro;
  const sameNote = panel.querySelector("[data-conflict-same]");
  sameNote.textContent = note;
  sameNote.hidden = !note;

  const finish = (forced) => {
    if (forced) pairs.forEach((p) => { if (listed(p)) p.choice = forced; });
    panel.hidden = true;
    done();
  };
  for (const button of panel.querySelectorAll("[data-conflict]")) {
    button.onclick = () => finish(button.dataset.conflict === "apply" ? null : button.dataset.conflict);
  }
  panel.hidden = false;
  panel.scrollIntoView({ block: "start" });
  panel.querySelector("[data-conflict='mine']").focus({ preventScroll: true });
}
