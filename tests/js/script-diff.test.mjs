// The script page's pure helpers: the word diff of a changed source, segment keys, and the
// pairing of theirs with mine after a conflicting save.
import { test } from "node:test";
import assert from "node:assert/strict";

import { defaultChoice, pairSegments, resolve, sameSegments, segmentKey, tokens, wire, wordDiff }
  from "../../localize/web/static/script-diff.js";

const joined = (runs, ops) => runs.filter((r) => ops.includes(r.op)).map((r) => r.text).join("");

test("tokens keep words and the spaces between them", () => {
  assert.deepEqual(tokens("Your  father's\nwill"), ["Your", "  ", "father's", "\n", "will"]);
  assert.deepEqual(tokens(""), []);
  assert.deepEqual(tokens(null), []);
});

test("an inserted word is one insertion between unchanged runs", () => {
  assert.deepEqual(wordDiff("Your father's will says otherwise.", "Your father's last will says otherwise."),
    [{ op: "same", text: "Your father's " }, { op: "ins", text: "last " }, { op: "same", text: "will says otherwise." }]);
});

test("a replaced word is a deletion and an insertion", () => {
  const runs = wordDiff("You were gone for 3 years.", "You were gone for 4 long years.");
  assert.deepEqual(runs, [{ op: "same", text: "You were gone for " }, { op: "del", text: "3 " },
                          { op: "ins", text: "4 long " }, { op: "same", text: "years." }]);
});

test("the old and new texts are always recovered from the runs", () => {
  const cases = [["", "New line."], ["Old line.", ""], ["a b c", "c b a"], ["Hi, Ethan.", "Hola, Mateo."],
                 ["same", "same"], ["one  two", "one two"]];
  for (const [before, after] of cases) {
    const runs = wordDiff(before, after);
    assert.equal(joined(runs, ["same", "del"]), before);
    assert.equal(joined(runs, ["same", "ins"]), after);
    for (let i = 1; i < runs.length; i++) {
      assert.notEqual(runs[i].op, runs[i - 1].op);
      if (runs[i].op === "del") assert.notEqual(runs[i - 1].op, "ins");  // what went, then what came
    }
  }
});

test("a very long text falls back to the whole old text against the whole new one", () => {
  const before = Array.from({ length: 600 }, (_, i) => `w${i}`).join(" ");
  const after = Array.from({ length: 600 }, (_, i) => `v${i}`).join(" ");
  assert.deepEqual(wordDiff(before, after), [{ op: "del", text: before }, { op: "ins", text: after }]);
});

const seg = (id, text, extra = {}) => ({ id, kind: "dialogue", text, status: "new", note: "", parenthetical: null, ...extra });
const shape = (pairs) => pairs.map((p) => [p.theirs?.text ?? null, p.mine?.text ?? null, p.same]);

test("segment keys compare what the page edits, in the GET shape and a snapshot alike", () => {
  const got = { ...seg(1, "Hola"), character: { id: 3, name: "Mateo" }, source: { id: 9 }, position: 1 };
  const snapshot = { id: 1, kind: "dialogue", text: "Hola", status: "new", note: "", speaker: "Mateo" };
  assert.equal(segmentKey(got), segmentKey(snapshot));
  assert.notEqual(segmentKey(got), segmentKey({ ...got, status: "translated" }));
  assert.notEqual(segmentKey(got), segmentKey({ ...got, confirmed: true }));
  assert.ok(sameSegments([got], [snapshot]));
  assert.ok(!sameSegments([got], [{ ...snapshot, id: 2 }]));
});

test("wire sends the GET shape back, and outdated=false only for a confirmed line", () => {
  const s = { ...seg(4, "Hola"), character: { id: 3, name: "Mateo" }, source: { id: 9, text: "Hi" }, outdated: true,
              position: 4, extension: "", dual: false };
  assert.deepEqual(wire(s), { id: 4, kind: "dialogue", text: "Hola", character: { id: 3 }, extension: null,
    parenthetical: null, dual: false, source: { id: 9 }, status: "new", note: "", outdated: null });
  assert.equal(wire({ ...s, confirmed: true }).outdated, false);
  assert.deepEqual(wire({ ...s, character: { id: null, name: "NINA" } }).character, { name: "NINA" });
});

test("segments pair by id in their order; mine alone follows the segment it followed", () => {
  const theirs = [seg(1, "A"), seg(2, "B theirs"), seg(4, "D")];
  const mine = [seg(1, "A"), seg(2, "B mine"), seg(3, "C mine"), seg(4, "D")];
  assert.deepEqual(shape(pairSegments(theirs, mine)),
    [["A", "A", true], ["B theirs", "B mine", false], [null, "C mine", false], ["D", "D", true]]);
  assert.deepEqual(shape(pairSegments([seg(5, "E")], [seg(9, "Z"), seg(5, "E")])),
    [[null, "Z", false], ["E", "E", true]]);
  assert.deepEqual(pairSegments([], []), []);
});

test("the default keeps my edits and takes theirs where I changed nothing", () => {
  const base = [seg(1, "A"), seg(2, "B"), seg(3, "C")];
  const baseKeys = new Map(base.map((s) => [s.id, segmentKey(s)]));
  const theirs = [seg(1, "A theirs"), seg(2, "B"), seg(3, "C")];
  const mine = [seg(1, "A"), seg(2, "B mine", { status: "translated" }), seg(3, "C")];
  const pairs = pairSegments(theirs, mine);
  assert.deepEqual(pairs.map((p) => defaultChoice(p, baseKeys)), ["theirs", "mine", "theirs"]);
  pairs.forEach((p) => { p.choice = defaultChoice(p, baseKeys); });
  assert.deepEqual(resolve(pairs).map((s) => s.text), ["A theirs", "B mine", "C"]);
});

test("a line I edited that they deleted comes back as a new segment when kept", () => {
  const baseKeys = new Map([[7, segmentKey(seg(7, "Old"))]]);
  const pairs = pairSegments([seg(1, "A")], [seg(1, "A"), seg(7, "Edited")]);
  pairs.forEach((p) => { p.choice = defaultChoice(p, baseKeys); });
  assert.deepEqual(pairs.map((p) => p.choice), ["theirs", "mine"]);
  assert.deepEqual(resolve(pairs).map((s) => [s.id, s.text]), [[1, "A"], [null, "Edited"]]);
  // Untouched, their deletion wins.
  const untouched = pairSegments([seg(1, "A")], [seg(1, "A"), seg(7, "Old")]);
  untouched.forEach((p) => { p.choice = defaultChoice(p, baseKeys); });
  assert.deepEqual(resolve(untouched).map((s) => s.text), ["A"]);
});
