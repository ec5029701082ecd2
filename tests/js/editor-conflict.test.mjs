// Conflict resolution of two saves from the same revision: pairing, default choices, result.
import { test } from "node:test";
import assert from "node:assert/strict";

import { defaultChoice, pairCues, resolve } from "../../localize/web/static/editor-conflict.js";
import { cueKey } from "../../localize/web/static/editor-text.js";

const cue = (n, text = `Line ${n}`) => ({ start_ms: n * 1000, end_ms: n * 1000 + 900, text, status: null });
const shape = (pairs) => pairs.map((p) => [p.theirs?.text ?? null, p.mine?.text ?? null, p.same]);

test("identical lists pair cue by cue as the same", () => {
  const cues = [cue(1), cue(2), cue(3)];
  assert.deepEqual(shape(pairCues(cues, cues.map((c) => ({ ...c })))),
    [["Line 1", "Line 1", true], ["Line 2", "Line 2", true], ["Line 3", "Line 3", true]]);
});

test("a cue changed on both sides pairs by position between identical ones", () => {
  const theirs = [cue(1), cue(2, "Theirs"), cue(3)];
  const mine = [cue(1), cue(2, "Mine"), cue(3)];
  assert.deepEqual(shape(pairCues(theirs, mine)),
    [["Line 1", "Line 1", true], ["Theirs", "Mine", false], ["Line 3", "Line 3", true]]);
});

test("an added or deleted cue stands alone", () => {
  assert.deepEqual(shape(pairCues([cue(1), cue(3)], [cue(1), cue(2), cue(3)])),
    [["Line 1", "Line 1", true], [null, "Line 2", false], ["Line 3", "Line 3", true]]);
  assert.deepEqual(shape(pairCues([cue(1), cue(2), cue(3)], [cue(1), cue(3)])),
    [["Line 1", "Line 1", true], ["Line 2", null, false], ["Line 3", "Line 3", true]]);
  assert.deepEqual(shape(pairCues([], [cue(1)])), [[null, "Line 1", false]]);
  assert.deepEqual(pairCues([], []), []);
});

test("uneven gaps pair by order, then the rest stand alone", () => {
  const theirs = [cue(1), cue(2, "T2"), cue(9)];
  const mine = [cue(1), cue(2, "M2"), cue(3, "M3"), cue(9)];
  assert.deepEqual(shape(pairCues(theirs, mine)),
    [["Line 1", "Line 1", true], ["T2", "M2", false], [null, "M3", false], ["Line 9", "Line 9", true]]);
});

test("the default choice keeps my edits and takes their edits", () => {
  const base = new Set([cue(1), cue(2), cue(3)].map(cueKey));
  const choice = (theirs, mine, same = false) => defaultChoice({ theirs, mine, same }, base);
  assert.equal(choice(cue(1), cue(1), true), "theirs");
  assert.equal(choice(cue(2), cue(2, "I edited"), false), "mine");      // I changed it, they did not
  assert.equal(choice(cue(3, "They edited"), cue(3)), "theirs");        // they changed it, I did not
  assert.equal(choice(null, cue(4, "I added")), "mine");
  assert.equal(choice(cue(4, "They added"), null), "theirs");
  assert.equal(choice(cue(2), null), "mine");                           // I deleted a cue they left alone
  assert.equal(choice(null, cue(2)), "theirs");                         // they deleted a cue I left alone
});

test("resolve applies the choices, drops deletions and returns plain cues", () => {
  const pairs = pairCues([cue(1), cue(2, "T2"), cue(3)], [cue(1), cue(2, "M2")]);
  assert.deepEqual(shape(pairs), [["Line 1", "Line 1", true], ["T2", "M2", false], ["Line 3", null, false]]);
  pairs[0].choice = "theirs";
  pairs[1].choice = "mine";
  pairs[2].choice = "mine";  // keep my deletion
  assert.deepEqual(resolve(pairs), [
    { start_ms: 1000, end_ms: 1900, text: "Line 1", status: null, identifier: null, settings: null },
    { start_ms: 2000, end_ms: 2900, text: "M2", status: null, identifier: null, settings: null },
  ]);
  pairs[2].choice = "theirs";
  assert.deepEqual(resolve(pairs).map((c) => c.text), ["Line 1", "M2", "Line 3"]);
});

// --- three-way: against the revision both sides started from ---------------------------------
import { mergeCues, planMerge } from "../../localize/web/static/editor-conflict.js";

const three = (pairs) => pairs.map((p) => [p.theirs?.text ?? null, p.mine?.text ?? null, p.same ? "same" : p.auto || "ask"]);

test("only the cues both sides changed are asked; one-sided changes merge alone", () => {
  const base = [cue(1), cue(2), cue(3), cue(4)];
  const theirs = [cue(1, "T1"), cue(2, "T2"), cue(3), cue(4)];   // they changed 1 and 2
  const mine = [cue(1, "M1"), cue(2), cue(3, "M3"), cue(4)];     // I changed 1 and 3
  assert.deepEqual(three(mergeCues(base, theirs, mine)), [
    ["T1", "M1", "ask"], ["T2", "Line 2", "theirs"], ["Line 3", "M3", "mine"], ["Line 4", "Line 4", "same"]]);
  const plan = planMerge(base, theirs, mine);
  assert.equal(plan.conflicts, 1);
  assert.equal(plan.merged, 2);
  assert.deepEqual(resolve(plan.pairs).map((c) => c.text), ["M1", "T2", "M3", "Line 4"]);  // mine by default on 1
});

test("the same change on both sides is no conflict and no merge", () => {
  const base = [cue(1), cue(2)];
  const plan = planMerge(base, [cue(1, "Both"), cue(2)], [cue(1, "Both"), cue(2)]);
  assert.equal(plan.conflicts, 0);
  assert.equal(plan.merged, 0);
  assert.deepEqual(resolve(plan.pairs).map((c) => c.text), ["Both", "Line 2"]);
});

test("cues added or deleted on one side merge alone, wherever they are", () => {
  const base = [cue(1), cue(2), cue(3)];
  const theirs = [cue(1), cue(2), cue(3), cue(5, "They added")];   // they added at the end
  const mine = [cue(1), cue(3)];                                    // I deleted cue 2
  const plan = planMerge(base, theirs, mine);
  assert.equal(plan.conflicts, 0);
  assert.equal(plan.merged, 2);
  assert.deepEqual(resolve(plan.pairs).map((c) => c.text), ["Line 1", "Line 3", "They added"]);
});

test("a cue I edited that they deleted is asked", () => {
  const base = [cue(1), cue(2), cue(3)];
  const plan = planMerge(base, [cue(1), cue(3)], [cue(1), cue(2, "Mine"), cue(3)]);
  assert.equal(plan.conflicts, 1);
  assert.deepEqual(three(plan.pairs.filter((p) => !p.same)), [[null, "Mine", "ask"]]);
});

test("without a base (it could not be loaded) every difference is asked", () => {
  const plan = planMerge([], [cue(1, "T"), cue(2)], [cue(1, "M"), cue(2)]);
  assert.equal(plan.conflicts, 1);
  assert.equal(plan.merged, 0);
});
