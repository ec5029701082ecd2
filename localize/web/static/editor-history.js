// The revision history panel of both editors: every save with its author, time and summary;
// what changed in a revision (against the one before); restoring one as a new revision.
import { fmt, formatTime, plural } from "./editor-text.js";

/** A subtitle revision's counts: cues added, removed and changed, and the cues it holds. */
export function cueChanges(rev, ctx) {
  const P = ctx.plurals, ch = rev.changes || {};
  const counts = ["added", "removed", "changed"].map((k) => plural(P[k], ch[k] || 0)).join(", ");
  return { counts, total: plural(P.cues_count, rev.cues) };
}

/** A cue's line above its text in a revision's changes: its times. */
export const cueMeta = (cue) => `${formatTime(cue.start_ms)} → ${formatTime(cue.end_ms)}`;

/**
 * Render `revisions` (newest first) into `list`. `ctx` gives strings, the revisions URL,
 * `canRestore()` (false while the page has unsaved edits), `restore(number)`, `plurals` (the
 * count sentences, see plural()), and for other documents than cues `changes(rev, ctx)` (the
 * counts of a revision, see cueChanges) and `meta(item)` (the line above a changed item's text).
 */
export function renderHistory(list, revisions, current, ctx) {
  const S = ctx.strings;
  const template = document.getElementById("tpl-revision");
  list.replaceChildren();
  for (const rev of revisions) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.revision = rev.number;
    item.querySelector("[data-rev-num]").textContent = fmt(S.revision_label, { n: rev.number });
    item.querySelector("[data-rev-author]").textContent = rev.author;
    item.querySelector("[data-rev-when]").textContent = rev.when;
    item.querySelector("[data-rev-summary]").textContent = rev.summary_shown ?? rev.summary;
    const ch = rev.changes || {};
    const { counts, total } = (ctx.changes || cueChanges)(rev, ctx);
    let changes = counts;
    if (ch.restored_from) changes += ` · ${fmt(S.restored_from, { n: ch.restored_from })}`;
    item.querySelector("[data-rev-changes]").textContent = `${changes} · ${total}`;
    const isCurrent = rev.number === current;
    item.querySelector("[data-rev-current]").hidden = !isCurrent;
    item.classList.toggle("is-current", isCurrent);

    const diffButton = item.querySelector("[data-rev-diff]");
    const diffList = item.querySelector("[data-rev-diffs]");
    diffButton.addEventListener("click", () => toggleDiff(rev.number, diffButton, diffList, ctx));

    const restore = item.querySelector("[data-rev-restore]");
    if (restore) {
      if (isCurrent) restore.remove();
      else {
        restore.title = fmt(S.restore_title, { n: rev.number });
        restore.addEventListener("click", () => {
          if (!ctx.canRestore()) { ctx.say(S.restore_dirty, true); return; }
          restore.disabled = true;
          ctx.restore(rev.number).finally(() => { restore.disabled = false; });
        });
      }
    }
    list.append(item);
  }
  const oldest = revisions.length ? revisions[revisions.length - 1].number : 1;
  if (oldest > 1 && ctx.loadOlder) {
    const more = document.createElement("li");
    more.className = "history-more";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button small";
    button.dataset.historyOlder = "";
    button.textContent = S.older_revisions;
    button.addEventListener("click", () => {
      button.disabled = true;
      ctx.loadOlder().finally(() => { button.disabled = false; });
    });
    more.append(button);
    list.append(more);
  }
}

async function toggleDiff(number, button, list, ctx) {
  const S = ctx.strings;
  if (!list.hidden) {
    list.hidden = true;
    button.textContent = S.show_diff;
    button.setAttribute("aria-expanded", "false");
    return;
  }
  list.hidden = false;
  button.textContent = S.hide_diff;
  button.setAttribute("aria-expanded", "true");
  list.replaceChildren(line("muted", S.loading));
  try {
    const response = await fetch(ctx.revisionUrl(number), { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    list.replaceChildren();
    if (!body.diff.length) list.append(line("muted", S.no_diff));
    for (const d of body.diff) list.append(diffItem(d, S, ctx.meta || cueMeta));
  } catch {
    list.replaceChildren(line("bad", S.load_failed));
  }
}

function line(cls, text) {
  const li = document.createElement("li");
  li.className = cls;
  li.textContent = text;
  return li;
}

function diffItem(d, S, meta) {
  const li = document.createElement("li");
  li.className = `diff-op op-${d.op}`;
  const head = document.createElement("div");
  head.className = "diff-head";
  head.textContent = `#${d.position} · ${S[`op_${d.op}`] || d.op}`;
  li.append(head);
  for (const [item, cls] of [[d.old, "del"], [d.new, "ins"]]) {
    if (!item) continue;
    const el = document.createElement(cls);
    const times = document.createElement("span");
    times.className = "diff-times";
    times.textContent = meta(item);
    const text = document.createElement("span");
    text.className = "diff-text";
    text.textContent = item.text || "∅";
    el.append(times, text);
    li.append(el);
  }
  return li;
}
