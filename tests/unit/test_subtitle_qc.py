"""Subtitle QC presets and checks, without a database."""
from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from localize.subtitles.formats import ParsedCue
from localize.presets import PRESETS, default_preset_for, preset_with_overrides
from localize.subtitles.qc import CHECKS, TRACK_RULES, Finding, check_track, strip_tags, visible_length

EN = PRESETS["netflix-en-us"]


def cue(start, end, text="Fine.", **extra):
    return SimpleNamespace(start_ms=start, end_ms=end, text=text, identifier=None, settings=None, **extra)


def rules(findings, rule=None):
    return [(f.cue, f.rule) for f in findings if rule is None or f.rule == rule]


def only(findings, rule) -> Finding:
    hits = [f for f in findings if f.rule == rule]
    assert len(hits) == 1, findings
    return hits[0]


# --- presets ---------------------------------------------------------------------------------

def test_presets_follow_the_brief_table():
    table = {  # chars/line, lines, max cps, min dur, max dur, min gap
        "netflix-en-us": (42, 2, 20, 833, 7000, 83),
        "netflix-latin": (42, 2, 17, 833, 7000, 83),
        "netflix-ja": (13, 2, 4, 833, 7000, 83),
        "netflix-ko": (16, 2, 12, 833, 7000, 83),
        "netflix-zh": (16, 2, 9, 833, 7000, 83),
        "vertical-9x16": (24, 2, 25, 700, 5000, 0),
        "amara": (42, 2, 21, 700, 7000, None),
    }
    assert set(PRESETS) == set(table)
    for pid, limits in table.items():
        p = PRESETS[pid]
        assert p.id == pid
        assert (p.max_chars_per_line, p.max_lines, p.max_cps, p.min_duration_ms, p.max_duration_ms,
                p.min_gap_ms) == limits
        assert p.name and p.source and p.read_on == "2026-11-01"
    assert PRESETS["netflix-ja"].counting == "cjk-halfwidth-half"
    assert PRESETS["netflix-ko"].counting == "korean-latin-half"
    assert PRESETS["netflix-zh"].counting == "chars"


@pytest.mark.parametrize("lang, pid", [
    ("en", "netflix-en-us"), ("en-US", "netflix-en-us"), ("en_GB", "netflix-en-us"),
    ("ja", "netflix-ja"), ("ja-JP", "netflix-ja"), ("ko", "netflix-ko"), ("ko-KR", "netflix-ko"),
    ("zh", "netflix-zh"), ("zh-Hans", "netflix-zh"), ("zh-Hant-TW", "netflix-zh"),
    ("es-MX", "netflix-latin"), ("pt-BR", "netflix-latin"), ("fr", "netflix-latin"), ("de", "netflix-latin"),
])
def test_default_preset_for(lang, pid):
    assert default_preset_for(lang).id == pid


def test_presets_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        EN.max_cps = 30


def test_preset_with_overrides_returns_a_new_preset():
    custom = preset_with_overrides(EN, max_chars_per_line=24, min_gap_ms=None)
    assert (custom.max_chars_per_line, custom.min_gap_ms, custom.max_cps) == (24, None, 20)
    assert EN.max_chars_per_line == 42


def test_preset_with_overrides_refuses_unknown_names():
    with pytest.raises(ValueError, match="max_chars"):
        preset_with_overrides(EN, max_chars=30)


@pytest.mark.parametrize("overrides", [
    {"counting": "words"}, {"max_cps": 0}, {"max_cps": "fast"}, {"max_lines": True},
    {"min_gap_ms": -1}, {"min_duration_ms": 8000},
])
def test_preset_with_overrides_validates_values(overrides):
    with pytest.raises(ValueError):
        preset_with_overrides(EN, **overrides)


# --- counting --------------------------------------------------------------------------------

def test_strip_tags():
    assert strip_tags('<i>Hi</i> <b>there</b> <u>you</u> <font color="#fff">x</font>') == "Hi there you x"
    assert strip_tags("<c.yellow.bg>Hey</c> <v Ana>no</v> <00:00:01.500>now {\\an8}top") == "Hey no now top"
    assert strip_tags("Tom &amp; Jerry&nbsp;!") == "Tom & Jerry\xa0!"
    assert strip_tags("a < b and c > d") == "a < b and c > d"


def test_visible_length_chars_ignores_tags_and_counts_spaces():
    assert visible_length("<i>Hello, world</i>") == 12
    assert visible_length("你好，世界", "chars") == 5


def test_visible_length_japanese_half_width_counts_half():
    assert visible_length("こんにちは", "cjk-halfwidth-half") == 5
    assert visible_length("こんにちはabc", "cjk-halfwidth-half") == 6.5
    assert visible_length("ｶﾀｶﾅ", "cjk-halfwidth-half") == 2      # half-width katakana
    assert visible_length("カタカナ！", "cjk-halfwidth-half") == 5   # full-width
    assert visible_length("<i>…</i>", "cjk-halfwidth-half") == 1


