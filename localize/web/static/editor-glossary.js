// Glossary terms in both editors: the source text with its terms underlined (the translation and
// the note in the tooltip), and the subtitle editor's live glossary findings. The matching mirrors
// localize/glossary/matcher.py: whole words, case-insensitive unless the entry says otherwise,
// Unicode word boundaries, none for scripts written without spaces (Han, kana, Hangul, Thai...),
// overlaps resolved to the leftmost then the longest. Entries come in the page's data block.

const WORDY = /[\p{L}\p{N}\p{M}_]/u;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Lower-case character by character, keeping the length (so offsets stay true). */
export function fold(text) {
  let out = "";
  for (const ch of text) {
    const low = ch.toLowerCase();
    out += low.length === ch.length ? low : ch;
  }
  return out;
}

const wordy = (ch) => ch !== undefined && WORDY.test(ch);

// Offsets are UTF-16 code units: a character outside the BMP (𠀀, an emoji) takes two.
function charBefore(text, i) {
  if (i <= 0) return undefined;
  const unit = text.charCodeAt(i - 1);
  return unit >= 0xdc00 && unit <= 0xdfff && i > 1 ? String.fromCodePoint(text.codePointAt(i - 2)) : text[i - 1];
}
const charAt = (text, i) => (i < text.length ? String.fromCodePoint(text.codePointAt(i)) : undefined);

/** Whether text.slice(start, end) stands as a whole word where word boundaries exist. */
export function bounded(text, start, end) {
  const first = charAt(text, start), last = charBefore(text, end);
  if (wordy(first) && !UNSPACED.test(first) && wordy(charBefore(text, start))) return false;
  if (wordy(last) && !UNSPACED.test(last) && wordy(charAt(text, end))) return false;
  return true;
}

function occurrences(text, folded, needle, sensitive) {
  const out = [];
  const haystack = sensitive ? text : folded;
  const key = sensitive ? needle : fold(needle);
  for (let at = haystack.indexOf(key); at !== -1; at = haystack.indexOf(key, at + 1)) {
    if (bounded(text, at, at + key.length)) out.push([at, at + key.length]);
  }
  return out;
}

/** The entries found in a text, in text order: [{entry, start, end}]. */
export function glossaryHits(entries, text) {
  if (!text || !entries || !entries.length) return [];
  const folded = fold(text);
  const spans = [];
  for (const entry of entries) {
    const source = (entry.source || "").trim();
    if (!source) continue;
    for (const [start, end] of occurrences(text, folded, source, entry.case_sensitive)) spans.push({ entry, start, end });
  }
  spans.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const out = [];
  let until = -1, taken = null;
  for (const s of spans) {
    if (taken && s.start === taken.start && s.end === taken.end) { out.push(s); continue; }
    if (s.start < until) continue;
    out.push(s);
    until = s.end; taken = s;
  }
  return out;
}

/** Whether a phrase stands in the text as whole words. */
export function hasPhrase(text, phrase, sensitive = false) {
  phrase = (phrase || "").trim();
  if (!text || !phrase) return false;
  return occurrences(text, fold(text), phrase, sensitive).length > 0;
}

/** The glossary findings of a translation against its source, as the server's checks word them:
 *  {rule: "glossary" | "forbidden", severity, value, limit}. An empty target is not checked. */
export function glossaryProblems(entries, source, target) {
  if (!target || !target.trim() || !entries || !entries.length) return [];
  const out = [];
  const seen = new Set();
  for (const hit of glossaryHits(entries, source || "")) {
    const e = hit.entry;
    if (e.kind === "forbidden") continue;
    const wanted = ((e.kind === "keep" ? e.source : e.target) || "").trim();
    const key = `${e.source}\u0000${wanted}`;
    if (!wanted || seen.has(key)) continue;
    seen.add(key);
    if (!hasPhrase(target, wanted, e.case_sensitive)) {
      out.push({ rule: "glossary", severity: "warning", value: source.slice(hit.start, hit.end), limit: wanted });
    }
  }
  for (const e of entries) {
    if (e.kind === "forbidden" && (e.target || "").trim() && hasPhrase(target, e.target, e.case_sensitive)) {
      out.push({ rule: "forbidden", severity: "error", value: e.target.trim(), limit: e.source });
    }
  }
  return out;
}

/** The tooltip of an underlined term: its translation (or why it has none) and its note, in the
 *  reader's words (`glossary_keep`, `glossary_forbidden` of the page's strings). */
export function termTitle(entry, words = {}) {
  const what = entry.kind === "keep" ? (words.glossary_keep || "keep as is")
    : entry.kind === "forbidden" ? `${words.glossary_forbidden || "not"}: ${entry.target}` : entry.target;
  return entry.note ? `${what} — ${entry.note}` : what;
}

/** Fill `node` with `text`, its glossary terms wrapped in <mark class="gl-term"> (text only, no HTML). */
export function markTerms(node, text, entries, words = {}) {
  const parts = [];
  let at = 0;
  const hits = glossaryHits(entries, text);
  for (let i = 0; i < hits.length; i++) {
    const { start, end } = hits[i];
    // Every entry of these words (a term and its forbidden wording): the term's kind colours the mark.
    const same = hits.filter((h) => h.start === start && h.end === end)
      .sort((a, b) => (a.entry.kind === "forbidden") - (b.entry.kind === "forbidden"));
    i += same.length - 1;
    if (start > at) parts.push(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement("mark");
    mark.className = `gl-term gl-${same[0].entry.kind}`;
    mark.textContent = text.slice(start, end);
    mark.title = same.map((h) => termTitle(h.entry, words)).join("\n");
    parts.push(mark);
    at = end;
  }
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  node.replaceChildren(...parts);
  return node;
}

/** The live glossary findings of a subtitle track, as the server's QC reports them (tags stripped):
 *  `sourcesOf(i)` gives the source cues of cue i, as the editor shows them beside it. */
export function cueGlossaryFindings(entries, cues, sourcesOf, strip = (t) => t) {
  if (!entries || !entries.length) return [];
  const out = [];
  cues.forEach((cue, i) => {
    const source = sourcesOf(i).map((s) => s.text || "").join("\n");
    for (const p of glossaryProblems(entries, strip(source), strip(cue.text || ""))) {
      out.push({ cue: i + 1, ...p, rule: p.rule === "forbidden" ? "forbidden_term" : p.rule });
    }
  });
  return out;
}
