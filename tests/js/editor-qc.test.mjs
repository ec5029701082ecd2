// The editor's live QC (editor-qc.js), run by `node --test tests/js/`. The cases are shared with the
// server's QC (tests/data/qc_cases.json, checked by tests/unit/test_qc_cases.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { checkCues, countFindings, namePattern, roundHalfEven } from "../../localize/web/static/editor-qc.js";

const read = (name) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8"));
const QC = read("qc_cases.json");
const WIDTHS = read("text_counting.json").full_width;

// A stand-in for the <textarea> that decodes character references in the browser.
const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
globalThis.document = {
  createElement: () => {
    let value = "";
    return {
      set innerHTML(html) { value = html.replace(/&([a-z]+);/gi, (all, ref) => NAMED[ref] ?? all); },
      get value() { return value; },
    };
  },
};

for (const c of QC.cases) {
  test(`live QC: ${c.name} (shared with qc.check_track)`, () => {
    const base = QC.presets[c.preset];
    const preset = { ...base, ...(c.overrides || {}), full_width: WIDTHS[base.counting] || [] };
    const found = checkCues(c.cues, preset, { episodeDurationMs: c.episode_duration_ms ?? null,
                                              renamedNames: c.renamed_names ?? null });
    assert.deepEqual(found.map((f) => [f.cue, f.rule, f.severity, f.value, f.limit]), c.findings);
  });
}

test("an untranslated cue that gets text is no longer a finding", () => {
  const preset = QC.presets["netflix-latin"];
  const cue = { start_ms: 0, end_ms: 2000, text: "", status: "untranslated" };
  assert.deepEqual(checkCues([cue], preset).map((f) => f.rule), ["untranslated"]);
  assert.deepEqual(checkCues([{ ...cue, text: "Hola." }], preset), []);
});

test("reading speed rounds like Python's round(x, 2)", () => {
  assert.equal(roundHalfEven(107 / 40), 2.67);     // 2.675 is stored just below the half
  assert.equal(roundHalfEven(0.125), 0.12);         // an exact half goes to the even digit
  assert.equal(roundHalfEven(0.375), 0.38);
  assert.equal(roundHalfEven(12 / 0.7), 17.14);
});

test("names match whole words only, renamed ones alone", () => {
  assert.equal(namePattern({ Ana: "Ana" }), null);
  const re = namePattern({ "Jo.": "X" });
  assert.deepEqual([..."Jo. Joe".matchAll(re)].map((m) => m[0]), ["Jo."]);
});

test("counts errors and warnings", () => {
  assert.deepEqual(countFindings([{ severity: "error" }, { severity: "warning" }, { severity: "warning" }]),
                   { errors: 1, warnings: 2 });
});