def test_visible_length_korean_latin_and_punctuation_count_half():
    assert visible_length("안녕하세요", "korean-latin-half") == 5
    assert visible_length("안녕 Mateo!", "korean-latin-half") == 2 + 0.5 * 7


def test_visible_length_refuses_unknown_rule():
    with pytest.raises(ValueError):
        visible_length("x", "bytes")


# --- per-cue rules ---------------------------------------------------------------------------

def test_clean_track_has_no_findings():
    cues = [cue(0, 2000, "Where were you last night?"), cue(2100, 4000, "<i>Out.</i>\nWith Mateo.")]
    assert check_track(cues, EN, episode_duration_ms=90_000, renamed_names={"Ethan": "Mateo"}) == []


def test_chars_per_line():
    ok = "x" * 42
    findings = check_track([cue(0, 5000, ok), cue(6000, 11000, f"short\n<i>{ok}y</i>")], EN)
    f = only(findings, "chars_per_line")
    assert (f.cue, f.severity, f.value, f.limit) == (2, "warning", 43, 42)
    assert "line 2" in f.message and "43" in f.message


def test_chars_per_line_japanese():
    ja = PRESETS["netflix-ja"]
    fits = "あ" * 12 + "ab"            # 12 + 0.5 + 0.5 = 13
    too_long = "あ" * 13 + "a"          # 13.5
    findings = check_track([cue(0, 7000, fits), cue(8000, 15000, too_long)], ja)
    f = only(findings, "chars_per_line")
    assert (f.cue, f.value, f.limit) == (2, 13.5, 13)


def test_chars_per_line_korean():
    ko = PRESETS["netflix-ko"]
    fits = "가" * 10 + " Mateo!"     # 10 + 3.5
    too_long = "가" * 15 + " ab"      # 15 + 1.5
    findings = check_track([cue(0, 7000, fits), cue(8000, 15000, too_long)], ko)
    assert (only(findings, "chars_per_line").cue, only(findings, "chars_per_line").value) == (2, 16.5)


def test_lines_per_cue():
    findings = check_track([cue(0, 3000, "one\ntwo"), cue(4000, 7000, "one\n<i>two</i>\nthree")], EN)
    f = only(findings, "lines_per_cue")
    assert (f.cue, f.value, f.limit, f.severity) == (2, 3, 2, "warning")


def test_reading_speed_counts_spaces_not_tags_or_breaks():
    # 40 visible characters in 2 s = 20 cps: at the limit, fine.
    at_limit = "<i>" + "a" * 19 + " </i>\n" + "b" * 20
    over = "a" * 21 + "\n" + "b" * 21    # 42 in 2 s = 21 cps
    findings = check_track([cue(0, 2000, at_limit), cue(3000, 5000, over)], EN)
    f = only(findings, "reading_speed")
    assert (f.cue, f.value, f.limit) == (2, 21.0, 20)
    assert "21 characters per second" in f.message


def test_min_and_max_duration():
    findings = check_track([cue(0, 832, "Hi."), cue(1000, 1833, "Hi."), cue(2000, 9001, "Hi."),
                            cue(10_000, 17_000, "Hi.")], EN)
    assert rules(findings, "min_duration") == [(1, "min_duration")]
    assert rules(findings, "max_duration") == [(3, "max_duration")]
    assert (only(findings, "min_duration").value, only(findings, "min_duration").limit) == (832, 833)
    assert (only(findings, "max_duration").value, only(findings, "max_duration").limit) == (7001, 7000)


def test_vertical_preset_durations():
    vertical = PRESETS["vertical-9x16"]
    findings = check_track([cue(0, 699, "Hi."), cue(1000, 1700, "Hi."), cue(2000, 7001, "Hi.")], vertical)
    assert rules(findings, "min_duration") == [(1, "min_duration")]
    assert rules(findings, "max_duration") == [(3, "max_duration")]


@pytest.mark.parametrize("text", ["", "   ", "<i></i>", "<i> </i>\n<b></b>"])
def test_empty_cue(text):
    f = only(check_track([cue(0, 2000, text)], EN), "empty_cue")
    assert (f.cue, f.severity) == (1, "error")


def test_empty_cue_not_fired_for_text():
    assert rules(check_track([cue(0, 2000, "<i>.</i>")], EN), "empty_cue") == []


@pytest.mark.parametrize("text, bad", [
    ("<i>never closed", "<i>"),
    ("closed </b> never opened", "</b>"),
    ("<i><b>crossed</i></b>", "</i>"),
    ('<font color="red">two\nlines', "<font>"),
])
def test_unbalanced_tags(text, bad):
    f = only(check_track([cue(0, 3000, text)], EN), "unbalanced_tags")
    assert (f.severity, f.value) == ("error", bad)


@pytest.mark.parametrize("text", [
    "<i>fine</i>", "<I>upper</I>", "<i>across\nlines</i>", '<font color="red"><b>x</b></font>',
    "<c.yellow>vtt class</c> <v Ana>voice", "no tags",
])
def test_balanced_tags(text):
    assert rules(check_track([cue(0, 3000, text)], EN), "unbalanced_tags") == []


