"""TMX 1.4: read a translation memory exchange file, and write one. Pure: no database.

Reading goes through defusedxml's SAX reader (the file is untrusted: no entity expansion, no
external references), so every element knows its line and a broken file is refused naming it.
A <tu> yields one pair per target variant: its source language is the <tu>'s `srclang`, else the
header's, else (header `*all*`) its first <tuv>. Inline markup (<bpt>, <ept>, <ph>, <it>, <hi>,
<ut>) keeps its text: the native code it stands for goes back into the segment. A
`<prop type="x-context">` carries the previous source segment, as `localize` writes it.
"""
from __future__ import annotations

import io
import re
import xml.sax
from dataclasses import dataclass, field
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import escape, quoteattr

import defusedxml.sax
from defusedxml import DefusedXmlException

XML_LANG = "http://www.w3.org/XML/1998/namespace"
MEDIA_TYPE = "application/x-tmx+xml"
# Characters XML 1.0 cannot carry: left out of an export rather than writing a broken file.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class TmxError(ValueError):
    """A file that is not TMX; `line` is where it goes wrong (None when the file has no lines)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.message, self.line = message, line


@dataclass
class Unit:
    line: int
    srclang: str | None
    variants: list[tuple[str, str]] = field(default_factory=list)  # (language, segment text)
    context: str | None = None


@dataclass
class Pair:
    line: int
    source_lang: str
    target_lang: str
    source: str
    target: str
    context: str | None


@dataclass
class Parsed:
    srclang: str | None
    units: list[Unit]

    def pairs(self) -> tuple[list[Pair], list[dict]]:
        """Every (source, target) pair, and the units that give none: {"line", "reason"}."""
        out, skipped = [], []
        for unit in self.units:
            srclang = unit.srclang or self.srclang
            if not srclang or srclang.lower() == "*all*":
                srclang = unit.variants[0][0] if unit.variants else None
            sources = [text for lang, text in unit.variants if srclang and lang.lower() == srclang.lower()]
            targets = [(lang, text) for lang, text in unit.variants if not srclang or lang.lower() != srclang.lower()]
            if not sources or not sources[0].strip():
                skipped.append({"line": unit.line, "reason": f"no {srclang or 'source'} segment"})
            elif not any(text.strip() for _, text in targets):
                skipped.append({"line": unit.line, "reason": "no translation"})
            else:
                out.extend(Pair(unit.line, srclang, lang, sources[0], text, unit.context)
                           for lang, text in targets if text.strip())
        return out, skipped


class _Reader(ContentHandler):
    def __init__(self):
        super().__init__()
        self.locator = None
        self.stack: list[str] = []
        self.srclang: str | None = None
        self.units: list[Unit] = []
        self.unit: Unit | None = None
        self.lang: str | None = None
        self.seg: list[str] | None = None
        self.segs = 0
        self.prop: list[str] | None = None
        self.prop_type = ""
        self.body = False

    def setDocumentLocator(self, locator):
        self.locator = locator

    def line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator else None

    def fail(self, message: str):
        raise TmxError(message, self.line())

    def startElementNS(self, name, qname, attrs):
        uri, tag = name
        parent = self.stack[-1] if self.stack else None
        if parent is None and tag != "tmx":
            self.fail(f"the root element is <{tag}>, not <tmx>: this is not a TMX file")
        if self.seg is not None:  # inline markup inside a segment: its text is kept
            self.stack.append(tag)
            return
        if tag == "header" and parent == "tmx":
            self.srclang = attrs.get((None, "srclang"))
        elif tag == "body" and parent == "tmx":
            self.body = True
        elif tag == "tu" and parent == "body":
            self.unit = Unit(self.line() or 0, attrs.get((None, "srclang")))
        elif tag == "tuv" and parent == "tu":
            self.lang = attrs.get((XML_LANG, "lang")) or attrs.get((None, "lang"))  # TMX 1.1 wrote `lang`
            if not self.lang or not self.lang.strip():
                self.fail("a <tuv> without xml:lang")
            self.segs = 0
        elif tag == "seg" and parent == "tuv":
            self.segs += 1
            if self.segs > 1:
                self.fail("a <tuv> with more than one <seg>")
            self.seg = []
        elif tag == "prop" and parent == "tu":
            self.prop, self.prop_type = [], attrs.get((None, "type"), "")
        elif tag == "tu" or tag == "tuv" or tag == "seg":
            self.fail(f"<{tag}> inside <{parent}>")
        self.stack.append(tag)

    def endElementNS(self, name, qname):
        tag = self.stack.pop()
        if tag == "seg" and self.seg is not None and (not self.stack or self.stack[-1] == "tuv"):
            self.unit.variants.append((self.lang.strip(), "".join(self.seg)))
            self.seg = None
        elif tag == "tuv" and self.seg is None and self.segs == 0 and self.stack[-1:] == ["tu"]:
            self.fail("a <tuv> without <seg>")
        elif tag == "prop" and self.prop is not None:
            if self.prop_type == "x-context":
                self.unit.context = "".join(self.prop)
            self.prop = None
        elif tag == "tu" and self.unit is not None and self.seg is None:
            self.units.append(self.unit)
            self.unit = None

    def characters(self, content):
        if self.seg is not None:
            self.seg.append(content)
        elif self.prop is not None:
            self.prop.append(content)


def parse(data: bytes) -> Parsed:
    """Read a TMX file's units; a file that is not well-formed TMX raises TmxError with its line."""
    reader = _Reader()
    # Entity declarations are refused (no expansion bombs, no SYSTEM entities); a DOCTYPE naming the
    # TMX DTD, as most tools write, is allowed and never fetched: external entities are off.
    parser = defusedxml.sax.make_parser()
    parser.forbid_entities, parser.forbid_external = True, False
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    parser.setContentHandler(reader)
    try:
        parser.parse(io.BytesIO(data))  # parse(), not feed(): it hands the reader its locator
    except xml.sax.SAXParseException as exc:
        raise TmxError(f"not well-formed XML: {exc.getMessage()}", exc.getLineNumber()) from None
    except DefusedXmlException as exc:
        raise TmxError(f"refused: {exc}", reader.line()) from None
    except UnicodeError as exc:
        raise TmxError(f"not text in the declared encoding: {exc}", reader.line()) from None
    if not reader.body:
        raise TmxError("no <body>: this is not a TMX file", reader.line())
    return Parsed(reader.srclang, reader.units)


# --- writing ---------------------------------------------------------------------------------

def _text(value: str) -> str:
    return escape(NOT_XML.sub("", value))


def write(source_locale: str, target_locale: str, units, *, tool_version: str = "0.1.0"):
    """TMX 1.4 text, piece by piece: `units` are (source, target, context, changed) tuples."""
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
           f'  <header creationtool="localize" creationtoolversion={quoteattr(tool_version)} segtype="sentence"'
           f' o-tmf="localize" adminlang="en" srclang={quoteattr(source_locale)} datatype="plaintext"/>\n'
           '  <body>\n')
    src, tgt = quoteattr(source_locale), quoteattr(target_locale)
    for source, target, context, changed in units:
        stamp = f' changedate="{changed:%Y%m%dT%H%M%SZ}"' if changed else ""
        prop = f'      <prop type="x-context">{_text(context)}</prop>\n' if context else ""
        yield (f'    <tu{stamp}>\n{prop}'
               f'      <tuv xml:lang={src}><seg>{_text(source)}</seg></tuv>\n'
               f'      <tuv xml:lang={tgt}><seg>{_text(target)}</seg></tuv>\n    </tu>\n')
    yield "  </body>\n</tmx>\n"
