// Pure helpers of the subtitle editor: times, on-screen length, reading speed, formatting.
// The counting mirrors localize/subtitles/qc.py (strip_tags, visible_length, reading speed),
// so what turns red while typing is what the server's QC reports after a save.

// Tags do not show on screen: <i>, </b>, <font ...>, <c.yellow>, <v Ana>, <00:01.000>, {\an8}.
const TAG = /<(?:\/?[A-Za-z][^<>]*|\d[\d:.]*)>|\{\\[^{}]*\}/g;
let decoder = null;  // made on first use, so the module also loads where there is no DOM (unit tests)

export function stripTags(text) {
  if (text.includes("<") || text.includes("{")) text = text.replace(TAG, "");
  if (text.includes("&")) {
    decoder ??= document.createElement("textarea");
    decoder.innerHTML = text.replace(/</g, "&lt;");  // &amp; &nbsp; ... are one character on screen
    text = decoder.value;
  }
  return text;
}

/** The lines a viewer sees: tags removed, each line trimmed, blank lines dropped. */
export function visibleLines(text) {
  return stripTags(text || "").split("\n").map((line) => line.trim()).filter(Boolean);
}

function inRanges(cp, ranges) {
  let lo = 0, hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid][0]) hi = mid - 1;
    else if (cp > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * On-screen length of one line under a preset's counting rule.
 * "chars": every character counts 1 (code points, as Python's len()). The CJK rules count ASCII
 * and every character outside `fullWidth` (ranges from Python's unicodedata) as 0.5.
 */
export function visibleLength(line, counting = "chars", fullWidth = []) {
  const chars = Array.from(stripTags(line));
  if (counting === "chars") return chars.length;
  let total = 0;
  for (const ch of chars) {
    const cp = ch.codePointAt(0);
    total += cp >= 0x80 && inRanges(cp, fullWidth) ? 1 : 0.5;
  }
  return total;
}

/** Everything the live counters show for one cue against a preset. */
export function measure(cue, preset) {
  const lines = visibleLines(cue.text);
  const lengths = lines.map((line) => visibleLength(line, preset.counting, preset.full_width));
  const longest = lengths.length ? Math.max(...lengths) : 0;
  const chars = lines.reduce((sum, line) => sum + Array.from(line).length, 0);  // spaces count, breaks do not
  const duration = cue.end_ms - cue.start_ms;
  const cps = chars && duration > 0 ? Math.round((chars * 1000 / duration) * 100) / 100 : 0;
  return {
    longest, lines: lines.length, chars, cps, duration,
    over: {
      chars: longest > preset.max_chars_per_line,
      lines: lines.length > preset.max_lines,
      cps: cps > preset.max_cps,
      duration: duration > 0 && (duration < preset.min_duration_ms || duration > preset.max_duration_ms),
    },
  };
}

const TIME = /^\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s*$/;

/** "HH:MM:SS.mmm" (or MM:SS.mmm, a comma before the milliseconds) to milliseconds; null if invalid. */
export function parseTime(text) {
  const m = TIME.exec(text || "");
  if (!m) return null;
  const [h, min, s] = [Number(m[1] || 0), Number(m[2]), Number(m[3])];
  if (min > 59 || s > 59) return null;
  const ms = Number((m[4] || "0").padEnd(3, "0"));
  return ((h * 60 + min) * 60 + s) * 1000 + ms;
}

export function formatTime(ms) {
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  const h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Fill %(name)s placeholders of a translated sentence. */
export function fmt(template, values = {}) {
  return template.replace(/%\((\w+)\)s/g, (all, name) => (name in values ? String(values[name]) : all));
}

const pluralRules = new Map();
/**
 * A count's sentence: `forms` is {one, other} as the server translated them (ngettext), the
 * form picked by the language's plural rule; %(num)s and any other placeholder are filled.
 */
export function plural(forms, n, values = {}, lang = globalThis.document?.documentElement?.lang || "en") {
  if (!pluralRules.has(lang)) pluralRules.set(lang, new Intl.PluralRules(lang));
  const form = pluralRules.get(lang).select(n) === "one" ? forms.one : forms.other;
  return fmt(form, { num: n, ...values });
}

const numbers = new Map();
/** A number in the page's language (1.5 or 1,5), with at most `digits` decimals. */
export function num(value, digits = 1) {
  const lang = document.documentElement.lang || "en";
  if (!numbers.has(digits)) numbers.set(digits, new Intl.NumberFormat(lang, { maximumFractionDigits: digits }));
  return numbers.get(digits).format(value);
}

export const CUE_KEYS = ["start_ms", "end_ms", "text", "status", "identifier", "settings"];

/** A cue as the server stores it (no editor bookkeeping). */
export function plain(cue) {
  const out = {};
  for (const key of CUE_KEYS) out[key] = cue[key] ?? null;
  out.text = out.text || "";
  return out;
}

/** What makes two cues the same for a reader: timing, text and status. */
export function cueKey(cue) {
  return `${cue.start_ms}|${cue.end_ms}|${cue.status || ""}|${cue.text || ""}`;
}

export function sameCues(a, b) {
  return a.length === b.length && a.every((cue, i) => cueKey(cue) === cueKey(b[i])
    && (cue.identifier || null) === (b[i].identifier || null) && (cue.settings || null) === (b[i].settings || null));
}
