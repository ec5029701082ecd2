"""TMX 1.4 in and out of translation memory: import, skipped units, broken files, export read back."""
from __future__ import annotations

import io
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select
from translate.storage.tmx import tmxfile  # GPL, test-only: the independent reader of our exports

from localize import db
from localize.memory import store, tmx
from localize.models import MemoryEntry
from localize.signals import SavedTranslation

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="memoQ" creationtoolversion="11" segtype="sentence" o-tmf="memoQ" adminlang="en"
          srclang="en-US" datatype="plaintext"/>
  <body>
    <tu>
      <prop type="x-context">Where were you?</prop>
      <tuv xml:lang="en-US"><seg>I came back for <bpt i="1">&lt;i&gt;</bpt>what is mine<ept i="1">&lt;/i&gt;</ept>.</seg></tuv>
      <tuv xml:lang="es-MX"><seg>Volví por <bpt i="1">&lt;i&gt;</bpt>lo que es mío<ept i="1">&lt;/i&gt;</ept>.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Je suis revenu pour ce qui est à moi.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="es-MX"><seg>Sin original</seg></tuv>
    </tu>
    <tu srclang="en-US">
      <tuv xml:lang="en-US"><seg>Nobody</seg></tuv>
      <tuv xml:lang="not a language at all"><seg>?</seg></tuv>
    </tu>
  </body>
