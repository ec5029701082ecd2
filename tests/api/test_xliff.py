"""XLIFF 1.2 through the API: export read back by translate-toolkit, a CAT tool's round trip, re-import,
conflicts, refused XML, translators' languages and sign-offs, the zip."""
from __future__ import annotations

import io
import zipfile

import pytest
from translate.storage import xliff as toolkit

from xliff_cat import translate, units

V = "/api/v1/series/heir/versions"
ORIGINAL = f"{V}/en-US/episodes/1/script"
REMAKE = f"{V}/es-MX/episodes/1/script"
EN_SUB = f"{V}/en-US/episodes/1/subtitles/en-US"
ES_SUB = f"{V}/es-MX/episodes/1/subtitles/es-MX"
XLF = {"Content-Type": "application/x-xliff+xml"}
FOUNTAIN = """INT. MANSION - NIGHT

Ethan walks in, soaked.

ETHAN (V.O.)
I came back for what is mine.

CLAIRE
(whispering)
You were gone for 3 years.
"""
VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
Where were you?

00:00:04.000 --> 00:00:06.500
I came back
for what is mine.

00:00:07.000 --> 00:00:09.000
Three years.
"""


@pytest.fixture
def remake(lead, series):
    r = lead.put(ORIGINAL, data=FOUNTAIN.encode(), headers={"Content-Type": "text/plain"})
    assert r.status_code == 201, r.get_json()
    assert lead.post(REMAKE + "/translate").status_code == 201
    return lead.get(REMAKE).get_json()


@pytest.fixture
def track(lead, series):
    r = lead.put(EN_SUB, data=VTT.encode(), headers={"Content-Type": "text/vtt"})
    assert r.status_code == 201, r.get_json()
    r = lead.post(ES_SUB + "/translate", {"source_locale": "es-MX", "source_language": "en-US"})
    assert r.status_code in (201, 404), r.get_json()
    if r.status_code == 404:  # the remake has no English track: translate from the original's
        r = lead.post(ES_SUB + "/translate", {"source_locale": "en-US", "source_language": "en-US"})
    assert r.status_code == 201, r.get_json()
    return lead.get(ES_SUB).get_json()


@pytest.fixture
def translator(api):
    return api("translator", ["es-MX"])


def test_script_export_reads_back_in_translate_toolkit(lead, remake):
    r = lead.get(REMAKE + ".xlf")
    assert r.status_code == 200 and r.mimetype == "application/x-xliff+xml"
    assert 'filename="ep001.script.es-MX.xlf"' in r.headers["Content-Disposition"]
    assert b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"' in r.data
    store = toolkit.xlifffile.parsestring(r.data)
    assert store.getsourcelanguage() == "en-US" and store.gettargetlanguage() == "es-MX"
    assert store.getfilenames() == ["series/heir/versions/es-MX/episodes/1/script"]
    read = store.units
    assert [u.source for u in read] == [s["source"]["text"] for s in remake["segments"]]
    assert [u.target for u in read] == [s["text"] for s in remake["segments"]]
    assert [u.getid().split("\x04")[-1] for u in read] == [f"s{s['id']}" for s in remake["segments"]]
    assert {u.xmlelement.get("resname") for u in read} == {f"ep001/s{s['id']}" for s in remake["segments"]}
    assert {u["state"] for u in units(r.data).values()} == {"needs-translation"}
    notes = units(r.data)[f"s{remake['segments'][2]['id']}"]["notes"]
    assert ("speaker", "Ethan (V.O.)") in notes and ("kind", "dialogue") in notes
    assert ("speaker", "Claire (whispering)") in units(r.data)[f"s{remake['segments'][3]['id']}"]["notes"]


def test_track_export_has_timecodes_maxwidth_and_empty_targets(lead, track):
    lead.patch(f"{V}/es-MX", {"qc_overrides": {"max_chars_per_line": 40}})
    r = lead.get(ES_SUB + ".xlf")
    assert r.status_code == 200
    store = toolkit.xlifffile.parsestring(r.data)
    assert [u.source for u in store.units] == ["Where were you?", "I came back\nfor what is mine.", "Three years."]
    assert [u.target for u in store.units] == ["", "", ""]
    read = units(r.data)
    assert list(read) == ["c1000-3000", "c4000-6500", "c7000-9000"]
    assert read["c4000-6500"]["maxwidth"] == "80" and read["c4000-6500"]["state"] == "needs-translation"
    assert ("timecode", "00:00:04.000 --> 00:00:06.500") in read["c4000-6500"]["notes"]
    assert b'size-unit="char"' in r.data and b'xml:space="preserve"' in r.data


def test_a_cat_tools_round_trip_applies_only_changed_targets_as_one_revision(translator, remake):
    exported = translator.get(REMAKE + ".xlf").data
    first, second = (f"s{s['id']}" for s in remake["segments"][1:3])
    edited = translate(exported, {first: ("Ethan entra, empapado.", "translated"),
                                  second: ("Volví por lo que es mío.", "needs-review-translation")})
    r = translator.put(REMAKE + ".xlf", data=edited, headers=XLF)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["applied"] == 2 and body["unchanged"] == len(remake["segments"]) - 2
    assert body["revision"] == 2 and isinstance(body["checks"], list)
    segments = translator.get(REMAKE).get_json()["segments"]
    assert segments[1]["text"] == "Ethan entra, empapado." and segments[1]["status"] == "translated"
    assert segments[2]["text"] == "Volví por lo que es mío." and segments[2]["status"] in ("fuzzy", "translated")
    history = translator.get(REMAKE + "/revisions").get_json()["revisions"]
    assert history[0]["number"] == 2 and "XLIFF" in history[0]["summary"]
    again = translator.put(REMAKE + ".xlf", data=edited, headers=XLF)
    assert again.status_code == 200 and again.get_json()["applied"] == 0 and again.get_json()["revision"] == 2
    # Multipart works too, and a fresh export carries the new revision.
    fresh = translator.get(REMAKE + ".xlf").data
    assert b'phase-name="localize-r2"' in fresh
    r = translator.put(REMAKE + ".xlf", data={"file": (io.BytesIO(fresh), "ep1.xlf")},
                       content_type="multipart/form-data")
    assert r.status_code == 200 and r.get_json()["applied"] == 0


def test_a_translators_sign_off_becomes_translated_and_a_leads_becomes_reviewed(translator, lead, remake):
    ids = [f"s{s['id']}" for s in remake["segments"]]
    exported = translator.get(REMAKE + ".xlf").data
    r = translator.put(REMAKE + ".xlf", data=translate(exported, {ids[0]: ("INT. MANSIÓN - NOCHE", "final")}),
                       headers=XLF)
    assert r.status_code == 200 and r.get_json()["applied"] == 1
    assert translator.get(REMAKE).get_json()["segments"][0]["status"] == "translated"
    exported = lead.get(REMAKE + ".xlf").data
    r = lead.put(REMAKE + ".xlf", data=translate(exported, {ids[0]: (None, "signed-off"), ids[1]: (None, "final")}),
                 headers=XLF)
    assert r.status_code == 200 and r.get_json()["applied"] == 2
    statuses = [s["status"] for s in lead.get(REMAKE).get_json()["segments"]]
    assert statuses[:2] == ["reviewed", "approved"]


def test_subtitle_round_trip_through_the_track_store(translator, track):
    exported = translator.get(ES_SUB + ".xlf").data
    edited = translate(exported, {"c1000-3000": ("¿Dónde estabas?", "translated"),
                                  "c4000-6500": ("Volví\npor lo que es mío.", None)})
    r = translator.put(ES_SUB + ".xlf", data=edited, headers={"Content-Type": "application/xml"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["applied"] == 2 and r.get_json()["unchanged"] == 1 and r.get_json()["revision"] == 2
    assert any(c["rule"] == "untranslated" for c in r.get_json()["checks"])
    cues = translator.get(ES_SUB).get_json()["cues"]
    assert [(c["text"], c["status"]) for c in cues] == [("¿Dónde estabas?", "translated"),
                                                      ("Volví\npor lo que es mío.", "translated"),
                                                      ("", "untranslated")]
    assert [c["start"] for c in cues] == [1.0, 4.0, 7.0]
    again = translator.put(ES_SUB + ".xlf", data=edited, headers=XLF)
    assert again.get_json()["applied"] == 0 and again.get_json()["revision"] == 2


def test_conflicts_list_each_unit_and_apply_nothing(translator, lead, remake):
    ids = [f"s{s['id']}" for s in remake["segments"]]
    exported = translator.get(REMAKE + ".xlf").data
    segments = lead.get(REMAKE).get_json()["segments"]
    segments[1]["text"] = "El lead cambió esto."
    assert lead.put(REMAKE, {"segments": segments}).status_code == 200
    original = lead.get(ORIGINAL).get_json()["segments"]
    original[3]["text"] = "You were gone for three years."
    assert lead.put(ORIGINAL, {"segments": original}).status_code == 200
    edited = translate(exported, {ids[0]: ("INT. MANSIÓN - NOCHE", None), ids[1]: ("Ethan entra.", None),
                                  ids[3]: ("Te fuiste tres años.", None)})
    r = translator.put(REMAKE + ".xlf", data=edited, headers=XLF)
    assert r.status_code == 409, r.get_json()
    details = r.get_json()["error"]["details"]
    assert {(d["unit"], d["reason"]) for d in details} == {(ids[1], "target_changed"), (ids[3], "source_changed")}
    assert all(d["line"] for d in details)
    after = lead.get(REMAKE).get_json()
    assert after["revision"] == 2 and after["segments"][0]["text"] == remake["segments"][0]["text"]


def test_the_importers_own_edit_since_the_export_is_no_conflict(translator, remake):
    ids = [f"s{s['id']}" for s in remake["segments"]]
    exported = translator.get(REMAKE + ".xlf").data
    segments = translator.get(REMAKE).get_json()["segments"]
    segments[1]["text"] = "Mi primer intento."
    assert translator.put(REMAKE, {"segments": segments}).status_code == 200
    r = translator.put(REMAKE + ".xlf", data=translate(exported, {ids[1]: ("Ethan entra, empapado.", None)}),
                       headers=XLF)
    assert r.status_code == 200 and r.get_json()["applied"] == 1 and r.get_json()["revision"] == 3


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en">
<body><trans-unit id="a"><source>&lol3;</source></trans-unit></body></file></xliff>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en">
<body><trans-unit id="a"><source>&secret;</source></trans-unit></body></file></xliff>"""
DTD = b"""<?xml version="1.0"?>
<!DOCTYPE xliff SYSTEM "http://example.test/xliff.dtd">
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>"""


