"""What a CAT tool does to an XLIFF file between export and import, for the XLIFF tests."""
from __future__ import annotations

from lxml import etree

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


def units(data: bytes) -> dict[str, dict]:
    """Each unit's source, target, state and notes, read with lxml (not our reader)."""
    root = etree.fromstring(data)
    out = {}
    for unit in root.iterfind(".//x:trans-unit", NS):
        target = unit.find("x:target", NS)
        out[unit.get("id")] = {"source": unit.findtext("x:source", "", NS), "target": target.text or "",
                               "state": target.get("state"), "maxwidth": unit.get("maxwidth"),
                               "notes": [(n.get("from"), n.text) for n in unit.iterfind("x:note", NS)]}
    return out


def translate(data: bytes, edits: dict[str, tuple[str | None, str | None]]) -> bytes:
    """Change targets and states as memoQ or Trados would: attributes reordered, their own namespace
    added, alt-trans suggestions kept beside the units; `edits` maps unit ids to (text, state)."""
    root = etree.fromstring(data)
    for unit in root.iterfind(".//x:trans-unit", NS):
        attributes = list(unit.attrib.items())
        unit.attrib.clear()
        for key, value in reversed(attributes):
            unit.set(key, value)
        unit.set("{urn:cat-tool}segment-hash", "abc123")
        extra = etree.SubElement(unit, "{urn:cat-tool}editing")
        extra.set("by", "translator")
        if unit.get("id") in edits:
            text, state = edits[unit.get("id")]
            target = unit.find("x:target", NS)
            if text is not None:
                target.text = text
            if state is not None:
                target.set("state", state)
            alt = etree.SubElement(unit, f"{{{NS['x']}}}alt-trans")
            etree.SubElement(alt, f"{{{NS['x']}}}target").text = "a suggestion the tool kept"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
