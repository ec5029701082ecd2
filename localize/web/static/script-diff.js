// Pure helpers of the script page (no DOM): the word diff of an outdated line's source, what
// makes two segments the same, and the pairing of theirs with mine after a conflicting save.

/** Words and the spaces between them, so a diff can be put back together exactly. */
export function tokens(text) {
  return (text || "").split(/(\s+)/).filter((t) => t !== "");
}

// Above this many token pairs the diff is the whole old text against the whole new one.
const MAX_CELLS = 250000;

/**
 * The change from `before` to `after`, word by word: runs of {op: "same" | "del" | "ins", text}
 * (longest common subsequence of words and spaces; neighbouring tokens of one kind are merged).
 */
export function wordDiff(before, after) {
  const a = tokens(before), b = tokens(after);
  const runs = [];
  const push = (op, text) => {
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.text += text; else runs.push({ op, text });
  };
  if (a.length * b.length > MAX_CELLS) {
    if (before) push("del", before);
    if (after) push("ins", after);
    return runs;
  }
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { push("same", a[i]); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) push("del", a[i++]);
    else push("ins", b[j++]);
  }
  while (i < n) push("del", a[i++]);
  while (j < m) push("ins", b[j++]);
  return tidy(runs);
}

/**
 * Readable changes: a lone space left "same" between two changes joins them, and each block of
 * changes reads as what went (del) then what came (ins): "3" "4 long" rather than 3|4| |long.
 */
function tidy(runs) {
  const out = [];
  let del = "", ins = "";
  const flush = () => {
    if (del) out.push({ op: "del", text: del });
    if (ins) out.push({ op: "ins", text: ins });
    del = ""; ins = "";
  };
  runs.forEach((run, k) => {
    const between = k > 0 && k < runs.length - 1 && runs[k - 1].op !== "same" && runs[k + 1].op !== "same";
    if (run.op === "same" && !(between && !run.text.trim())) { flush(); out.push(run); return; }
    if (run.op !== "ins") del += run.text;
    if (run.op !== "del") ins += run.text;
  });
  flush();
  return out;
}

/**
 * What makes two segments the same for the page: what it lets a person edit (text, status,
 * note, parenthetical) and a confirmed outdated flag. Works on the GET shape and on a
 * revision's snapshot alike.
 */
export function segmentKey(s) {
  return [s.kind || "", s.text || "", s.status || "", s.note || "", s.parenthetical || "", s.confirmed ? "1" : ""]
    .join("\u241f");
}

export function sameSegments(a, b) {
  return a.length === b.length && a.every((s, i) => (s.id ?? null) === (b[i].id ?? null) && segmentKey(s) === segmentKey(b[i]));
}

/** A segment as PUT .../script.json takes it (the GET shape; outdated=false only when confirmed). */
export function wire(s) {
  return {
    id: s.id ?? null, kind: s.kind, text: s.text || "",
    character: s.character ? (s.character.id != null ? { id: s.character.id } : { name: s.character.name }) : null,
    extension: s.extension || null, parenthetical: s.parenthetical || null, dual: Boolean(s.dual),
    source: s.source ? { id: s.source.id } : null, status: s.status || null, note: s.note ?? "",
    outdated: s.confirmed ? false : null,
  };
}

/**
 * Pair the server's segments (theirs) with the page's (mine) by segment id, in their order; a
 * segment of mine they no longer have comes right after the one it followed in mine.
 * Each pair is {theirs, mine, same}.
 */
export function pairSegments(theirs, mine) {
  const mineById = new Map(mine.filter((s) => s.id != null).map((s) => [s.id, s]));
  const theirIds = new Set(theirs.map((s) => s.id));
  const pairs = theirs.map((t) => {
    const m = mineById.get(t.id) || null;
    return { theirs: t, mine: m, same: Boolean(m) && segmentKey(t) === segmentKey(m) };
  });
  // Mine only: insert after the pair of the nearest earlier segment of mine that they still have.
  let anchor = -1;
  const inserts = [];
  for (const m of mine) {
    if (m.id != null && theirIds.has(m.id)) anchor = pairs.findIndex((p) => p.theirs && p.theirs.id === m.id);
    else inserts.push({ after: anchor, pair: { theirs: null, mine: m, same: false } });
  }
  for (let k = inserts.length - 1; k >= 0; k--) {
    const { after, pair } = inserts[k];
    pairs.splice(after + 1, 0, pair);
  }
  return pairs;
}

/**
 * The likely choice for a pair, from the revision both sides started at (`baseKeys`: segment id
 * to segmentKey): a segment I did not touch takes theirs; one I changed keeps mine.
 */
export function defaultChoice(pair, baseKeys) {
  if (pair.same) return "theirs";
  if (!pair.mine) return "theirs";
  const untouched = pair.mine.id != null && baseKeys.get(pair.mine.id) === segmentKey(pair.mine);
  return untouched ? "theirs" : "mine";
}

/** The segments the choices make; a kept segment of mine they deleted comes back as a new one. */
export function resolve(pairs) {
  const out = [];
  for (const p of pairs) {
    const chosen = p.choice === "mine" ? p.mine : p.theirs;
    if (!chosen) continue;
    out.push(p.choice === "mine" && !p.theirs ? { ...chosen, id: null } : chosen);
  }
  return out;
}
