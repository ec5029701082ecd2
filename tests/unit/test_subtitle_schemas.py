"""The subtitle bodies' schemas alone: what a cue may be, and how problems name the cue and field."""
import pytest

from localize.errors import ValidationFailed
from localize.subtitles import schemas
from localize.subtitles.tracks import validate_cues


def details(call):
    with pytest.raises(ValidationFailed) as caught:
        call()
    return caught.value.details


def test_cues_in_seconds_or_milliseconds_become_sorted_rows():
    rows = validate_cues([
        {"start": 4, "end": 6.5, "text": "b\n\n  \nc", "identifier": "", "settings": "align:start"},
        {"start_ms": 1000, "end_ms": 3000.7, "start": 99, "text": "a", "status": "reviewed", "position": 7},
    ])
    assert rows == [
        {"start_ms": 1000, "end_ms": 3000, "text": "a", "identifier": None, "settings": None, "status": "reviewed"},
        {"start_ms": 4000, "end_ms": 6500, "text": "b\nc", "identifier": None, "settings": "align:start",
         "status": None}]


@pytest.mark.parametrize("cue, field, message", [
    ({"end": 2, "text": "x"}, "start", "a time in seconds (start) or ms (start_ms) is required"),
    ({"start": 1, "text": "x"}, "end", "a time in seconds (end) or ms (end_ms) is required"),
    ({"start": 3, "end": 1, "text": "x"}, "end", "the cue ends before it starts"),
    ({"start": 1, "end": 2, "text": "a --> b"}, "text", "cue text cannot contain '-->'"),
    ({"start": 1, "end": 2, "settings": "a\nb"}, "settings", "must be one line of text"),
    ({"start": 1, "end": 2, "identifier": "a --> b"}, "identifier", "must be one line of text"),
    ({"start": 1, "end": 2, "text": None}, "text", "Input should be a valid string"),
    ({"start": True, "end": 2}, "start", "Input should be a valid number"),
    ({"start": "1", "end": 2}, "start", "Input should be a valid number"),
    ({"start_ms": -5, "end_ms": 2}, "start_ms", "Input should be greater than or equal to 0"),
])
def test_a_bad_cue_names_its_number_and_field(cue, field, message):
    good = {"start": 0, "end": 0.5, "text": "ok"}
    assert details(lambda: validate_cues([good, cue])) == [{"field": field, "cue": 2, "message": message}]


def test_status_is_one_of_the_cue_statuses():
    [problem] = details(lambda: validate_cues([{"start": 1, "end": 2, "status": "done"}]))
    assert problem["field"] == "status" and problem["cue"] == 1
    assert "'untranslated', 'machine', 'fuzzy', 'translated' or 'reviewed'" in problem["message"]


def test_not_a_list_and_not_an_object():
    assert details(lambda: validate_cues("nope")) == [{"field": "cues", "message": "Input should be a valid list"}]
    [problem] = details(lambda: validate_cues([{"start": 1, "end": 2}, 5]))
    assert problem["field"] == "cues" and problem["cue"] == 2


@pytest.mark.parametrize("revision", [True, "2", 1.5])
def test_revision_is_a_strict_integer(revision):
    with pytest.raises(ValidationFailed) as caught:
        schemas.parse(schemas.SaveBody, {"revision": revision, "cues": []})
    assert caught.value.details[0]["field"] == "revision"
    assert caught.value.message == "invalid fields: revision"
    assert schemas.parse(schemas.SaveBody, {"revision": None, "cues": []}).revision is None
    assert schemas.parse(schemas.EditorSaveBody, {"revision": 0, "cues": []}).revision == 0
    assert details(lambda: schemas.parse(schemas.RestoreBody, {}))[0]["field"] == "revision"


def test_translate_body_prefill_is_machine_or_nothing():
    assert schemas.parse(schemas.TranslateBody, {}).prefill is None
    assert schemas.parse(schemas.TranslateBody, {"prefill": "machine"}).prefill == "machine"
    assert details(lambda: schemas.parse(schemas.TranslateBody, {"prefill": "human"}))[0]["field"] == "prefill"
    assert details(lambda: schemas.parse(schemas.TranslateBody, {"source_locale": 5}))[0]["field"] == "source_locale"


def test_the_schema_lists_the_cue_statuses():
    schema = schemas.SaveBody.model_json_schema()
    status = schema["$defs"]["CueIn"]["properties"]["status"]["anyOf"][0]
    assert status["enum"] == ["untranslated", "machine", "fuzzy", "translated", "reviewed"]
