// Two saves from the same revision: show theirs (the server's current cues) beside mine (the
// edits it refused), pair them cue by cue, and let the user choose per cue or for all.
import { cueKey, fmt, formatTime, plain, plural } from "./editor-text.js";

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

/**
 * The likely choice for a pair, from the revision both sides started at (`base`): a cue I did
 * not touch takes theirs; a cue I changed, added or deleted keeps mine.
 */
export function defaultChoice(pair, baseKeys) {
  if (pair.same) return "theirs";
  if (pair.mine && !pair.theirs) return baseKeys.has(cueKey(pair.mine)) ? "theirs" : "mine";
  if (pair.theirs && !pair.mine) return baseKeys.has(cueKey(pair.theirs)) ? "mine" : "theirs";
  return baseKeys.has(cueKey(pair.mine)) ? "theirs" : "mine";
}

/** The cues that result from the choices. */
export function resolve(pairs) {
  return pairs.map((p) => (p.choice === "mine" ? p.mine : p.theirs)).filter(Boolean).map(plain);
}

/** Fill the conflict panel; `onDone(cues)` gets the cues the choices make. */
export function showConflict(panel, { theirs, mine, base, strings, plurals, intro }, onDone) {
  const baseKeys = new Set(base.map(cueKey));
  const pairs = pairCues(theirs.cues, mine);
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
      const cue = pair[side];
      const radio = box.querySelector("input");
      radio.name = `pick-${index}`;
      radio.checked = pair.choice === side;
      radio.addEventListener("change", () => { pair.choice = side; mark(row, pair); });
      box.querySelector("[data-times]").textContent = cue ? `${formatTime(cue.start_ms)} → ${formatTime(cue.end_ms)}` : "";
      box.querySelector("[data-text]").textContent = cue ? cue.text || "∅" : (pair[side === "mine" ? "theirs" : "mine"] ? strings.deleted : strings.absent);
      box.classList.toggle("missing", !cue);
    }
    mark(row, pair);
    list.append(row);
  });
  panel.querySelector("[data-conflict-intro]").textContent = intro;
  const same = pairs.length - shown;
  const sameNote = panel.querySelector("[data-conflict-same]");
  sameNote.textContent = same ? plural(plurals.conflict_same, same) : "";
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

function mark(row, pair) {
  row.dataset.choice = pair.choice;
}