@pytest.mark.parametrize("data, line", [(BOMB, 2), (EXTERNAL, 2), (DTD, 2), (b"<xliff>\n<file>\n</xliff>", 3),
                                        (b"<tmx version='1.4'/>", 1)])
def test_hostile_and_malformed_xml_is_a_422_naming_the_line(translator, remake, data, line):
    r = translator.put(REMAKE + ".xlf", data=data, headers=XLF)
    assert r.status_code == 422, r.get_json()
    assert r.get_json()["error"]["details"][0]["line"] == line
    assert translator.get(REMAKE).get_json()["revision"] == 1


def test_a_file_for_elsewhere_or_with_unknown_units_applies_nothing(translator, lead, remake, track):
    exported = translator.get(REMAKE + ".xlf").data
    other = exported.replace(b"episodes/1/script", b"episodes/2/script")
    r = translator.put(REMAKE + ".xlf", data=other, headers=XLF)
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "original"
    r = translator.put(ES_SUB + ".xlf", data=exported, headers=XLF)
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "original"
    ids = [f"s{s['id']}" for s in remake["segments"]]
    unknown = translate(exported.replace(f'id="{ids[2]}"'.encode(), b'id="s999"'), {ids[0]: ("Cambio", None)})
    r = translator.put(REMAKE + ".xlf", data=unknown, headers=XLF)
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["unit"] == "s999"
    assert r.get_json()["error"]["details"][0]["line"] > 1
    no_revision = exported.replace(b"localize-r1", b"other-phase").replace(b'lz:revision="1"', b"")
    r = translator.put(REMAKE + ".xlf", data=no_revision, headers=XLF)
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "revision"
    r = translator.put(REMAKE + ".xlf", data=exported.replace(b"localize-r1", b"localize-r7"), headers=XLF)
    assert r.status_code == 422 and "revision 7" in r.get_json()["error"]["message"]
    assert translator.put(REMAKE + ".xlf", data=b"x", headers={"Content-Type": "text/html"}).status_code == 415
    assert translator.get(REMAKE).get_json()["revision"] == 1


