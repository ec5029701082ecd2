"""The server's QC finds what tests/data/qc_cases.json says; tests/js/editor-qc.test.mjs holds the
editor's live QC (static/editor-qc.js) to the same cases, so what the editor shows while typing is
what a save reports."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from localize.presets import PRESETS, preset_with_overrides
from localize.subtitles.editor import full_width_ranges, preset_data
from localize.subtitles.qc import CHECKS, TRACK_RULES, check_track, strip_tags
from localize.subtitles.tracks import _untranslated

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = json.loads((DATA / "qc_cases.json").read_text("utf-8"))
WIDTHS = json.loads((DATA / "text_counting.json").read_text("utf-8"))["full_width"]


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["name"])
def test_server_qc_finds_what_the_shared_cases_say(case):
    preset = preset_with_overrides(PRESETS[case["preset"]], **case.get("overrides", {}))
    cues = [SimpleNamespace(**c) for c in case["cues"]]
    findings = _untranslated(check_track(cues, preset, episode_duration_ms=case.get("episode_duration_ms"),
                                         renamed_names=case.get("renamed_names")), cues)
    assert [[f.cue, f.rule, f.severity, f.value, f.limit] for f in findings] == case["findings"]


@pytest.mark.parametrize("preset_id", sorted(CASES["presets"]))
def test_the_shared_presets_are_the_servers(preset_id):
    """The JS test checks with the JSON's limits: they must be what the editor page sends."""
    sent = preset_data(PRESETS[preset_id])
    assert CASES["presets"][preset_id] == {k: v for k, v in sent.items() if k not in ("full_width", "name", "source")}


def test_the_cases_cover_every_rule_a_browser_runs():
    found = {f[1] for case in CASES["cases"] for f in case["findings"]}
    assert found == set(CHECKS) | set(TRACK_RULES) | {"untranslated"}


@pytest.mark.parametrize("counting", sorted(WIDTHS))
def test_the_width_table_the_js_test_uses_covers_the_cases(counting):
    table, shared = full_width_ranges(counting), WIDTHS[counting]
    chars = {ord(ch) for case in CASES["cases"] if CASES["presets"][case["preset"]]["counting"] == counting
             for cue in case["cues"] for ch in strip_tags(cue["text"]) if ord(ch) >= 0x80}
    assert chars, counting
    for cp in chars:
        assert any(a <= cp <= b for a, b in table) == any(a <= cp <= b for a, b in shared), hex(cp)
