// Live QC: the rules of localize/subtitles/qc.py (and the "untranslated" finding of tracks.py)
// run in the browser as the translator types, from the preset the server sends. The server stays
// the authority: at every save its findings replace these. Pure (no DOM needed unless a text
// holds character references), unit-tested with the server's cases (tests/data/qc_cases.json).
import { visibleLength, visibleLines } from "./editor-text.js";

// The order of qc.CHECKS: findings of one cue come in this order, then past_episode_end and
// original_name, then overlap and min_gap (as check_track appends them).
const BALANCED_TAG = /<(\/?)(i|b|u|font)(?=[\s>])[^<>]*>/gi;

function endsBeforeStart(c) {
  return c.end <= c.start ? [c.end - c.start, 0] : null;
}

function emptyCue(c) {
  return c.visible.length ? null : [c.text, null];
}

function unbalancedTags(c) {
  if (!c.text.includes("<")) return null;
  const stack = [];
  for (const m of c.text.matchAll(BALANCED_TAG)) {
    const name = m[2].toLowerCase();
    if (!m[1]) stack.push(name);
    else if (stack.length && stack[stack.length - 1] === name) stack.pop();
    else return [m[0], null];
  }
  return stack.length ? [`<${stack[stack.length - 1]}>`, null] : null;
}

function charsPerLine(c, p) {
  const longest = Math.max(0, ...c.visible.map((line) => visibleLength(line, p.counting, p.full_width || [])));
  return longest > p.max_chars_per_line ? [longest, p.max_chars_per_line] : null;
}

function linesPerCue(c, p) {
  return c.visible.length > p.max_lines ? [c.visible.length, p.max_lines] : null;
}

function readingSpeed(c, p) {
  // Characters per second of display: spaces count, tags and line breaks do not.
  const chars = c.visible.reduce((sum, line) => sum + Array.from(line).length, 0);
  const duration = c.end - c.start;
  if (!chars || duration <= 0) return null;
  const cps = roundHalfEven(chars * 1000 / duration);
  return cps > p.max_cps ? [cps, p.max_cps] : null;
}

function minDuration(c, p) {
  const d = c.end - c.start;
  return d > 0 && d < p.min_duration_ms ? [d, p.min_duration_ms] : null;
}

function maxDuration(c, p) {
  const d = c.end - c.start;
  return d > p.max_duration_ms ? [d, p.max_duration_ms] : null;
}

export const CHECKS = [
  ["ends_before_start", "error", endsBeforeStart],
  ["empty_cue", "error", emptyCue],
  ["unbalanced_tags", "error", unbalancedTags],
  ["chars_per_line", "warning", charsPerLine],
  ["lines_per_cue", "warning", linesPerCue],
  ["reading_speed", "warning", readingSpeed],
  ["min_duration", "warning", minDuration],
  ["max_duration", "warning", maxDuration],
];

/** Python's round(x, 2): the float's exact value rounded to 2 decimals, exact halves to even. */
export function roundHalfEven(x) {
  const twice = x * 200;
  // An exact half (k.kk5) is a binary fraction only when it is some j/8, so 25 divides 200x.
  if (Number.isInteger(twice) && twice % 2 !== 0 && twice % 25 === 0) {
    const down = (twice - 1) / 2;
    return (down % 2 === 0 ? down : down + 1) / 100;
  }
  return Number(x.toFixed(2));  // toFixed rounds the exact binary value, as Python does
}

const WORD = "[\\p{L}\\p{N}_\\p{Mc}]";  // Python's Unicode \w, near enough for names
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The matcher of a remake's original names (whole words, case-sensitive), or null. */
export function namePattern(renamed) {
  const names = Object.entries(renamed || {}).filter(([o, n]) => o && o !== n).map(([o]) => o)
    .sort((a, b) => b.length - a.length);
  if (!names.length) return null;
  return new RegExp(`(?<!${WORD})(?:${names.map(escapeRe).join("|")})(?!${WORD})`, "gu");
}

/**
 * Check cues ({start_ms, end_ms, text, status}) against a preset; findings {cue, rule, severity,
 * value, limit} by cue (1-based), in the order the server lists them.
 * `episodeDurationMs` (or null) and `renamedNames` ({original: local}) as the server has them.
 */
export function checkCues(cues, preset, { episodeDurationMs = null, renamedNames = null } = {}) {
  const views = cues.map((cue, i) => {
    const text = cue.text || "";
    return { n: i + 1, start: cue.start_ms, end: cue.end_ms, text, status: cue.status || null,
             visible: visibleLines(text) };
  });
  const out = [];
  const names = namePattern(renamedNames);
  for (const c of views) {
    for (const [rule, severity, run] of CHECKS) {
      const hit = run(c, preset);
      if (hit) {
        // An empty cue of a translation in progress is work to do, and says so.
        const id = rule === "empty_cue" && c.status === "untranslated" ? "untranslated" : rule;
        out.push({ cue: c.n, rule: id, severity, value: hit[0], limit: hit[1] });
      }
    }
    if (episodeDurationMs !== null && episodeDurationMs !== undefined && c.end > episodeDurationMs) {
      out.push({ cue: c.n, rule: "past_episode_end", severity: "error", value: c.end, limit: episodeDurationMs });
    }
    if (names) {
      const seen = new Set();
      // The raw text too: a speaker tag such as <v Ethan> still names the character.
      for (const m of `${c.text}\n${c.visible.join("\n")}`.matchAll(names)) {
        if (seen.has(m[0])) continue;
        seen.add(m[0]);
        out.push({ cue: c.n, rule: "original_name", severity: "warning", value: m[0], limit: renamedNames[m[0]] });
      }
    }
    // A machine or fuzzy fill waits for a person (tracks.py's "unconfirmed").
    if (c.status === "machine" || c.status === "fuzzy") {
      out.push({ cue: c.n, rule: "unconfirmed", severity: "error", value: c.status, limit: null });
    }
  }
  // Gaps and overlaps in time order (stable: equal starts keep track order).
  const ordered = [...views].sort((a, b) => a.start - b.start);
  const minGap = preset.min_gap_ms;
  let prev = null;  // the cue that ends last so far
  for (const c of ordered) {
    if (prev) {
      const gap = c.start - prev.end;
      if (gap < 0) out.push({ cue: c.n, rule: "overlap", severity: "error", value: -gap, limit: 0, other: prev.n });
      else if (minGap && gap > 0 && gap < minGap) {
        out.push({ cue: c.n, rule: "min_gap", severity: "warning", value: gap, limit: minGap, other: prev.n });
      }
    }
    if (!prev || c.end > prev.end) prev = c;
  }
  // A stable sort by cue, as the server's findings.sort(key=cue).
  return out.map((f, i) => [f, i]).sort((a, b) => a[0].cue - b[0].cue || a[1] - b[1]).map(([f]) => f);
}

/** Errors and warnings among findings. */
export function countFindings(findings) {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}