def test_translators_import_only_their_languages(api, remake, track):
    french = api("translator", ["fr"])
    exported = french.get(REMAKE + ".xlf").data
    assert french.put(REMAKE + ".xlf", data=exported, headers=XLF).status_code == 403
    assert french.put(ES_SUB + ".xlf", data=french.get(ES_SUB + ".xlf").data, headers=XLF).status_code == 403
    original = french.get(ORIGINAL + ".xlf").data
    assert api("translator", ["en-US"]).put(ORIGINAL + ".xlf", data=original, headers=XLF).status_code == 403
    assert api("marketing").put(REMAKE + ".xlf", data=exported, headers=XLF).status_code == 403


def test_a_version_exports_as_a_zip_of_xliff_files(lead, remake, track):
    r = lead.get(f"{V}/es-MX/xliff.zip?scope=script")
    assert r.status_code == 200 and r.headers["X-File-Count"] == "1"
    with zipfile.ZipFile(io.BytesIO(r.data)) as archive:
        assert archive.namelist() == ["ep001.script.es-MX.xlf"]
        assert toolkit.xlifffile.parsestring(archive.read("ep001.script.es-MX.xlf")).units
    r = lead.get(f"{V}/es-MX/xliff.zip?scope=subtitles")
    with zipfile.ZipFile(io.BytesIO(r.data)) as archive:
        assert archive.namelist() == ["ep001.subtitles.es-MX.xlf"]
    r = lead.get(f"{V}/en-US/xliff.zip?scope=subtitles&lang=en-US")
    assert r.headers["X-File-Count"] == "1"
    assert lead.get(f"{V}/es-MX/xliff.zip?scope=audio").status_code == 422
    assert lead.get(f"{V}/es-MX/xliff.zip?scope=subtitles&lang=%%%").status_code == 422


