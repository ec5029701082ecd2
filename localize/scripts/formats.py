r"""Read and write screenplays: Fountain (through fountain-py) and Final Draft FDX (through defusedxml).

`parse(data)` tells the format by content (first non-blank character ``<`` => FDX, else Fountain;
never the file name), decodes (BOM, UTF-8, UTF-16 by its NUL pattern, else cp1252) and returns a
`ParsedScript`, or raises `ScriptFormatError(line, reason)`. `write_fountain` / `write_fdx` write
segments back so that export then import gives the same segments.

Why fountain-py: of the Fountain readers on PyPI it alone got every element of our samples right
and gives a line number per element (see the report of issue 9). Its two gaps are patched here:
a ``[[note]]`` in the middle of a line of action or dialogue is dropped by it (we find it in the
source and emit it as a note segment), and title-page keys come back lower-cased (we take their
spelling from the source). FDX is plain XML: the parsers' FDX readers use unguarded ElementTree
and miss ``<DualDialogue>`` and styled ``<Text>`` runs, so FDX is read with defusedxml (no DTD,
no entities, no network) and walked here.

Mapping rules (one segment per unit a localizer works on)
---------------------------------------------------------
- ``scene``: the heading as written; a scene number stays in the text (``INT. PIER - DAY #1#``;
  FDX ``Number="1"`` becomes the same ``#1#`` suffix and back). Forced headings lose the ``.``.
- ``action``: one paragraph (lines joined with "\n"). Centered text stays ``>TEXT<`` and lyrics
  keep their ``~`` per line, so both round-trip (FDX: ``Alignment="Center"``; lyrics as action).
  Forced action (``!``) loses the ``!``; the writer adds it where a line could be misread.
- ``dialogue``: one speech = cue + optional parenthetical + speech text. A parenthetical in the
  middle of a speech starts a new dialogue segment of the same speaker (same extension and dual
  flag), so no parenthetical is lost; the writer puts it back inside the same speech. Several
  extensions (``(V.O.) (CONT'D)``) are joined as ``"V.O., CONT'D"``. ``dual`` marks every segment
  of the second speech of a dual-dialogue pair (``^``, FDX ``<DualDialogue>``); the writer writes
  ``^`` only after a speech that is not itself dual. A blank line inside a speech (Fountain's
  two-space line) stays as an empty line of the text.
- ``transition``: the text without ``>``; the writer forces it unless it ends in ``TO:``.
- ``note``: a ``[[note]]`` (its text without the brackets); an inline note in action or dialogue
  becomes a separate note segment right after it (the text keeps the rest), which is what
  round-trips. Section headings and synopses become notes whose text keeps ``#`` / ``=`` so
  they are written back as such. FDX has no place for them: `write_fdx` drops notes.
- Dropped: boneyard ``/* */``, page breaks ``===``, emphasis markers (``*``, ``**``, ``_``: the
  text keeps the words; the writer escapes literal ``*`` and ``_``), FDX styles.
- Title page: ``Key: value`` lines in order, multi-line values joined with "\n"; in FDX one
  ``Key: value`` paragraph per entry in ``<TitlePage>`` (other paragraphs go under ``Text``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol
from xml.etree import ElementTree as ET  # noqa: S405 -- only to write; reading goes through defusedxml

import defusedxml
import defusedxml.ElementTree as SafeET
from fountain import ElementType, FountainParser

SEGMENT_KINDS = ("scene", "action", "dialogue", "transition", "note")


@dataclass
class ParsedSegment:
    kind: str
    text: str
    character: str | None = None
    extension: str | None = None
    parenthetical: str | None = None
    dual: bool = False
    line: int | None = None


@dataclass
class ParsedScript:
    format: str
    title_page: dict[str, str] = field(default_factory=dict)
    segments: list[ParsedSegment] = field(default_factory=list)


class SegmentLike(Protocol):
    kind: str
    text: str
    character: str | None
    extension: str | None
    parenthetical: str | None
    dual: bool


class ScriptFormatError(Exception):
    """A file that is not a screenplay we can read; `line` is 1-based or None."""

    def __init__(self, line: int | None, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}" if line else reason)


# --- decoding ----------------------------------------------------------------

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes | str) -> str:
    """Decode bytes (BOM, UTF-8, UTF-16 without BOM, else cp1252); refuse binary data."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                try:
                    text = data[len(bom):].decode(encoding)
                except UnicodeDecodeError as exc:
                    raise ScriptFormatError(None, f"not valid {encoding} after its byte order mark: {exc.reason}") from None
                break
        else:
            text = _decode_without_bom(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ScriptFormatError(line, "binary data (control characters), not a screenplay")
    return text


def _decode_without_bom(data: bytes) -> str:
    if len(data) >= 4 and b"\x00" in data:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        even, odd = data[0::2].count(0), data[1::2].count(0)
        encoding = "utf-16-be" if even > len(data) * 0.4 else "utf-16-le" if odd > len(data) * 0.4 else None
        if encoding and len(data) % 2 == 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
        raise ScriptFormatError(None, "binary data (NUL bytes), not a screenplay")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise ScriptFormatError(None, "not text: neither UTF-8 nor cp1252 decodes these bytes") from None


# --- reading -----------------------------------------------------------------

def parse(data: bytes | str, filename: str | None = None) -> ParsedScript:
    """Tell Fountain from FDX by content, decode and parse; refuse with ScriptFormatError."""
    text = decode(data)
    if text.lstrip().startswith("<"):
        script = _parse_fdx(text)
    else:
        script = _parse_fountain(text)
    if not script.segments:
        raise ScriptFormatError(None, "no segment at all: the file has no scene, action, dialogue, transition or note")
    return script


_NOTE = re.compile(r"\[\[((?:[^\]]|\](?!\]))*)\]\]")
_BONEYARD = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_TITLE_KEY = re.compile(r"^([^\s:][^:]*):")


def _parse_fountain(text: str) -> ParsedScript:
    try:
        doc = FountainParser().parse(_force_unicode_cues(text))
    except RecursionError:
        raise ScriptFormatError(None, "the Fountain text nests too deeply to read") from None
    segments: list[ParsedSegment] = []
    started: set[int] = set()
    for element in doc.elements:
        _add_element(segments, element, False, started)
    segments = _add_inline_notes(text, segments)
    return ParsedScript("fountain", _title_page(text, doc.metadata), segments)


def _force_unicode_cues(text: str) -> str:
    """Force (``@``) cues such as ``JOSÉ`` or ``ЗОЯ``: fountain-py knows only ASCII capitals."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if (not stripped or stripped.isascii() or stripped.startswith(_RISKY_START)
                or (index and lines[index - 1].strip()) or index + 1 >= len(lines) or not lines[index + 1].strip()):
            continue
        name = re.sub(r"\s*(\([^()]*\)\s*)*\^?\s*$", "", stripped)
        if name and name == name.upper() and any(c.isalpha() for c in name) and not _HEADING.match(name):
            lines[index] = "@" + stripped
    return "\n".join(lines)


def _add_element(segments: list[ParsedSegment], element, dual: bool, started: set[int]) -> None:
    kind, text, line = element.type, element.text, element.line_number
    if kind == ElementType.SCENE_HEADING:
        number = element.metadata.get("scene_number")
        segments.append(ParsedSegment("scene", f"{text} #{number}#" if number else text, line=line))
    elif kind in (ElementType.ACTION, ElementType.CENTERED, ElementType.LYRICS):
        if kind == ElementType.CENTERED:
            text = f">{text}<"
        elif kind == ElementType.LYRICS:
            text = f"~{text}"
        previous = segments[-1] if segments else None
        if (kind == ElementType.LYRICS and previous is not None and previous.kind == "action"
                and previous.text.startswith("~") and previous.line is not None):
            previous.text += "\n" + text  # one lyric per Fountain line; one segment per verse
        else:
            segments.append(ParsedSegment("action", text, line=line))
    elif kind == ElementType.CHARACTER:
        extension = element.metadata.get("extension")
        segments.append(ParsedSegment(
            "dialogue", "", character=text, extension=_join_extensions(extension) if extension else None,
            dual=dual or bool(element.metadata.get("dual_dialogue")), line=line))
    elif kind == ElementType.PARENTHETICAL:
        speech = _current_speech(segments)
        inner = text.strip()
        inner = inner[1:-1] if inner.startswith("(") and inner.endswith(")") else inner
        if speech is None:
            segments.append(ParsedSegment("action", text, line=line))
        elif speech.parenthetical is None and not speech.text:
            speech.parenthetical = inner
        else:
            segments.append(ParsedSegment("dialogue", "", character=speech.character, extension=speech.extension,
                                          parenthetical=inner, dual=speech.dual, line=line))
    elif kind == ElementType.DIALOGUE:
        speech = _current_speech(segments)
        if speech is None:
            segments.append(ParsedSegment("action", text, line=line))
        else:
            # A speech's first line may be empty (Fountain's two-space line), so count lines, not text.
            speech.text = f"{speech.text}\n{text}" if id(speech) in started else text
            started.add(id(speech))
    elif kind == ElementType.TRANSITION:
        segments.append(ParsedSegment("transition", text, line=line))
    elif kind == ElementType.NOTE:
        match = _NOTE.fullmatch(text.strip())
        segments.append(ParsedSegment("note", _blank_lines(match.group(1) if match else text), line=line))
    elif kind == ElementType.SECTION:
        segments.append(ParsedSegment("note", "#" * int(element.metadata.get("level", 1)) + " " + text, line=line))
    elif kind == ElementType.SYNOPSIS:
        segments.append(ParsedSegment("note", "= " + text, line=line))
    elif kind == ElementType.DUAL_DIALOGUE:
        left, right = element.dual_dialogue_columns()
        for part in left:
            _add_element(segments, part, False, started)
        for part in right:
            _add_element(segments, part, True, started)
    # BONEYARD, PAGE_BREAK, TITLE_PAGE: dropped.


def _current_speech(segments: list[ParsedSegment]) -> ParsedSegment | None:
    last = segments[-1] if segments else None
    return last if last is not None and last.kind == "dialogue" else None


def _blank_lines(text: str) -> str:
    return "\n".join("" if not line.strip() else line for line in text.split("\n"))


def _join_extensions(raw: str) -> str:
    return ", ".join(part.strip() for part in re.split(r"\)\s*\(", raw) if part.strip())


def _add_inline_notes(text: str, segments: list[ParsedSegment]) -> list[ParsedSegment]:
    """Emit the [[notes]] fountain-py dropped (mid-line ones) as note segments after their line."""
    visible = _BONEYARD.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = {s.line for s in segments if s.kind == "note"}
    missing = []
    for match in _NOTE.finditer(visible):
        line = visible.count("\n", 0, match.start()) + 1
        body = match.group(1)
        if line not in found and body.strip() and "\n\n" not in body:  # a truly blank line ends a note
            missing.append(ParsedSegment("note", _blank_lines(body), line=line))
    if not missing:
        return segments
    merged: list[ParsedSegment] = []
    pending = sorted(missing, key=lambda s: s.line)
    for index, segment in enumerate(segments):
        merged.append(segment)
        following = segments[index + 1].line if index + 1 < len(segments) else None
        while pending and (following is None or pending[0].line < following) and pending[0].line >= (segment.line or 0):
            merged.append(pending.pop(0))
    return merged + pending if merged else pending


def _title_page(text: str, metadata: dict) -> dict[str, str]:
    spelled: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip():
            if spelled:
                break
            continue
        match = _TITLE_KEY.match(line)
        if match:
            spelled.setdefault(match.group(1).strip().lower(), match.group(1).strip())
    return {spelled.get(key, key.title()): str(value) for key, value in metadata.items()}


# --- FDX reading ---------------------------------------------------------------

_FDX_KINDS = {"Scene Heading": "scene", "Shot": "scene", "Action": "action", "General": "action",
              "Transition": "transition", "Character": "dialogue", "Parenthetical": "parenthetical",
              "Dialogue": "speech", "Lyrics": "action"}


def _parse_fdx(text: str) -> ParsedScript:
    try:
        root = SafeET.fromstring(text.encode("utf-8"), forbid_dtd=True)
    except defusedxml.DTDForbidden:
        raise ScriptFormatError(_line_of(text, "<!DOCTYPE"), "a DTD is not allowed in an FDX file") from None
    except defusedxml.EntitiesForbidden:
        raise ScriptFormatError(_line_of(text, "<!ENTITY"), "entity declarations are not allowed in an FDX file") from None
    except defusedxml.DefusedXmlException as exc:
        raise ScriptFormatError(None, f"unsafe XML refused: {exc}") from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ScriptFormatError(line, f"not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    if root.tag != "FinalDraft":
        raise ScriptFormatError(_line_of(text, f"<{root.tag}") or 1,
                                f"XML but not a Final Draft document (root element <{root.tag}>, expected <FinalDraft>)")
    content = root.find("Content")
    if content is None:
        raise ScriptFormatError(_line_of(text, "<FinalDraft") or 1, "a Final Draft document without <Content>")
    segments: list[ParsedSegment] = []
    for paragraph in content.findall("Paragraph"):
        _add_fdx_paragraph(segments, paragraph, dual=False)
    return ParsedScript("fdx", _fdx_title_page(root), segments)


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _paragraph_text(paragraph) -> str:
    return "".join("".join(t.itertext()) for t in paragraph.findall("Text")).replace("\r", "")


def _add_fdx_paragraph(segments: list[ParsedSegment], paragraph, dual: bool) -> None:
    duals = paragraph.findall("DualDialogue")
    if duals:
        for block in duals:
            cues = 0
            for inner in block.findall("Paragraph"):
                cues += inner.get("Type") == "Character"
                _add_fdx_paragraph(segments, inner, dual=cues >= 2)
        return
    kind = _FDX_KINDS.get(paragraph.get("Type") or "Action", "action")
    text = _paragraph_text(paragraph)
    if not text.strip():
        return
    speech = _current_speech(segments)
    if kind == "dialogue":
        name, extension = _split_cue(text.strip())
        segments.append(ParsedSegment("dialogue", "", character=name, extension=extension, dual=dual))
    elif kind == "parenthetical" and speech is not None:
        inner = text.strip()
        inner = inner[1:-1] if inner.startswith("(") and inner.endswith(")") else inner
        if speech.parenthetical is None and not speech.text:
            speech.parenthetical = inner
        else:
            segments.append(ParsedSegment("dialogue", "", character=speech.character, extension=speech.extension,
                                          parenthetical=inner, dual=speech.dual))
    elif kind == "speech" and speech is not None:
        speech.text = f"{speech.text}\n{text}" if speech.text else text
    elif kind == "scene":
        number = paragraph.get("Number")
        segments.append(ParsedSegment("scene", f"{text} #{number}#" if number else text))
    elif kind == "action" and paragraph.get("Alignment") == "Center":
        segments.append(ParsedSegment("action", f">{text}<"))
    elif kind in ("parenthetical", "speech"):
        segments.append(ParsedSegment("action", text))  # a stray one, outside any speech
    else:
        segments.append(ParsedSegment(kind, text))


_CUE = re.compile(r"^(.*?)\s*((?:\([^()]*\)\s*)+)$")


def _split_cue(cue: str) -> tuple[str, str | None]:
    match = _CUE.match(cue)
    if not match or not match.group(1):
        return cue, None
    parts = re.findall(r"\(([^()]*)\)", match.group(2))
    return match.group(1), ", ".join(p.strip() for p in parts if p.strip()) or None


def _fdx_title_page(root) -> dict[str, str]:
    page: dict[str, str] = {}
    title = root.find("TitlePage")
    if title is None:
        return page
    loose = []
    for paragraph in title.iter("Paragraph"):
        text = _paragraph_text(paragraph).strip()
        match = re.match(r"^([A-Za-z][\w ]*):\s?(.*)$", text, re.DOTALL)
        if match:
            page[match.group(1)] = match.group(2)
        elif text:
            loose.append(text)
    if loose:
        page["Text"] = "\n".join(loose)
    return page


# --- writing -----------------------------------------------------------------

_HEADING = re.compile(r"^(?:INT|EXT|EST|I/E|INT/EXT|INT\./EXT)(?:\s*\.|\s)", re.IGNORECASE)
_RISKY_START = tuple("!@.>~=#[/*^")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def _risky(line: str) -> bool:
    """Whether a line of action could be read back as something else (cue, heading, transition...)."""
    stripped = line.strip()
    return (not stripped or stripped.startswith(_RISKY_START) or _HEADING.match(stripped) is not None
            or stripped.endswith(("TO:", "^", ":")) or stripped.upper() == stripped or stripped.startswith("("))


def _speeches(segments: Iterable[SegmentLike]) -> list[list[SegmentLike]]:
    """Group segments: dialogue segments continuing one speech (same speaker, with a parenthetical)."""
    blocks: list[list[SegmentLike]] = []
    for segment in segments:
        last = blocks[-1][-1] if blocks else None
        if (segment.kind == "dialogue" and last is not None and last.kind == "dialogue" and segment.parenthetical
                and (segment.character, segment.extension, bool(segment.dual))
                == (last.character, last.extension, bool(last.dual))):
            blocks[-1].append(segment)
        else:
            blocks.append([segment])
    return blocks


def write_fountain(title_page: dict[str, str], segments: Iterable[SegmentLike]) -> str:
    """Write a Fountain screenplay that `parse` reads back as the same segments."""
    out: list[str] = []
    if title_page:
        for key, value in title_page.items():
            lines = str(value).split("\n")
            if len(lines) == 1:
                out.append(f"{key}: {value}")
            else:
                out.append(f"{key}:")
                out.extend(f"\t{line}" for line in lines)
        out.append("")
    previous: list[SegmentLike] | None = None
    for block in _speeches(segments):
        first = block[0]
        if first.kind == "dialogue":
            out.extend(_fountain_speech(block, dual_ok=previous is not None and previous[0].kind == "dialogue"
                                        and not previous[0].dual))
        elif first.kind == "scene":
            text = _escape(first.text.strip())
            out.append(text if _HEADING.match(text) else "." + text)
        elif first.kind == "transition":
            text = _escape(first.text.strip())
            out.append(text if re.fullmatch(r"[A-Z\s.'/-]+TO:", text) else "> " + text)
        elif first.kind == "note":
            text = first.text
            if re.match(r"^(#+ |= )\S", text) and "\n" not in text:
                out.append(text)  # a section heading or a synopsis
            else:
                out.append("[[" + "\n".join(line or "  " for line in text.split("\n")) + "]]")
        else:
            out.extend(_fountain_action(first.text))
        out.append("")
        previous = block
    return "\n".join(out).rstrip("\n") + "\n"


def _fountain_action(text: str) -> list[str]:
    lines = text.split("\n")
    if all(re.fullmatch(r"~.+", line) for line in lines) or re.fullmatch(r">[^<\n]*<", text):
        return lines  # lyrics and centered text, kept as written
    return [("!" + _escape(line)) if _risky(line) else _escape(line) for line in lines]


def _fountain_speech(block: list[SegmentLike], dual_ok: bool) -> list[str]:
    first = block[0]
    name = (first.character or "").strip()
    natural = re.fullmatch(r"[A-Z0-9][A-Z0-9 _.'#-]*", name) and re.search(r"[A-Z]", name)
    opening = (first.parenthetical and f"({first.parenthetical})") or first.text.split("\n")[0]
    if opening.upper() == opening:
        natural = False  # a cue followed by an all-caps line reads as action unless forced
    cue = name if natural else "@" + name
    if first.extension:
        cue += " " + " ".join(f"({part.strip()})" for part in first.extension.split(", "))
    if first.dual and dual_ok:
        cue += " ^"
    lines = [cue]
    for segment in block:
        if segment.parenthetical:
            lines.append(f"({_escape(segment.parenthetical)})")
        lines.extend(_escape(line) if line.strip() else "  " for line in segment.text.split("\n")) if segment.text else None
    return lines


def write_fdx(title_page: dict[str, str], segments: Iterable[SegmentLike]) -> str:
    """Write a Final Draft document that `parse` reads back as the same segments (notes dropped)."""
    root = ET.Element("FinalDraft", DocumentType="Script", Template="No", Version="5")
    content = ET.SubElement(root, "Content")
    blocks = [b for b in _speeches(s for s in segments if s.kind != "note")]
    index = 0
    while index < len(blocks):
        block = blocks[index]
        first = block[0]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if first.kind == "dialogue" and not first.dual and following and following[0].kind == "dialogue" and following[0].dual:
            wrapper = ET.SubElement(ET.SubElement(content, "Paragraph"), "DualDialogue")
            _fdx_speech(wrapper, block)
            _fdx_speech(wrapper, following)
            index += 2
            continue
        if first.kind == "dialogue":
            _fdx_speech(content, block)
        elif first.kind == "scene":
            match = re.fullmatch(r"(.*?)\s*#([A-Za-z0-9.-]+)#", first.text, re.DOTALL)
            paragraph = _fdx_paragraph(content, "Scene Heading", match.group(1) if match else first.text)
            if match:
                paragraph.set("Number", match.group(2))
        elif first.kind == "transition":
            _fdx_paragraph(content, "Transition", first.text)
        elif re.fullmatch(r">[^<\n]*<", first.text):
            _fdx_paragraph(content, "Action", first.text[1:-1]).set("Alignment", "Center")
        else:
            _fdx_paragraph(content, "Action", first.text)
        index += 1
    if title_page:
        page = ET.SubElement(ET.SubElement(root, "TitlePage"), "Content")
        for key, value in title_page.items():
            _fdx_paragraph(page, "Action" if key != "Text" else "Action", value if key == "Text" else f"{key}: {value}")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _fdx_paragraph(parent, kind: str, text: str):
    paragraph = ET.SubElement(parent, "Paragraph", Type=kind)
    ET.SubElement(paragraph, "Text").text = text
    return paragraph


def _fdx_speech(parent, block: list[SegmentLike]) -> None:
    first = block[0]
    cue = (first.character or "").strip()
    if first.extension:
        cue += " " + " ".join(f"({part.strip()})" for part in first.extension.split(", "))
    _fdx_paragraph(parent, "Character", cue)
    for segment in block:
        if segment.parenthetical:
            _fdx_paragraph(parent, "Parenthetical", f"({segment.parenthetical})")
        if segment.text:
            _fdx_paragraph(parent, "Dialogue", segment.text)
