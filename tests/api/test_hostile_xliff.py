"""XLIFF uploads under hostile input: an answer or a 4xx naming the problem, never a 5xx; nothing half applied."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

V = "/api/v1/series/heir/versions"
ORIGINAL = f"{V}/en-US/episodes/1/script"
REMAKE = f"{V}/es-MX/episodes/1/script"
XLF = {"Content-Type": "application/x-xliff+xml"}
PIECES = ['<trans-unit id="s1">', '<trans-unit id="s4">', "<trans-unit>", "</trans-unit>", "<source>", "</source>",
          "<target>", '<target state="final">', '<target state="bogus">', "</target>", "<note>", "</note>",
          "Hola", "&amp;", "&lt;", "&e;", "<!DOCTYPE x>", "<![CDATA[x]]>", "\n", "é", "\x00", "<group>", "</group>",
          '<x id="1"/>', "<g id='2'>", "</g>", "<mrk mtype='seg'>", "</mrk>", "<alt-trans>", "</alt-trans>"]


def _remake(lead):
    lead.put(ORIGINAL, data=b"INT. HOUSE - DAY\n\nAna waits.\n", headers={"Content-Type": "text/plain"})
    lead.post(REMAKE + "/translate")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=120), st.lists(st.sampled_from(PIECES), max_size=25).map(
    lambda p: ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="series/heir/'
               'versions/es-MX/episodes/1/script" source-language="en-US" target-language="es-MX" lz:revision="1" '
               'xmlns:lz="urn:localize:xliff"><body>' + "".join(p) + "</body></file></xliff>").encode())))
def test_any_upload_is_an_answer_or_a_4xx_never_a_5xx(series, lead, data):
    if lead.get(REMAKE).status_code == 404:
        _remake(lead)
    before = lead.get(REMAKE).get_json()["revision"]
    r = lead.put(REMAKE + ".xlf", data=data, headers=XLF)
    assert r.status_code in (200, 409, 422), (data, r.status_code, r.get_data(as_text=True)[:300])
    if r.status_code != 200:
        assert lead.get(REMAKE).get_json()["revision"] == before


def test_a_body_over_the_limit_is_a_413(series, lead):
    _remake(lead)
    r = lead.put(REMAKE + ".xlf", data=b"<xliff>" + b" " * (3 * 1024 * 1024) + b"</xliff>", headers=XLF)
    assert r.status_code == 413


def test_an_empty_body_or_a_missing_multipart_field_is_a_422(series, lead):
    _remake(lead)
    assert lead.put(REMAKE + ".xlf", data=b"  ", headers=XLF).status_code == 422
    r = lead.put(REMAKE + ".xlf", data={"other": "x"}, content_type="multipart/form-data")
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "file"