def test_a_track_imported_from_a_file_exports_its_cues_as_translated(translator, lead, series):
    assert lead.put(EN_SUB, data=VTT.encode(), headers={"Content-Type": "text/vtt"}).status_code == 201
    spanish = VTT.replace("Where were you?", "¿Dónde estabas?").replace("Three years.", "Tres años.")
    assert translator.put(ES_SUB, data=spanish.encode(), headers={"Content-Type": "text/vtt"}).status_code == 201
    exported = translator.get(ES_SUB + ".xlf").data
    assert {u["state"] for u in units(exported).values()} == {"translated"}
    assert units(exported)["c1000-3000"]["source"] == "Where were you?"
    r = translator.put(ES_SUB + ".xlf", data=translate(exported, {"c7000-9000": ("Tres largos años.", None)}),
                       headers=XLF)
    assert r.status_code == 200 and (r.get_json()["applied"], r.get_json()["unchanged"]) == (1, 2)
    cues = translator.get(ES_SUB).get_json()["cues"]
    assert [(c["text"], c["status"]) for c in cues][::2] == [("¿Dónde estabas?", None), ("Tres largos años.", "translated")]


def test_two_translators_files_of_one_export_the_second_conflicts_where_they_differ(api, track):
    first, second = api("translator", ["es-MX"]), api("translator", ["es"])
    exported = first.get(ES_SUB + ".xlf").data
    assert first.put(ES_SUB + ".xlf", data=translate(exported, {"c1000-3000": ("¿Dónde estabas?", None)}),
                     headers=XLF).get_json()["applied"] == 1
    same = translate(exported, {"c1000-3000": ("¿Dónde estabas?", None), "c7000-9000": ("Tres años.", None)})
    r = second.put(ES_SUB + ".xlf", data=same, headers=XLF)
    assert r.status_code == 200 and r.get_json()["applied"] == 1 and r.get_json()["revision"] == 3
    r = second.put(ES_SUB + ".xlf", data=translate(exported, {"c1000-3000": ("¿Y dónde estabas tú?", None)}),
                   headers=XLF)
    assert r.status_code == 409 and r.get_json()["error"]["details"][0]["unit"] == "c1000-3000"


def test_units_carry_the_glossary_terms_of_their_source(lead, remake, track):
    g = "/api/v1/series/heir/glossary"
    assert lead.post(g, {"target_locale": "es-MX", "source": "mine", "target": "mío", "note": "possessive"}
                     ).status_code == 201
    assert lead.post(g, {"target_locale": "es-MX", "source": "years", "target": "abriles",
                         "kind": "forbidden"}).status_code == 201
    script = units(lead.get(REMAKE + ".xlf").data)
    noted = [u["notes"] for u in script.values() if ("glossary", "mine = mío (possessive)") in u["notes"]]
    assert len(noted) == 1
    cues = units(lead.get(ES_SUB + ".xlf").data)
    assert ("glossary", "mine = mío (possessive)") in cues["c4000-6500"]["notes"]
    assert ("glossary", 'years: never "abriles"') in cues["c7000-9000"]["notes"]
    assert not [n for n in cues["c1000-3000"]["notes"] if n[0] == "glossary"]
    store = toolkit.xlifffile.parsestring(lead.get(ES_SUB + ".xlf").data)
    assert "mine = mío (possessive)" in store.units[1].getnotes()
