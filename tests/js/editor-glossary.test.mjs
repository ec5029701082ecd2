// The editors' glossary helpers (editor-glossary.js), run by `node --test tests/js/`: the same
// matching as localize/glossary/matcher.py (tests/unit/test_glossary_matcher.py holds the server).
import { test } from "node:test";
import assert from "node:assert/strict";

import { fold, glossaryHits, glossaryProblems, hasPhrase, markTerms, termTitle } from "../../localize/web/static/editor-glossary.js";

const E = (source, target = "", kind = "term", extra = {}) => ({ source, target, kind, note: "", case_sensitive: false, ...extra });
const found = (entries, text) => glossaryHits(entries, text).map((h) => [text.slice(h.start, h.end), h.entry.source]);

test("whole words only, case-insensitive by default", () => {
  assert.deepEqual(found([E("Ethan"), E("cat")], "ETHAN saw the cat; Ethanol, concatenate, cats."),
                   [["ETHAN", "Ethan"], ["cat", "cat"]]);
});

test("case-sensitive entries match their case only", () => {
  assert.deepEqual(found([E("Hope", "", "name", { case_sensitive: true })], "No hope left, said Hope."), [["Hope", "Hope"]]);
});

test("accented words are words, a combining accent belongs to its word", () => {
  assert.deepEqual(found([E("José"), E("café")], "Josémaría José CAFÉ cafés"), [["José", "José"], ["CAFÉ", "café"]]);
  assert.deepEqual(found([E("Jose")], "Jose\u0301 Jose"), [["Jose", "Jose"]]);
});

test("the leftmost, then longest, wins an overlap", () => {
  assert.deepEqual(found([E("Ana"), E("Ana Maria"), E("Maria")], "Ana Maria and Maria"),
                   [["Ana Maria", "Ana Maria"], ["Maria", "Maria"]]);
});

test("CJK terms have no word boundaries; characters outside the BMP keep their offsets", () => {
  assert.deepEqual(found([E("总裁"), E("東京"), E("서울")], "他是总裁吗？东京 東京タワー 서울에서"),
                   [["总裁", "总裁"], ["東京", "東京"], ["서울", "서울"]]);
  assert.deepEqual(found([E("Ethan")], "𠀀 Ethan 😀"), [["Ethan", "Ethan"]]);
  assert.equal(fold("İstanbul").length, "İstanbul".length);
});

test("findings: a missing translation, a keep, a forbidden translation; none for an empty target", () => {
  const entries = [E("Ethan", "Mateo", "name", { case_sensitive: true }), E("Sterling Corp", "", "keep"),
                   E("boss", "jefe"), E("boss", "patrón", "forbidden")];
  assert.deepEqual(glossaryProblems(entries, "Ethan works for Sterling Corp.", ""), []);
  assert.deepEqual(glossaryProblems(entries, "Ethan, the boss of Sterling Corp.", "Ethan, el patrón de Sterling Inc.")
    .map((p) => [p.rule, p.severity, p.value, p.limit]),
  [["glossary", "warning", "Ethan", "Mateo"], ["glossary", "warning", "boss", "jefe"],
   ["glossary", "warning", "Sterling Corp", "Sterling Corp"], ["forbidden", "error", "patrón", "boss"]]);
  assert.deepEqual(glossaryProblems(entries, "Ethan, the boss of Sterling Corp.", "Mateo, el jefe de Sterling Corp."), []);
  assert.ok(hasPhrase("Dile a Mateo.", "Mateo") && !hasPhrase("Mateos", "Mateo"));
});

test("markTerms wraps each term in a <mark> with its translation and note, as text", () => {
  const made = [];
  globalThis.document = {
    createTextNode: (text) => ({ text }),
    createElement: (tag) => { const node = { tag }; made.push(node); return node; },
  };
  let children = null;
  const node = { replaceChildren: (...parts) => { children = parts; } };
  markTerms(node, "Ethan is <b>the</b> boss.", [E("Ethan", "Mateo", "name", { note: "from casting" }), E("boss", "jefe"),
                                                 E("boss", "patrón", "forbidden")], { glossary_forbidden: "not" });
  assert.deepEqual(children.map((c) => c.text ?? c.textContent), ["Ethan", " is <b>the</b> ", "boss", "."]);
  assert.equal(children[0].title, "Mateo — from casting");
  assert.equal(children[2].title, "jefe\nnot: patrón");
  assert.equal(children[0].className, "gl-term gl-name");
  assert.equal(children[2].className, "gl-term gl-term");
  assert.equal(termTitle(E("Bentley", "", "keep"), { glossary_keep: "unchanged" }), "unchanged");
});
