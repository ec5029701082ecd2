// The suggestion panel's pure helpers: the word diff of a match's source against this source,
// the lookup query, and the order a key inserts suggestions in.
import { test } from "node:test";
import assert from "node:assert/strict";

import { lookupQuery, ranked, sourceDiff } from "../../localize/web/static/editor-memory.js";

const text = (runs, ops) => runs.filter((r) => ops.includes(r.op)).map((r) => r.text).join("");

test("a changed word shows what the match said and what this source says", () => {
  const runs = sourceDiff("Chloe, don't sign anything.", "Ethan, don't sign anything.");
  assert.deepEqual(runs, [{ op: "del", text: "Chloe," }, { op: "ins", text: "Ethan," },
                          { op: "same", text: " don't sign anything." }]);
});

test("the same runs rebuild both texts: same + ins is this source, same + del the match's", () => {
  const match = "I came back for what is yours, Chloe.";
  const mine = "I came back tonight for what is mine.";
  const runs = sourceDiff(match, mine);
  assert.equal(text(runs, ["same", "ins"]).replace(/\s+/g, " "), mine);
  assert.equal(text(runs, ["del"]).trim().split(/\s+/).sort().join(" "), "Chloe. yours,");
  assert.equal(text(runs, ["ins"]).trim().split(/\s+/).sort().join(" "), "mine. tonight");
});

test("words compare ignoring case, as the score does, and show this source's case", () => {
  assert.deepEqual(sourceDiff("RUN, Ethan!", "Run, ethan!"), [{ op: "same", text: "Run, ethan!" }]);
});

test("an added and a dropped word, and empty sides", () => {
  assert.deepEqual(sourceDiff("Stay with me.", "Stay here with me."),
                   [{ op: "same", text: "Stay " }, { op: "ins", text: "here " }, { op: "same", text: "with me." }]);
  assert.deepEqual(sourceDiff("Stay here with me.", "Stay with me."),
                   [{ op: "same", text: "Stay " }, { op: "del", text: "here " }, { op: "same", text: "with me." }]);
  assert.deepEqual(sourceDiff("", "New line."), [{ op: "ins", text: "New line." }]);
  assert.deepEqual(sourceDiff("Old line.", ""), [{ op: "del", text: "Old line." }]);
});

test("a huge pair falls back to the whole texts, without a quadratic table", () => {
  const long = Array.from({ length: 600 }, (_, i) => `w${i}`).join(" ");
  assert.deepEqual(sourceDiff(long, long + " x").map((r) => r.op), ["del", "ins"]);
});

test("the lookup query carries the context that makes a 101", () => {
  const cfg = { source_locale: "en-US", target_locale: "es-MX" };
  const q = new URLSearchParams(lookupQuery(cfg, { text: "Run & hide?", previous: "Where were you?", speaker: 7 }));
  assert.deepEqual(Object.fromEntries(q), { source_locale: "en-US", target_locale: "es-MX", text: "Run & hide?",
                                            previous: "Where were you?", speaker: "7" });
  assert.equal(new URLSearchParams(lookupQuery(cfg, { text: "Hi", previous: null, speaker: null })).has("previous"), false);
});

test("the key inserts memory best first, then the machine", () => {
  const result = { matches: [{ target: "A", kind: "context", score: 101 }, { target: "B", kind: "fuzzy", score: 80 }],
                   machine: { provider: "libre", text: "C" } };
  assert.deepEqual(ranked(result).map((s) => [s.text, s.kind]), [["A", "context"], ["B", "fuzzy"], ["C", "machine"]]);
  assert.deepEqual(ranked({ matches: [], machine: { error: "down" } }), []);
  assert.deepEqual(ranked({ matches: [], machine: null }), []);
});