def test_ends_before_start_is_an_error_and_skips_duration_rules():
    findings = check_track([cue(5000, 4000, "Backwards.")], EN)
    assert rules(findings) == [(1, "ends_before_start")]
    assert findings[0].severity == "error"


# --- rules across cues -----------------------------------------------------------------------

def test_min_gap_netflix_two_frames():
    cues = [cue(0, 2000), cue(2050, 4000), cue(4083, 6000), cue(6000, 8000), cue(9000, 11000)]
    findings = check_track(cues, EN)
    f = only(findings, "min_gap")
    assert (f.cue, f.value, f.limit, f.severity) == (2, 50, 83, "warning")
    assert "cue 1" in f.message


def test_min_gap_not_checked_for_vertical_or_amara():
    cues = [cue(0, 2000), cue(2010, 4000)]
    assert rules(check_track(cues, PRESETS["vertical-9x16"]), "min_gap") == []
    assert rules(check_track(cues, PRESETS["amara"]), "min_gap") == []


def test_overlap():
    findings = check_track([cue(0, 2000), cue(1800, 4000)], EN)
    f = only(findings, "overlap")
    assert (f.cue, f.severity, f.value) == (2, "error", 200)
    assert rules(findings, "min_gap") == []


def test_overlap_with_a_long_earlier_cue_and_unsorted_input():
    # Positions are the track's; time order is only used to compare neighbours.
    cues = [cue(5000, 6000, "third"), cue(0, 4500, "long"), cue(1000, 2000, "inside")]
    findings = check_track(cues, EN)
    assert rules(findings, "overlap") == [(3, "overlap")]
    assert "cue 2" in only(findings, "overlap").message


def test_past_episode_end():
    cues = [cue(0, 2000), cue(88_000, 90_500, "Cliffhanger!")]
    f = only(check_track(cues, EN, episode_duration_ms=90_000), "past_episode_end")
    assert (f.cue, f.severity, f.value, f.limit) == (2, "error", 90_500, 90_000)
    assert rules(check_track(cues, EN), "past_episode_end") == []
    assert rules(check_track(cues, EN, episode_duration_ms=90_500), "past_episode_end") == []


# --- renamed characters ----------------------------------------------------------------------

RENAMED = {"Ethan": "Mateo", "José": "Joseph", "Li Wei": "Lucas"}


@pytest.mark.parametrize("text", [
    "Ethan, wait!", "Where is Ethan?", "Ethan's car", "<i>Ethan</i>", "<v Ethan>Stop.", "«Ethan»",
    "José lo sabe.", "Ask Li Wei.",
])
def test_original_name_fires(text):
    findings = check_track([cue(0, 3000, text)], EN, renamed_names=RENAMED)
    f = only(findings, "original_name")
    assert f.limit == RENAMED[f.value]
    assert f.severity == "warning"
    assert f.value in f.message and f.limit in f.message


@pytest.mark.parametrize("text", ["Ethanol is flammable.", "ethan (lowercase)", "MEthan", "Josémaría",
                                  "Mateo, wait!", "Li Weiss"])
def test_original_name_needs_a_whole_word_same_case(text):
    assert rules(check_track([cue(0, 3000, text)], EN, renamed_names=RENAMED), "original_name") == []


def test_original_name_once_per_name_per_cue():
    findings = check_track([cue(0, 3000, "Ethan! Ethan and José.")], EN, renamed_names=RENAMED)
    assert sorted(f.value for f in findings if f.rule == "original_name") == ["Ethan", "José"]


def test_original_name_skips_unchanged_names():
    assert check_track([cue(0, 3000, "Ana.")], EN, renamed_names={"Ana": "Ana"}) == []


# --- the whole thing -------------------------------------------------------------------------

def test_findings_are_sorted_by_cue_and_name_the_cue():
    cues = [cue(0, 500, "x" * 50), cue(400, 2000, ""), cue(3000, 4000, "<i>Ethan")]
    findings = check_track(cues, EN, episode_duration_ms=3500, renamed_names=RENAMED)
    assert [f.cue for f in findings] == sorted(f.cue for f in findings)
    assert {r for _, r in rules(findings)} >= {"chars_per_line", "reading_speed", "min_duration", "overlap",
                                               "empty_cue", "past_episode_end", "unbalanced_tags",
                                               "original_name"}
    for f in findings:
        assert f.message.startswith(f"cue {f.cue}:")
        assert f.severity in ("error", "warning")


def test_every_rule_has_a_documented_severity():
    severities = {c.id: c.severity for c in CHECKS.values()} | TRACK_RULES
    assert severities == {
        "ends_before_start": "error", "empty_cue": "error", "unbalanced_tags": "error", "overlap": "error",
        "past_episode_end": "error", "chars_per_line": "warning", "lines_per_cue": "warning",
        "reading_speed": "warning", "min_duration": "warning", "max_duration": "warning",
        "min_gap": "warning", "original_name": "warning"}


def test_accepts_parsed_cues():
    assert check_track([ParsedCue(0, 2000, "Hello.")], EN) == []


