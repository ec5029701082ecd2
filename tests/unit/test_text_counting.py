"""The server's QC counts text as tests/data/text_counting.json says; tests/js/editor-text.test.mjs holds
the editor's live counters to the same cases, so the two implementations cannot drift apart."""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from localize.subtitles.editor import full_width_ranges
from localize.presets import PRESETS, preset_with_overrides
from localize.subtitles.qc import check_track, strip_tags, visible_length

CASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "text_counting.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES["strip_tags"], ids=lambda c: c["text"])
def test_strip_tags(case):
    assert strip_tags(case["text"]) == case["visible"]


@pytest.mark.parametrize("case", CASES["visible_length"], ids=lambda c: f"{c['counting']}:{c['line']}")
def test_visible_length(case):
    assert visible_length(case["line"], case["counting"]) == case["length"]


@pytest.mark.parametrize("counting", sorted(CASES["full_width"]))
def test_the_shared_width_table_is_the_servers(counting):
    """The JS test counts with the JSON's table: for every character of the cases it must say what the
    editor's table (full_width_ranges, from unicodedata) says."""
    table, shared = full_width_ranges(counting), CASES["full_width"][counting]
    chars = {ord(ch) for c in CASES["visible_length"] if c["counting"] == counting
             for ch in strip_tags(c["line"]) if ord(ch) >= 0x80}
    assert chars, counting
    for cp in chars:
        assert any(a <= cp <= b for a, b in table) == any(a <= cp <= b for a, b in shared), hex(cp)


@pytest.mark.parametrize("case", CASES["reading_speed"], ids=lambda c: repr(c["text"]))
def test_reading_speed(case):
    # A limit no text stays under makes the check report every measurable cue's speed.
    preset = preset_with_overrides(PRESETS["netflix-en-us"], max_cps=0.001)
    cue = SimpleNamespace(start_ms=case["start_ms"], end_ms=case["end_ms"], text=case["text"],
                          identifier=None, settings=None)
    found = [f for f in check_track([cue], preset) if f.rule == "reading_speed"]
    if case["cps"] == 0:
        assert found == []
        return
    (finding,) = found
    assert finding.value == case["cps"]
    assert re.search(rf"\b{case['chars']} characters in", finding.message)
