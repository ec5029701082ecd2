"""Script checks and the re-import pairing, without a database."""
from localize.scripts.checks import Context, Line, check_script
from localize.scripts.files import pair_segments


def rules(lines, kind="remake", **ctx):
    return [(f.segment, f.rule) for f in check_script(lines, Context(kind, **ctx))]


def test_the_original_is_only_checked_for_empty_segments():
    assert rules([Line(1, "action", " ", "approved"), Line(2, "dialogue", "Hi", "approved")], "original") \
        == [(1, "empty")]


def test_adaptation_rules():
    lines = [Line(1, "dialogue", "", "new", source_text="Hi", source_kind="dialogue", character_id=1),
             Line(2, "dialogue", "Hola Ethan", "translated", character_id=1, source_text="Hi Ethan"),
             Line(3, "dialogue", "Son tres", "translated", character_id=1, source_text="It is 3 or 4.5"),
             Line(4, "dialogue", "Eh", "translated", speaker="BOB", source_text="Eh"),
             Line(5, "action", "x", "cut", outdated=True, source_text="y"),
             Line(6, "action", "x", "translated", outdated=True, source_text="y", written_against="z")]
    found = check_script(lines, Context("remake", {"Ethan": "Mateo"}))
    assert [(f.segment, f.rule) for f in found] == [
        (1, "untranslated"), (2, "original-name"), (3, "numbers"), (3, "numbers"), (4, "unknown-speaker"),
        (6, "outdated")]
    assert [f.value for f in found if f.rule == "numbers"] == ["3", "45"]
    assert found[-1].value == "y" and found[-1].limit == "z"


def test_length_ratio_applies_to_dubbed_dialogue_only():
    line = Line(1, "dialogue", "x" * 14, "translated", character_id=1, source_text="x" * 10, source_kind="dialogue")
    assert rules([line], "dub") == [(1, "length-ratio")]
    assert rules([line], "dub", length_ratio={"min": 0.5, "max": 1.5}) == []
    assert rules([line], "remake") == []


def test_pairing_keeps_equal_and_edited_segments_and_not_inserted_ones():
    old = [("scene", "", "INT. HOUSE"), ("dialogue", "ETHAN", "I came back."), ("dialogue", "CLAIRE", "Why?"),
           ("action", "", "Rain falls.")]
    new = [("scene", "", "INT. HOUSE"), ("action", "", "Thunder."), ("dialogue", "ETHAN", "I came back, Claire."),
           ("action", "", "Rain falls.")]
    assert pair_segments(old, new) == {0: 0, 2: 1, 3: 3}
