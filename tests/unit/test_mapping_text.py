"""A remake's episode mapping as the text a lead types, and back."""
import pytest

from localize.catalog.mapping import format_mapping, locate, parse_mapping
from localize.errors import ValidationFailed


def test_parse_lines_ranges_comments_and_blank_lines():
    text = "# merges 5+6\n1: 1\n2: 2, 3\n\n3 : 4 - 6\n4=7 8\n"
    mapping, lines = parse_mapping(text)
    assert mapping == {1: [1], 2: [2, 3], 3: [4, 5, 6], 4: [7, 8]}
    assert lines == {1: 2, 2: 3, 3: 5, 4: 6}


def test_empty_text_is_the_identity():
    assert parse_mapping("  \n\n") == ({}, {})


def test_every_bad_line_is_named():
    with pytest.raises(ValidationFailed) as caught:
        parse_mapping("1: 1\nfoo\nx: 2\n3: 9-7\n1: 4\n4:\n5: 2, b")
    found = [(d["line"], d["code"]) for d in caught.value.details]
    assert found == [(2, "syntax"), (3, "number"), (4, "range"), (5, "duplicate"), (6, "syntax"), (7, "number")]
    duplicate = caught.value.details[3]
    assert duplicate["episode"] == 1 and duplicate["first_line"] == 1
    assert all(d["field"] == "episode_mapping" for d in caught.value.details)


def test_format_compacts_runs_and_round_trips():
    stored = {"1": [1], "2": [2, 3], "3": [4, 5, 6], "10": [12, 14]}
    text = format_mapping(stored)
    assert text == "1: 1\n2: 2, 3\n3: 4-6\n10: 12, 14"
    assert parse_mapping(text)[0] == {int(k): v for k, v in stored.items()}
    assert format_mapping(None) == ""


def test_locate_adds_the_line_to_service_errors():
    exc = ValidationFailed("bad", [{"field": "episode_mapping", "episode": 7, "message": "outside"},
                                   {"field": "free_episodes", "message": "x"}])
    locate(exc, {7: 12})
    assert exc.details[0]["line"] == 12 and "line" not in exc.details[1]
