"""XLIFF 1.2, written and read here: the pure file format, no database.

The writer builds the XML itself (CAT tools want `resname`, `maxwidth` and `size-unit`, which
translate-toolkit's writer cannot set). The reader takes outside files, so it goes through
defusedxml: a DTD, an entity or an external reference is refused, and every problem names its
line. The revision a file was exported from travels in the header as a `phase` (CAT tools keep
the header) and as a namespaced attribute of `<file>`; the import compares against it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, TreeBuilder
from xml.sax.saxutils import escape, quoteattr

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser

NS = "urn:oasis:names:tc:xliff:document:1.2"
READ_NAMESPACES = (NS, "urn:oasis:names:tc:xliff:document:1.1")  # tools differ on the version they stamp
LZ = "urn:localize:xliff"  # our own attributes, which CAT tools carry through untouched
PHASE = re.compile(r"localize-r([0-9]{1,9})$")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# XML 1.0 cannot carry these; a text holding one is written without it rather than as a broken file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

STATES = ("new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
          "needs-review-adaptation", "needs-review-l10n", "translated", "signed-off", "final")


@dataclass
class Unit:
    """One trans-unit: a script segment or a subtitle cue."""

    id: str
    source: str
    target: str
    state: str | None = None
    resname: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (from, text)
    maxwidth: int | None = None  # in characters (size-unit="char")
    preserve: bool = False       # xml:space="preserve": line breaks and spaces matter
    translate: bool = True
    line: int | None = None      # where the reader found it


@dataclass
class XliffFile:
    """One `<file>`: a script or a track, with the revision it was exported from."""

    original: str
    source_language: str
    target_language: str
    revision: int | None
    units: list[Unit]
    line: int | None = None


class XliffError(ValueError):
    """A file that is not XLIFF we can read; `line` names where, when known."""

    def __init__(self, message: str, line: int | None = None, unit: str | None = None):
        super().__init__(message)
        self.line, self.unit = line, unit


# --- writing ---------------------------------------------------------------------------------

def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value or ""))


def _attr(value) -> str:
    return quoteattr(_NOT_XML.sub("", str(value)))


def write(files: list[XliffFile], tool_version: str = "1") -> bytes:
    """An XLIFF 1.2 document with one `<file>` per script or track, as UTF-8 bytes."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<xliff version="1.2" xmlns="{NS}" xmlns:lz="{LZ}">']
    for f in files:
        revision = f' lz:revision="{f.revision}"' if f.revision is not None else ""
        out.append(f'  <file original={_attr(f.original)} source-language={_attr(f.source_language)} '
                   f'target-language={_attr(f.target_language)} datatype="plaintext"{revision}>')
        out.append("    <header>")
        if f.revision is not None:  # XLIFF 1.2 wants the phase-group before the tool
            out.append(f'      <phase-group><phase phase-name="localize-r{f.revision}" process-name="export" '
                       f'tool-id="localize"/></phase-group>')
        out.append(f'      <tool tool-id="localize" tool-name="localize" tool-version={_attr(tool_version)}/>')
        out.append("    </header>")
        out.append("    <body>")
        out += [_unit(u) for u in f.units]
        out.append("    </body>")
        out.append("  </file>")
    out.append("</xliff>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _unit(u: Unit) -> str:
    attrs = f"id={_attr(u.id)}"
    if u.resname:
        attrs += f" resname={_attr(u.resname)}"
    if u.maxwidth:
        attrs += f' maxwidth="{int(u.maxwidth)}" size-unit="char"'
    if not u.translate:
        attrs += ' translate="no"'
    if u.preserve:
        attrs += ' xml:space="preserve"'
    state = f" state={_attr(u.state)}" if u.state else ""
    parts = [f"      <trans-unit {attrs}>", f"        <source>{_text(u.source)}</source>",
             f"        <target{state}>{_text(u.target)}</target>"]
    parts += [f"        <note from={_attr(who)}>{_text(text)}</note>" for who, text in u.notes]
    parts.append("      </trans-unit>")
    return "\n".join(parts)


# --- reading ---------------------------------------------------------------------------------

class _Lines(TreeBuilder):
    """A tree builder that remembers the line each element starts on."""

    def __init__(self):
        super().__init__()
        self.lines: dict[int, int] = {}
        self.expat = None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.expat.CurrentLineNumber if self.expat else 0
        return element


def parse(data: bytes | str) -> list[XliffFile]:
    """Read an XLIFF 1.2 document; raise XliffError naming the line or unit of the first problem."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    builder = _Lines()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except defusedxml.DTDForbidden:
        raise XliffError("a DTD (<!DOCTYPE>) is refused in an XLIFF file: it can define entities",
                         parser.parser.CurrentLineNumber) from None
    except defusedxml.EntitiesForbidden:
        raise XliffError("an entity declaration is refused in an XLIFF file", parser.parser.CurrentLineNumber) from None
    except defusedxml.ExternalReferenceForbidden:
        raise XliffError("an external reference is refused in an XLIFF file",
                         parser.parser.CurrentLineNumber) from None
    except defusedxml.DefusedXmlException as exc:
        raise XliffError(f"refused XML: {exc}", parser.parser.CurrentLineNumber) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise XliffError(f"not well-formed XML: {exc}", line) from None
    except (UnicodeError, LookupError, ValueError) as exc:  # an encoding expat does not know, or bytes not in it
        raise XliffError(f"not readable XML: {exc}", getattr(parser.parser, "CurrentLineNumber", None)) from None
    return _document(root, builder.lines)


def _ns(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        return uri, local
    return None, tag


def _document(root: Element, lines: dict[int, int]) -> list[XliffFile]:
    uri, local = _ns(root.tag)
    if local != "xliff" or uri not in READ_NAMESPACES:
        raise XliffError(f"the document is not XLIFF 1.2 (its root is <{local}> in {uri or 'no namespace'}; "
                         f"expected <xliff xmlns=\"{NS}\">)", lines.get(id(root)))
    files = []
    for element in root:
        if element.tag == f"{{{uri}}}file":
            files.append(_file(element, uri, lines))
    if not files:
        raise XliffError("the XLIFF document has no <file>", lines.get(id(root)))
    return files


def _file(element: Element, uri: str, lines: dict[int, int]) -> XliffFile:
    line = lines.get(id(element))
    missing = [name for name in ("original", "source-language") if not element.get(name)]
    if missing:
        raise XliffError(f"<file> lacks its {' and '.join(missing)} attribute", line)
    units, seen = [], set()
    body = element.find(f"{{{uri}}}body")
    for unit in (body.iter(f"{{{uri}}}trans-unit") if body is not None else []):
        read = _trans_unit(unit, uri, lines)
        if read.id in seen:
            raise XliffError(f"unit {read.id!r} appears twice", read.line, read.id)
        seen.add(read.id)
        units.append(read)
    return XliffFile(element.get("original"), element.get("source-language"),
                     element.get("target-language") or "", _revision(element, uri), units, line)


def _revision(element: Element, uri: str) -> int | None:
    for phase in element.iter(f"{{{uri}}}phase"):
        found = PHASE.match(phase.get("phase-name") or "")
        if found:
            return int(found.group(1))
    value = element.get(f"{{{LZ}}}revision") or ""
    return int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None


def _trans_unit(unit: Element, uri: str, lines: dict[int, int]) -> Unit:
    line = lines.get(id(unit))
    uid = unit.get("id")
    if not uid:
        raise XliffError("a <trans-unit> lacks its id", line)
    source = unit.find(f"{{{uri}}}source")
    if source is None:
        raise XliffError(f"unit {uid!r} has no <source>", line, uid)
    target = unit.find(f"{{{uri}}}target")
    state = target.get("state") if target is not None else None
    notes = [(n.get("from") or "", "".join(n.itertext())) for n in unit.findall(f"{{{uri}}}note")]
    return Unit(id=uid, source="".join(source.itertext()),
                target="".join(target.itertext()) if target is not None else "",
                state=state if state in STATES else None, resname=unit.get("resname"), notes=notes,
                preserve=unit.get(XML_SPACE) == "preserve", translate=unit.get("translate") != "no", line=line)