</tmx>
"""
IMPORT = "/api/v1/tm/import"


def export_url(source, target):
    return "/api/v1/tm/export.tmx?" + urlencode({"source_locale": source, "target_locale": target})


def count(engine):
    with db.session_scope(engine, write=False) as s:
        return s.exec(select(func.count(MemoryEntry.id))).one()


def post_tmx(api, data: bytes, content_type=tmx.MEDIA_TYPE):
    return api.post(IMPORT, data=data, headers={"Content-Type": content_type})


def test_import_gives_a_pair_per_target_and_lists_skipped_units(engine, lead):
    r = post_tmx(lead, TMX.encode())
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"units": 3, "added": 2, "updated": 0, "skipped": [
        {"line": 13, "reason": "no en-US segment"}, {"line": 16, "reason": "unknown language 'not a language at all'"}]}
    with db.session_scope(engine, write=False) as s:
        [match] = store.lookup(s, source_locale="en-US", target_locale="es-MX",
                               text="I came back for <i>what is mine</i>.", previous="Where were you?")
        assert (match.score, match.entry.target_text) == (101, "Volví por <i>lo que es mío</i>.")
        assert match.as_dict()["origin"]["kind"] == "tmx"
        [french] = store.lookup(s, source_locale="en-US", target_locale="fr-FR", text="I came back for what is mine.")
        assert french.score == 99  # the same words without the tags: not the same text
    again = post_tmx(lead, TMX.encode(), "application/xml")
    assert (again.get_json()["added"], again.get_json()["updated"]) == (0, 2) and count(engine) == 2


def test_multipart_upload_media_types_and_roles(engine, lead, api):
    r = lead.client.post(IMPORT, data={"file": (io.BytesIO(TMX.encode()), "memory.tmx")},
                         headers={"Authorization": f"Bearer {lead.token}"}, content_type="multipart/form-data")
    assert r.status_code == 200 and r.get_json()["added"] == 2
    assert lead.post(IMPORT, data=TMX.encode(), headers={"Content-Type": "text/plain"}).status_code == 415
    assert post_tmx(api("translator", ["es-MX"]), TMX.encode()).status_code == 403
    assert api("translator", ["es-MX"]).get(export_url("en-US", "es-MX")).status_code == 403
    assert lead.get(export_url("en-US", "klingon-xx-yy")).status_code == 422


def test_a_broken_file_is_a_422_naming_the_line_and_nothing_is_stored(engine, lead):
    broken = TMX.replace("<tu srclang", "<tu><tu srclang")
    r = post_tmx(lead, broken.encode())
    assert r.status_code == 422
    [detail] = r.get_json()["error"]["details"]
    assert detail["line"] == 16 and "<tu> inside <tu>" in detail["message"]
    unclosed = post_tmx(lead, TMX.replace("</tu>\n  </body>", "\n  </body>").encode())
    assert unclosed.status_code == 422 and unclosed.get_json()["error"]["details"][0]["line"] == 20
    bomb = ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>')
    assert post_tmx(lead, bomb.encode()).status_code == 422
    secret = ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx version="1.4">'
              '<header/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv><tuv xml:lang="es"><seg>x</seg></tuv></tu>'
              '</body></tmx>')
    assert post_tmx(lead, secret.encode()).status_code == 422
    assert post_tmx(lead, b"").status_code == 422
    assert post_tmx(lead, b"<html><body/></html>").status_code == 422
    assert count(engine) == 0


def test_export_reads_back_with_translate_toolkit_and_imports_again(engine, lead):
    with db.session_scope(engine) as s:
        store.remember(s, [
            SavedTranslation("en-US", "es-MX", "<i>Run</i> & don't look back\x01", "¡<i>Corre</i> y no mires atrás!",
                             "subtitles", series="heir", version="es-MX", episode=2, previous="Now!"),
            SavedTranslation("en-US", "es-MX", "Two\nlines", "Dos\nlíneas", "script"),
            SavedTranslation("en-US", "fr", "Two\nlines", "Deux\nlignes", "script")], author=None)
    r = lead.get(export_url("en-us", "es-mx"))
    assert r.status_code == 200 and r.mimetype == tmx.MEDIA_TYPE
    assert 'filename="memory-en-US-es-MX.tmx"' in r.headers["Content-Disposition"]
    units = tmxfile.parsestring(r.data).units
    assert sorted((u.source, u.target) for u in units) == [
        ("<i>Run</i> & don't look back", "¡<i>Corre</i> y no mires atrás!"), ("Two\nlines", "Dos\nlíneas")]
    back = post_tmx(lead, r.data).get_json()
    # The control character XML cannot carry was left out, so that source comes back as a new pair.
    assert (back["units"], back["added"], back["updated"], back["skipped"]) == (2, 1, 1, [])
    empty = lead.get(export_url("en-US", "de"))
    assert empty.status_code == 200 and tmxfile.parsestring(empty.data).units == []


XML_PIECES = ["<tmx>", "</tmx>", '<tmx version="1.4">', "<header srclang='en'/>", "<body>", "</body>", "<tu>",
              "</tu>", '<tuv xml:lang="en">', '<tuv xml:lang="es">', "<tuv>", "</tuv>", "<seg>", "</seg>",
              "<bpt i='1'>", "</bpt>", "&lt;", "&amp;", "&bogus;", "<!DOCTYPE tmx>", "<![CDATA[x]]>", "Hola",
              "\n", "<prop type='x-context'>", "</prop>", "<?xml version='1.0' encoding='latin-1'?>", "\x00", "é"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200),
                 st.lists(st.sampled_from(XML_PIECES), max_size=30).map(lambda p: "".join(p).encode()),
                 st.lists(st.sampled_from(XML_PIECES), max_size=30).map(
                     lambda p: ("<tmx><body>" + "".join(p) + "</body></tmx>").encode())))
def test_the_parser_only_ever_parses_or_names_the_problem(data):
    try:
        parsed = tmx.parse(data)
    except tmx.TmxError as exc:
        assert exc.message and (exc.line is None or exc.line >= 1)
        return
    pairs, skipped = parsed.pairs()
    assert all(isinstance(p.source, str) and p.source.strip() and p.target.strip() for p in pairs)
    assert all(s["reason"] for s in skipped)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(XML_PIECES), max_size=30).map(
    lambda p: ('<tmx version="1.4"><header srclang="en"/><body>' + "".join(p) + "</body></tmx>").encode()))
def test_any_upload_is_an_answer_or_a_422_never_a_5xx(engine, lead, data):
    r = post_tmx(lead, data)
    assert r.status_code in (200, 422), (data, r.status_code, r.get_data(as_text=True)[:300])
