// The subtitle editor. The page renders its data (cues, source cues, preset limits, QC, history,
// sentences in the reader's language) into #editor-data; this script edits the cues in place,
// counts as you type, and saves through the page's JSON endpoints with the CSRF header.
//   editor-text.js     times, on-screen length, reading speed (as the server's QC counts them)
//   editor-rows.js     the cue rows, counters and findings
//   editor-save.js     drafts in this browser, save, restore, history (shared with script.js)
//   editor-sync.js     the cues as editor-save.js sees them; the conflict panel, cue by cue
//   editor-conflict.js theirs beside mine, chosen per cue or for all
import { formatTime, parseTime, plain } from "./editor-text.js";
import { attach, fillSource, markCurrent, recheck, renderAll, sourcesFor, updateBar, updateMeters, working } from "./editor-rows.js";
import { cueDoc } from "./editor-sync.js";
import { draftSoon, drawHistory, resumeDraft, save } from "./editor-save.js";
import { startMemory } from "./editor-memory.js";

const dataBlock = document.getElementById("editor-data");
if (dataBlock) start(JSON.parse(dataBlock.textContent));

function start(cfg) {
  const $ = (id) => document.getElementById(id);
  const ed = {
    cfg, S: cfg.strings, P: cfg.preset, draftTimer: 0, doc: cueDoc,
    trackQc: cfg.qc.filter((f) => f.cue === 0),  // track-wide findings (an ignored QC override)
    csrf: document.querySelector('meta[name="csrf-token"]')?.content || "",
    st: { revision: cfg.revision, base: cfg.cues.map(plain), cues: [], current: 0, saving: false,
          conflict: false, revisions: cfg.revisions },
    els: { list: $("cues"), summary: $("ed-summary"), save: $("ed-save"), video: $("ed-video"), root: $("editor"),
           rowTemplate: $("tpl-cue"), revision: $("ed-revision"), count: $("ed-count"), qc: $("ed-qc"),
           state: $("ed-state"), message: $("ed-message"), draft: $("ed-draft"), conflict: $("conflict"),
           history: $("history"), loading: $("ed-loading") },
    changed() {
      updateBar(ed);
      draftSoon(ed);
    },
    onRevision: refreshVideoTrack,
  };
  const { st, els, P } = ed;
  const list = els.list, video = els.video;
  const rowAt = (i) => list.children[i];
  const indexOf = (row) => st.cues.findIndex((c) => String(c.uid) === row.dataset.uid);

  // --- moving between cues, and the video ----------------------------------------------------
  function seek(index, play = false) {
    if (!video || !st.cues[index]) return;
    video.currentTime = st.cues[index].start_ms / 1000 + 0.001;
    if (play) video.play().catch(() => {});
  }

  function focusCue(index, { seekVideo = true } = {}) {
    if (!st.cues.length) return;
    st.current = Math.max(0, Math.min(index, st.cues.length - 1));
    markCurrent(ed);
    const row = rowAt(st.current);
    if (!row) return;  // still being drawn (a long track)
    row.querySelector("textarea").focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
    if (seekVideo) seek(st.current);
  }

  function refreshVideoTrack() {
    const old = video && video.querySelector("track");
    if (!old) return;
    const track = old.cloneNode();
    track.src = `${cfg.urls.vtt}?play=1&r=${st.revision}`;
    old.replaceWith(track);
    track.track.mode = "showing";
  }

  if (video) {
    video.addEventListener("timeupdate", () => {
      const t = video.currentTime * 1000;
      st.cues.forEach((c, i) => rowAt(i)?.classList.toggle("playing", c.start_ms <= t && t < c.end_ms));
    });
  }

  // --- editing -------------------------------------------------------------------------------
  list.addEventListener("input", (event) => {
    const field = event.target.dataset.field;
    const row = event.target.closest(".cue");
    const cue = row && st.cues[indexOf(row)];
    if (!cue || !field) return;
    if (field === "text") {
      cue.text = event.target.value;
      // Typing a translation (or over machine or fuzzy text) makes it the person's translation.
      if (["untranslated", "machine", "fuzzy"].includes(cue.status) && cue.text.trim()) {
        cue.status = "translated";
        row.querySelector("[data-field='status']").value = "translated";
      }
    } else if (field === "start" || field === "end") {
      const ms = parseTime(event.target.value);
      cue.raw[field] = event.target.value;
      if (ms !== null) cue[`${field}_ms`] = ms;
      const valid = (f) => parseTime(cue.raw[f] ?? formatTime(cue[`${f}_ms`])) !== null;
      cue.bad.start = !valid("start");
      cue.bad.end = !valid("end") || (valid("start") && cue.end_ms <= cue.start_ms);
      for (const f of ["start", "end"]) {
        const input = row.querySelector(`[data-field="${f}"]`);
        if (cue.bad[f]) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      }
      fillSource(ed, row, indexOf(row));
    }
    updateMeters(ed, row, cue);
    recheck(ed);  // live QC: this cue, and its neighbours' overlaps and gaps
    ed.changed();
  });

  list.addEventListener("change", (event) => {
    const row = event.target.closest(".cue");
    const cue = row && st.cues[indexOf(row)];
    if (!cue) return;
    if (event.target.dataset.field === "status") {
      cue.status = event.target.value || null;
      recheck(ed);  // an empty cue is "untranslated" or "no visible text" by its status
      ed.changed();
    } else if (event.target.classList.contains("time") && !cue.bad.start && !cue.bad.end) {
      cue.raw = {};  // valid times are shown again in the one format
      row.querySelector("[data-field='start']").value = formatTime(cue.start_ms);
      row.querySelector("[data-field='end']").value = formatTime(cue.end_ms);
    }
  });

  list.addEventListener("focusin", (event) => {
    const row = event.target.closest(".cue");
    const index = row ? indexOf(row) : -1;
    if (index < 0 || (index === st.current && row.classList.contains("current"))) return;
    st.current = index;
    markCurrent(ed);
    seek(index);
  });

  list.addEventListener("click", (event) => {
    const row = event.target.closest(".cue");
    const index = row ? indexOf(row) : -1;
    if (index < 0) return;
    if (event.target.closest("[data-play]")) { st.current = index; markCurrent(ed); seek(index, true); }
    else if (event.target.closest("[data-insert]")) insertAfter(index);
    else if (event.target.closest("[data-delete]")) removeCue(index);
    else if (event.target.closest("[data-source]")) { st.current = index; markCurrent(ed); seek(index); }
  });

  /** A new cue after `index`: after that cue and the preset's gap, up to 2 s, before the next one. */
  function insertAfter(index) {
    const prev = st.cues[index], next = st.cues[index + 1];
    const gap = P.min_gap_ms || 0;
    const startMs = prev ? prev.end_ms + gap : (video ? Math.round(video.currentTime * 1000) : 0);
    let endMs = startMs + 2000;
    if (next && next.start_ms - gap >= startMs + P.min_duration_ms) endMs = Math.min(endMs, next.start_ms - gap);
    const status = st.cues.some((c) => c.status) || cfg.source ? "untranslated" : null;
    st.cues.splice(index + 1, 0, working({ start_ms: startMs, end_ms: endMs, text: "", status }));
    recheck(ed, false);
    renderAll(ed);
    focusCue(index + 1, { seekVideo: false });
    ed.changed();
  }

  function removeCue(index) {
    st.cues.splice(index, 1);
    recheck(ed, false);
    renderAll(ed);
    if (st.cues.length) focusCue(Math.min(index, st.cues.length - 1), { seekVideo: false });
    ed.changed();
  }

  $("ed-add")?.addEventListener("click", () => insertAfter(st.cues.length - 1));
  els.save?.addEventListener("click", () => save(ed));

  document.addEventListener("keydown", (event) => {
    const key = event.key;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && key.toLowerCase() === "s") {
      event.preventDefault();
      save(ed);
    } else if ((event.altKey || event.ctrlKey) && (key === "ArrowDown" || key === "ArrowUp") && !st.conflict) {
      event.preventDefault();
      focusCue(st.current + (key === "ArrowDown" ? 1 : -1));
    }
  });

  // --- start -----------------------------------------------------------------------------------
  st.cues = attach(cfg.cues, cfg.cues, cfg.qc);
  renderAll(ed);
  drawHistory(ed);
  resumeDraft(ed);
  // --- memory and machine suggestions for the focused cue (editor-memory.js) ---
  startMemory({ list, row: ".cue", cfg: cfg.memory, describe: (row) => {
    const index = indexOf(row), found = index < 0 ? [] : sourcesFor(ed, index);
    if (!found.length) return null;
    const at = cfg.source.cues.indexOf(found[0]);
    return { key: `${st.cues[index].uid}`, text: found.map((s) => s.text).join("\n"),
             previous: at > 0 ? cfg.source.cues[at - 1].text : null, speaker: null };
  } });
}
