// The editor's pure text helpers, run by `node --test tests/js/` (make test). The counting cases are
// shared with the server's QC (tests/data/text_counting.json, checked by tests/unit/test_text_counting.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

// Imported before any `document` exists: the module must load without a DOM.
import {
  cueKey, fmt, formatTime, measure, parseTime, plain, plural, sameCues, stripTags, visibleLength, visibleLines,
} from "../../localize/web/static/editor-text.js";

const CASES = JSON.parse(readFileSync(new URL("../data/text_counting.json", import.meta.url), "utf8"));

// In the browser a <textarea> decodes character references; here a stand-in decodes the ones the
// shared cases use, and says so if a case needs more.
const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
function withDocument(fn) {
  globalThis.document = {
    createElement: (tag) => {
      assert.equal(tag, "textarea");
      let value = "";
      return {
        set innerHTML(html) {
          value = html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref) => {
            if (ref[0] !== "#") {
              assert.ok(ref in NAMED, `the test's decoder lacks &${ref};`);
              return NAMED[ref];
            }
            return String.fromCodePoint(ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
          });
        },
        get value() { return value; },
      };
    },
  };
  try { return fn(); } finally { delete globalThis.document; }
}

test("text without character references needs no DOM", () => {
  assert.equal(typeof globalThis.document, "undefined");
  assert.equal(stripTags("<i>Hola</i> {\\an8}amigo"), "Hola amigo");
  assert.equal(visibleLength("<b>abc</b>"), 3);
});

for (const c of CASES.strip_tags) {
  test(`stripTags ${JSON.stringify(c.text)} (shared with qc.strip_tags)`, () => {
    assert.equal(withDocument(() => stripTags(c.text)), c.visible);
  });
}

for (const c of CASES.visible_length) {
  test(`visibleLength ${c.counting} ${JSON.stringify(c.line)} (shared with qc.visible_length)`, () => {
    const table = CASES.full_width[c.counting] || [];
    assert.equal(withDocument(() => visibleLength(c.line, c.counting, table)), c.length);
  });
}

const LOOSE = {
  counting: "chars", full_width: [], max_chars_per_line: 1000, max_lines: 1000, max_cps: 1000,
  min_duration_ms: 0, max_duration_ms: 1e9,
};

for (const c of CASES.reading_speed) {
  test(`reading speed of ${JSON.stringify(c.text)} (shared with the reading_speed check)`, () => {
    const got = measure({ text: c.text, start_ms: c.start_ms, end_ms: c.end_ms }, LOOSE);
    assert.equal(got.cps, c.cps);
    assert.equal(got.chars, c.chars);
  });
}

test("visibleLines trims each line and drops blank ones", () => {
  assert.deepEqual(visibleLines("  <i>One</i> \n\n{\\an8}\n two"), ["One", "two"]);
  assert.deepEqual(visibleLines(null), []);
});

test("measure flags each limit a cue breaks", () => {
  const preset = { ...LOOSE, max_chars_per_line: 5, max_lines: 1, max_cps: 5, min_duration_ms: 833, max_duration_ms: 7000 };
  const fast = measure({ text: "Hello!\nAgain", start_ms: 0, end_ms: 500 }, preset);
  assert.deepEqual([fast.longest, fast.lines, fast.chars, fast.cps, fast.duration], [6, 2, 11, 22, 500]);
  assert.deepEqual(fast.over, { chars: true, lines: true, cps: true, duration: true });
  const fine = measure({ text: "Hi", start_ms: 0, end_ms: 1000 }, preset);
  assert.deepEqual(fine.over, { chars: false, lines: false, cps: false, duration: false });
  assert.equal(measure({ text: "Hi", start_ms: 0, end_ms: 8000 }, preset).over.duration, true);
  // Korean counting: Hangul counts 1, Latin 0.5, with the table the server sends.
  const ko = { ...preset, counting: "korean-latin-half", full_width: CASES.full_width["korean-latin-half"] };
  assert.equal(measure({ text: "OK 안녕", start_ms: 0, end_ms: 2000 }, ko).longest, 3.5);
});

test("parseTime reads HH:MM:SS.mmm, MM:SS and a comma before milliseconds", () => {
  assert.equal(parseTime("00:01:02.500"), 62500);
  assert.equal(parseTime("01:02:03.004"), 3723004);
  assert.equal(parseTime("1:02,5"), 62500);
  assert.equal(parseTime(" 00:00:01 "), 1000);
  for (const bad of ["", null, "1:60.000", "00:61:00.000", "abc", "1.5", "00:00:01.5000"]) {
    assert.equal(parseTime(bad), null, String(bad));
  }
});

test("formatTime writes HH:MM:SS.mmm and parseTime reads it back", () => {
  assert.equal(formatTime(0), "00:00:00.000");
  assert.equal(formatTime(3723004), "01:02:03.004");
  for (const ms of [0, 833, 59999, 3600000, 36000000 - 1]) assert.equal(parseTime(formatTime(ms)), ms);
});

test("fmt fills %(name)s placeholders and leaves unknown ones", () => {
  assert.equal(fmt("%(n)s cues, %(who)s", { n: 3 }), "3 cues, %(who)s");
});

test("plain keeps only what the server stores", () => {
  assert.deepEqual(plain({ start_ms: 1, end_ms: 2, text: null, extra: "x" }),
    { start_ms: 1, end_ms: 2, text: "", status: null, identifier: null, settings: null });
});

test("cues are the same by timing, text, status, identifier and settings", () => {
  const a = { start_ms: 0, end_ms: 1000, text: "Hi", status: null, identifier: "1", settings: null };
  assert.equal(cueKey(a), "0|1000||Hi");
  assert.ok(sameCues([a], [{ ...a }]));
  assert.ok(!sameCues([a], [{ ...a, identifier: "2" }]));
  assert.ok(!sameCues([a], [{ ...a, text: "Hey" }]));
  assert.ok(!sameCues([a], []));
});

test("plural picks the form of the language's rule", () => {
  const forms = { one: "%(num)s error", other: "%(num)s errors" };
  assert.equal(plural(forms, 1, {}, "en"), "1 error");
  assert.equal(plural(forms, 0, {}, "en"), "0 errors");
  assert.equal(plural(forms, 2, {}, "es"), "2 errors");
  assert.equal(plural({ one: "%(num)s erro", other: "%(num)s erros" }, 0, {}, "pt-BR"), "0 erro");  // pt: 0 is singular
  assert.equal(plural({ one: "%(num)s of %(rev)s", other: "%(num)s of %(rev)s!" }, 3, { rev: 7 }, "en"), "3 of 7!");
});
