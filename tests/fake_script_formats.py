"""A minimal stand-in for localize/scripts/formats.py (helper D's parser adapter), for tests only.

Installed by the `script_formats` fixture only while the real module is missing; it reads and
writes the plain Fountain the tests send (title page, scene headings, cues with extensions,
parentheticals, dual dialogue, transitions, notes) and refuses anything else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


class ScriptFormatError(ValueError):
    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


@dataclass
class ParsedSegment:
    kind: str
    text: str
    character: str | None = None
    extension: str | None = None
    parenthetical: str | None = None
    dual: bool = False
    line: int = 1


@dataclass
class ParsedScript:
    format: str
    title_page: dict = field(default_factory=dict)
    segments: list = field(default_factory=list)


CUE = re.compile(r"^([A-Z][A-Z0-9 .'\-]*?)\s*(?:\(([^)]+)\))?\s*(\^)?$")


def parse(data, filename=None) -> ParsedScript:
    if isinstance(data, bytes):
        if b"\x00" in data:
            raise ScriptFormatError(1, "binary data")
        data = data.decode("utf-8")
    if data.lstrip().startswith("<"):
        raise ScriptFormatError(1, "not a Final Draft document")
    lines = data.replace("\r\n", "\n").split("\n")
    blocks, start, current = [], 1, []
    for n, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = n
            current.append(line.strip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    script = ParsedScript("fountain")
    if blocks and all(re.match(r"^[A-Za-z ]+:\s", line) for line in blocks[0][1]):
        script.title_page = dict(line.split(":", 1) for line in blocks[0][1])
        script.title_page = {k.strip(): v.strip() for k, v in script.title_page.items()}
        blocks = blocks[1:]
    for n, block in blocks:
        first = block[0]
        if re.match(r"^(INT|EXT|EST|I/E)[. ]", first):
            script.segments.append(ParsedSegment("scene", first, line=n))
        elif first.startswith("[[") and block[-1].endswith("]]"):
            script.segments.append(ParsedSegment("note", " ".join(block)[2:-2].strip(), line=n))
        elif len(block) == 1 and first.isupper() and first.endswith("TO:"):
            script.segments.append(ParsedSegment("transition", first, line=n))
        elif len(block) > 1 and first.isupper() and CUE.match(first):
            m = CUE.match(first)
            rest = block[1:]
            parenthetical = None
            if rest and rest[0].startswith("(") and rest[0].endswith(")"):
                parenthetical, rest = rest[0][1:-1], rest[1:]
            script.segments.append(ParsedSegment("dialogue", "\n".join(rest), m.group(1).strip(), m.group(2),
                                                 parenthetical, bool(m.group(3)), n))
        else:
            script.segments.append(ParsedSegment("action", "\n".join(block), line=n))
    if not script.segments:
        raise ScriptFormatError(1, "no segment")
    return script


def write_fountain(title_page, segments) -> str:
    out = [f"{k}: {v}" for k, v in title_page.items()]
    if out:
        out.append("")
    for s in segments:
        if s.kind == "dialogue":
            cue = s.character + (f" ({s.extension})" if s.extension else "") + (" ^" if s.dual else "")
            out.append(cue)
            if s.parenthetical:
                out.append(f"({s.parenthetical})")
            out.append(s.text)
        elif s.kind == "note":
            out.append(f"[[{s.text}]]")
        else:
            out.append(s.text)
        out.append("")
    return "\n".join(out)


def write_fdx(title_page, segments) -> str:
    from xml.sax.saxutils import escape
    kinds = {"scene": "Scene Heading", "action": "Action", "transition": "Transition"}
    body = []
    for s in segments:
        if s.kind == "dialogue":
            body.append(f'<Paragraph Type="Character"><Text>{escape(s.character)}</Text></Paragraph>')
            if s.parenthetical:
                body.append(f'<Paragraph Type="Parenthetical"><Text>({escape(s.parenthetical)})</Text></Paragraph>')
            body.append(f'<Paragraph Type="Dialogue"><Text>{escape(s.text)}</Text></Paragraph>')
        elif s.kind in kinds:
            body.append(f'<Paragraph Type="{kinds[s.kind]}"><Text>{escape(s.text)}</Text></Paragraph>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" Version="5">'
            f'<Content>{"".join(body)}</Content></FinalDraft>\n')
