r"""Read and write WebVTT and SRT subtitle tracks.

`parse(bytes)` decodes (`decode`: BOM, UTF-8, else charset-normalizer), tells the format from the
content (first non-blank line starting with ``WEBVTT`` => vtt, else srt; never the file name),
and returns a `ParsedTrack`, or raises `SubtitleFormatError(line, reason)`.

Every problem is collected, not only the first: the error's `problems` lists each one with its
line. A problem that belongs to one cue (a timing line that does not parse, a cue that ends
before it starts, text whose timing line is missing...) is *droppable*: with
``parse(data, skip_invalid=True)`` those cues are left out and listed in `ParsedTrack.dropped`,
so nothing is dropped silently. A problem of the whole file (not text, no cue, a timing on the
WEBVTT line) is never droppable, and a file whose every cue is bad is refused all the same.

How webvtt-py is used, and why the cues come from our own scanner
-----------------------------------------------------------------
webvtt-py cannot validate on its own: it silently drops a cue with a bad timing line and text
after a blank line, its SRT reader drops a malformed cue, it refuses a comma before the
milliseconds in VTT and an SRT file whose first cue has no number or that starts with a blank
line, and it gives no line numbers. So a line scanner (`_scan`) validates every line and
already yields start/end/text/id/settings. Then the track is routed through webvtt-py: our
canonical export of those cues (`write_vtt`/`write_srt`) is read back with
``webvtt.from_buffer(..., format=...)`` and every cue must come back identical (times, text,
id, settings), so whatever we accept can be exported and read by webvtt-py (and the tools
built on it) without loss; a difference is refused with the cue's line.

Measured for a 40-cue VTT (2 cores, median of 200 interleaved runs): webvtt-py alone
(`from_buffer`) 0.95-1.0 ms; our scanner alone 0.22 ms; `write_vtt` 0.18 ms; `parse()` 1.39 ms,
i.e. ~1.4x webvtt-py alone (1,500 cues: 38 ms vs 51 ms, ~1.35x). webvtt-py is the slow part, so
the cues are built by the scanner; building them from webvtt-py's captions instead (after the
same validation) costs the same (1.37 ms) but would lose empty SRT cues (webvtt-py drops them)
and the line of a cue, so it was not chosen.

Accepted quirks: UTF-8 BOM, UTF-16/32 with BOM, cp1252/Latin-1 and other legacy encodings,
CRLF or lone CR, blank or whitespace-only lines anywhere, no final newline, SRT numbering gaps
or missing numbers, a cue number parted from its timing by a blank line, a missing blank line
before a cue, ``<i> <b> <u> <font>`` and other tags (kept as-is), VTT cue settings (whitespace
normalised to single spaces), ``,`` or ``.`` before the milliseconds, optional hours, cues out
of order (sorted by start, stable). Text lines are right-stripped. In SRT, text after a blank
line inside a cue is kept as more lines of that cue; in VTT it is a cue whose timing line is
missing (browsers and webvtt-py drop that text), so it is a problem naming its line. SRT
position coordinates after the times are dropped; SRT numbers are not kept.

Kept for a lossless VTT round trip: `ParsedTrack.header` is the text after ``WEBVTT`` on line 1,
followed by any header metadata lines (``X-TIMESTAMP-MAP=...``) joined with "\n";
`ParsedTrack.blocks` holds the raw STYLE, REGION and NOTE blocks (lines right-stripped) in file
order, including NOTE blocks found between cues (`write_vtt` writes them all before the first cue).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Iterable

import charset_normalizer
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

__all__ = [
    "ParsedCue", "ParsedTrack", "Problem", "SubtitleFormatError",
    "count_timing_lines", "decode", "parse", "write_vtt", "write_srt", "format_timestamp",
]


# Files may carry broadcast-style hours (10:00:00.000, even 100:00:00.000); past 500 hours a time
# cannot be a programme's, and stored times must fit a 32-bit integer (596 hours).
MAX_TIME_MS = 500 * 3_600_000
MAX_FIELD = 200           # characters of a cue identifier or of its settings (as stored)


MAX_LISTED = 10           # problems spelled out in an error's message (its `problems` has them all)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: its 1-based line (or None) and why; droppable when it is one cue's."""

    line: int | None
    reason: str
    droppable: bool = True

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line is not None else self.reason


class SubtitleFormatError(ValueError):
    """A subtitle file that cannot be imported, with the 1-based line at fault (or None).

    `line` and `reason` are the first problem's; `problems` lists every one, in line order.
    `kept` counts the cues that import without the droppable problems; `skippable` says whether
    ``parse(..., skip_invalid=True)`` would import them.
    """

    def __init__(self, line: int | None, reason: str, problems: list[Problem] | None = None, kept: int = 0):
        super().__init__(line, reason)
        self.line = line
        self.reason = reason
        self.problems = problems or [Problem(line, reason, droppable=False)]
        self.kept = kept

    @property
    def skippable(self) -> bool:
        return self.kept > 0 and all(p.droppable for p in self.problems)

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        listed = "; ".join(str(p) for p in self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        return f"{len(self.problems)} problems: {listed}" + (f"; and {more} more" if more > 0 else "")


@dataclass
class ParsedCue:
    start_ms: int
    end_ms: int
    text: str            # lines joined with "\n", tags kept
    identifier: str | None = None   # VTT cue id; SRT numbers are NOT kept as ids
    settings: str | None = None     # VTT cue settings, e.g. "align:start line:90%"


@dataclass
class ParsedTrack:
    format: str            # "vtt" or "srt"
    cues: list[ParsedCue]
    header: str = ""       # text after WEBVTT on line 1 (then any header metadata lines)
    blocks: list[str] = field(default_factory=list)  # raw STYLE/REGION/NOTE blocks
    encoding: str = "utf-8"  # what the bytes were decoded as
    dropped: list[Problem] = field(default_factory=list)  # cues left out (skip_invalid), in line order


# --- decoding ---------------------------------------------------------------

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a BOM a wide encoding cannot be told from binary data, and charset-normalizer
# happily calls a short Latin-1 file "utf_16_be"; those need a BOM.
_NO_BOM_EXCLUDED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
# C0 controls other than tab, LF, CR and form feed never occur in subtitle text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """Decode subtitle bytes: BOM, then UTF-8, then charset-normalizer's best guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise SubtitleFormatError(None, f"not valid {encoding} after its byte order mark: {exc.reason}") from None
            break
    else:
        # UTF-16/32 text without a BOM is a NUL every other byte (or more); a few NULs in UTF-8
        # text are reported below with their lines.
        if data.count(b"\x00") * 4 >= len(data) > 0:
            raise SubtitleFormatError(None, "binary data (NUL bytes), not a subtitle file; "
                                            "UTF-16 and UTF-32 files need a byte order mark")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data, cp_exclusion=_NO_BOM_EXCLUDED).best()
            if best is None:
                raise SubtitleFormatError(None, "not text: no encoding decodes these bytes confidently") from None
            text, encoding = str(best), best.encoding
    if text.endswith("\x1a"):
        text = text[:-1]  # the end-of-file mark of old DOS tools
    _check_text(text)
    return text, encoding


# --- scanning ---------------------------------------------------------------

# [hh:]mm:ss.mmm; a comma before the milliseconds is accepted in both formats.
_TS = r"(?:(\d{1,10}):)?([0-5]?\d):([0-5]\d)[.,](\d{3})"
_TIMING = re.compile(rf"[ \t]*{_TS}[ \t]*-->[ \t]*{_TS}(?:[ \t]+(.*))?$")
# A line that was meant as a timing line although it has no "-->" (e.g. "->", " - ").
_TIMING_ISH = re.compile(r"[ \t]*(?:\d+:)?\d+:\d+[.,:]\d+[ \t]*(?:-|–|—|=|>|→)")
# Where a timing line is due (after a cue number), a line starting like a time is a broken one.
_TIME_START = re.compile(r"[ \t]*\d+:\d")


def _looks_timing(line: str) -> bool:
    return "-->" in line or _TIMING_ISH.match(line) is not None


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


def _ms(h: str | None, m: str, s: str, f: str) -> int:
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f) if h else (int(m) * 60 + int(s)) * 1000 + int(f)


def _collect_text(lines: list[str], j: int, text: list[str], srt: bool) -> int:
    """Append cue text lines from j to text; return the index of the line that ends it."""
    n = len(lines)
    while j < n:
        line = lines[j]
        if not line or line.isspace():
            break
        if "-->" in line or _TIMING_ISH.match(line):
            # A cue with no blank line before it; in SRT its number is the last line read.
            if srt and text and text[-1].strip().isdigit():
                text.pop()
                return j - 1
            return j
        text.append(line.rstrip())
        j += 1
    return j


def _timing_problem(line: str, i: int, ident: str | None, srt: bool) -> tuple | Problem:
    """The timing line lines[i] as (start, end, settings), or the Problem that makes its cue invalid."""
    m = _TIMING.match(line)
    if m is None:
        return Problem(i + 1, f"timing line does not parse: {line!r}")
    h1, m1, s1, f1, h2, m2, s2, f2, settings = m.groups()
    if settings and "-->" in settings:
        return Problem(i + 1, f"timing line does not parse (two arrows): {line!r}")
    start, end = _ms(h1, m1, s1, f1), _ms(h2, m2, s2, f2)
    if end <= start:
        what = "zero-length cue (ends when it starts)" if end == start else "cue ends before it starts"
        return Problem(i + 1, f"{what}: {line.strip()!r}")
    if end > MAX_TIME_MS:
        return Problem(i + 1, f"a cue past 500 hours: {line.strip()!r}")
    # SRT has no cue settings; the odd "X1:.. Y1:.." coordinates after the times are dropped.
    settings = None if srt or not settings else (" ".join(settings.split()) or None)
    if settings and len(settings) > MAX_FIELD:
        return Problem(i + 1, f"cue settings longer than {MAX_FIELD} characters")
    if ident and len(ident) > MAX_FIELD:
        return Problem(i, f"a cue identifier longer than {MAX_FIELD} characters")
    return start, end, settings


def _read_cue(lines: list[str], i: int, ident: str | None, cues: list, srt: bool,
              problems: list[Problem]) -> tuple[int, list[str] | None]:
    """Read the cue whose timing line is lines[i]: (index after its text, its text lines).

    An invalid cue is not kept: its problem is noted and its text lines are None.
    """
    timing = _timing_problem(lines[i], i, ident, srt)
    text: list[str] = []
    j = _collect_text(lines, i + 1, text, srt)
    if isinstance(timing, Problem):
        problems.append(timing)
        return j, None
    start, end, settings = timing
    cues.append((start, end, text, ident, settings, i + 1))
    return j, text


def _starts_vtt_block(line: str) -> bool:
    """Tell a NOTE, STYLE or REGION block header line."""
    if line.startswith("NOTE"):
        return len(line) == 4 or line[4] in " \t"
    return line.rstrip() in ("STYLE", "REGION")


def _scan(lines: list[str], srt: bool) -> tuple[list, str, list[str], list[Problem]]:
    """Validate the lines: (valid cues as tuples, header, raw blocks, problems with their lines).

    A problem of one cue skips that cue's lines and scanning goes on, so every one is found.
    """
    n = len(lines)
    cues: list = []
    blocks: list[str] = []
    problems: list[Problem] = []
    header = ""
    last: list[str] | None = None   # the text of the last cue read (None: none yet, or it was invalid)
    seen_cue = False                # a cue (valid or not) has been read
    i = 0
    while i < n and (not lines[i] or lines[i].isspace()):
        i += 1
    if not srt:
        if "-->" in lines[i]:
            raise SubtitleFormatError(i + 1, "the WEBVTT line cannot hold a timing ('-->')")
        parts = [lines[i].strip()[6:].strip()]
        i += 1
        # Header metadata lines (e.g. X-TIMESTAMP-MAP) run to the first blank or timing line.
        while i < n and not _is_blank(lines[i]) and not _looks_timing(lines[i]):
            parts.append(lines[i].strip())
            i += 1
        header = "\n".join(parts)
    while i < n:
        line = lines[i]
        if not line or line.isspace():
            i += 1
            continue
        if "-->" in line or _TIMING_ISH.match(line):
            i, last = _read_cue(lines, i, None, cues, srt, problems)
            seen_cue = True
            continue
        j = i + 1
        nxt = lines[j] if j < n else ""
        nxt_blank = not nxt or nxt.isspace()
        stripped = line.strip()
        if not nxt_blank and _looks_timing(nxt):
            if srt and not stripped.isdigit():
                # The line alone is dropped; the cue whose timing follows is read on its own.
                if _TIME_START.match(line):
                    problems.append(Problem(i + 1, f"timing line does not parse: {line!r}"))
                else:
                    problems.append(Problem(i + 1, f"expected a cue number before the timing line: {line!r}"))
                i = j
                continue
            i, last = _read_cue(lines, j, None if srt else stripped, cues, srt, problems)
            seen_cue = True
            continue
        if not srt and _starts_vtt_block(line):
            arrow = None
            while j < n and not _is_blank(lines[j]):
                if arrow is None and "-->" in lines[j]:
                    arrow = j
                j += 1
            if arrow is None:
                blocks.append("\n".join(line.rstrip() for line in lines[i:j]))
            else:  # the block and the cue glued to it are left out
                problems.append(Problem(arrow + 1, f"'-->' inside a {stripped.split()[0]} block "
                                                   f"(a blank line must end it): {lines[arrow]!r}"))
            i = j
            continue
        if stripped.isdigit():
            if not nxt_blank:
                if _TIME_START.match(nxt):
                    problems.append(Problem(j + 1, f"timing line does not parse: {nxt!r}"))
                else:
                    problems.append(Problem(j + 1, f"cue number {stripped} is not followed by a timing line: {nxt!r}"))
                i, last, seen_cue = _collect_text(lines, j, [], srt), None, True
                continue
            k = j
            while k < n and _is_blank(lines[k]):
                k += 1
            if k < n and _looks_timing(lines[k]):
                i = k  # a cue number parted from its timing line by a blank line
                continue
            if k >= n:
                problems.append(Problem(i + 1, f"cue number {stripped} has no timing line (file cut short?)"))
                break
        if not seen_cue:
            problems.append(Problem(i + 1, f"text before the first cue: {stripped!r}"))
            i = _collect_text(lines, i, [], srt)
        elif not srt:
            # WebVTT ends a cue at a blank line: this text has lost its timing line (players drop it).
            problems.append(Problem(i + 1, f"text without a timing line (a cue's timing line is missing, "
                                           f"or a blank line splits a cue): {stripped!r}"))
            i, last = _collect_text(lines, i, [], srt), None
        else:
            # SRT text after a blank line inside a cue: more lines of that cue (left out with it
            # when the cue is invalid).
            i = _collect_text(lines, i, last if last is not None else [], srt)
    return cues, header, blocks, problems


def _split(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def format_timestamp(ms: int, sep: str = ".") -> str:
    """Format milliseconds as hh:mm:ss.mmm (sep="," for SRT)."""
    if ms < 0:
        raise ValueError(f"negative time: {ms} ms")
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, f = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{f:03d}"


# --- writing ----------------------------------------------------------------

def _text_lines(cue, n: int) -> list[str]:
    """Return the cue's text lines ready to write; refuse text a reader would take for a timing line."""
    text = cue.text or ""
    if "-->" in text:
        raise ValueError(f"cue {n}: text contains '-->', which would start a new cue: {text!r}")
    lines = text.split("\n")
    for line in lines:
        if _TIMING_ISH.match(line):
            raise ValueError(f"cue {n}: text line looks like a timing line: {line!r}")
    if "" in lines or any(line.isspace() for line in lines):
        lines = [line for line in lines if line and not line.isspace()]  # a blank line would end the cue
    return lines


def write_vtt(cues: Iterable, header: str = "", blocks: Iterable[str] = ()) -> str:
    """Write cues as WebVTT, with the header text and raw STYLE/REGION/NOTE blocks before them."""
    first, *meta = header.split("\n") if header else [""]
    for line in [first, *meta]:
        if "-->" in line or "\r" in line or (line is not first and _is_blank(line)):
            raise ValueError(f"header line cannot be written: {line!r}")
    out = ["WEBVTT " + first if first else "WEBVTT", *meta]
    for block in blocks:
        block_lines = block.rstrip().split("\n")
        if "-->" in block or any(_is_blank(line) for line in block_lines):
            raise ValueError(f"block has a blank line or '-->': {block!r}")
        out.append("")
        out.extend(block_lines)
    ts = format_timestamp
    for n, cue in enumerate(cues, 1):
        ident = getattr(cue, "identifier", None)
        settings = getattr(cue, "settings", None)
        out.append("")
        if ident:
            if "\n" in ident or "\r" in ident or "-->" in ident:
                raise ValueError(f"cue {n}: identifier must be one line without '-->': {ident!r}")
            out.append(ident)
        timing = f"{ts(cue.start_ms)} --> {ts(cue.end_ms)}"
        if settings:
            if "\n" in settings or "\r" in settings or "-->" in settings:
                raise ValueError(f"cue {n}: settings must be one line without '-->': {settings!r}")
            timing = f"{timing} {settings}"
        out.append(timing)
        out.extend(_text_lines(cue, n))
    return "\n".join(out) + "\n"


def write_srt(cues: Iterable) -> str:
    """Write cues as SRT, numbered 1..n, comma before the milliseconds, LF line ends."""
    out = []
    ts = format_timestamp
    for n, cue in enumerate(cues, 1):
        out.append(str(n))
        out.append(f"{ts(cue.start_ms, ',')} --> {ts(cue.end_ms, ',')}")
        out.extend(_text_lines(cue, n))
        out.append("")
    return "\n".join(out)  # ends with the blank line after the last cue, so with "\n"


# --- parsing ----------------------------------------------------------------

def control_character(text: str) -> str | None:
    """The first control character no subtitle file may carry (NUL, backspace...), or None."""
    bad = _CONTROL.search(text)
    return bad.group() if bad else None


MAX_CONTROL_LINES = 100  # lines with control characters listed before giving up on a file


def _check_text(text: str) -> None:
    """Refuse text with control characters, naming each line that has one (a NUL is not UTF-16)."""
    bad = _CONTROL.search(text)
    if not bad:
        return
    problems: list[Problem] = []
    lines = _split(text)
    for number, line in enumerate(lines, 1):
        found = _CONTROL.search(line)
        if found is None:
            continue
        char = found.group()
        what = "a NUL byte (U+0000)" if char == "\x00" else f"control character U+{ord(char):04X}"
        problems.append(Problem(number, f"{what}: binary data, not text", droppable=False))
        if len(problems) == MAX_CONTROL_LINES:
            break
    raise SubtitleFormatError(problems[0].line, problems[0].reason, problems)


def count_timing_lines(data: bytes | str) -> int:
    """How many timing lines ('-->') a file has at most, counted on the raw bytes without parsing."""
    if isinstance(data, str):
        return data.count("-->")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.count("-->".encode(encoding.removesuffix("-sig")))
    return data.count(b"-->")


def parse(data: bytes | str, *, skip_invalid: bool = False) -> ParsedTrack:
    """Parse a WebVTT or SRT file, told apart by content; raise SubtitleFormatError with its lines.

    With skip_invalid, cues with a problem of their own are left out and listed in `dropped`;
    a problem of the whole file, or a file with no valid cue, is still refused.
    """
    if isinstance(data, str):
        text, encoding = data, "utf-8"
        _check_text(text)
    else:
        text, encoding = decode(bytes(data))
    lines = _split(text)
    first = next((line for line in lines if line and not line.isspace()), None)
    if first is None:
        raise SubtitleFormatError(None, "no cue found: the file is empty")
    srt = not first.lstrip().startswith("WEBVTT")
    raw, header, blocks, problems = _scan(lines, srt)
    # Cues out of order are sorted by start; sorted() is stable, so equal starts keep file order.
    raw.sort(key=_by_start)
    cues = [ParsedCue(s, e, "\n".join(t), i, st) for s, e, t, i, st, _ in raw]
    track = ParsedTrack("srt" if srt else "vtt", cues, header, blocks, encoding)
    cue_lines = [r[5] for r in raw]
    unread = _read_back(track, cue_lines)
    if unread:
        problems += [Problem(cue_lines[k], reason) for k, reason in unread]
        gone = {k for k, _ in unread}
        track.cues = [c for k, c in enumerate(track.cues) if k not in gone]
    if problems:
        problems.sort(key=_by_line)
        if not skip_invalid or not track.cues or not all(p.droppable for p in problems):
            raise SubtitleFormatError(problems[0].line, problems[0].reason, problems, kept=len(track.cues))
        track.dropped = problems
    if not track.cues:
        raise SubtitleFormatError(None, "no cue found")
    return track


def _by_start(raw: tuple) -> int:
    return raw[0]


def _by_line(problem: Problem) -> int:
    return problem.line or 0


def _read_back(track: ParsedTrack, lines: list[int]) -> list[tuple[int, str]]:
    """Route the track through webvtt-py: its reading of our export must give the same cues.

    Returns (index in track.cues, reason) of each cue it reads back differently; when it reads a
    different number of cues, cues no longer pair up and the whole file is refused.
    """
    srt = track.format == "srt"
    # webvtt-py drops (SRT) or refuses (VTT) a cue without text; we keep them (an untranslated cue is
    # empty, and QC reports it), so only cues with text are checked against its reading.
    pairs = [(k, c, ln) for k, (c, ln) in enumerate(zip(track.cues, lines)) if c.text]
    if not pairs:
        return []
    try:
        kept = [c for _, c, _ in pairs]
        canonical = write_srt(kept) if srt else write_vtt(kept, track.header, track.blocks)
        captions = webvtt.from_buffer([canonical], format=track.format).captions
    except (ValueError, MalformedFileError, MalformedCaptionError) as exc:
        raise SubtitleFormatError(None, f"webvtt-py cannot read this track back: {exc}") from None
    differ = []
    for (k, cue, line), cap in zip(pairs, captions):
        if (cap.start_time.in_milliseconds() != cue.start_ms or cap.end_time.in_milliseconds() != cue.end_ms
                or cap.raw_text != cue.text
                or (not srt and ((cap.identifier or None) != cue.identifier
                                 or (str(cap.settings) or None) != cue.settings))):
            differ.append((k, line, f"webvtt-py reads this cue back differently: {cap!r}"))
    if len(captions) != len(pairs):
        if differ:
            _, line, reason = differ[0]
        else:
            line = pairs[len(captions)][2] if len(captions) < len(pairs) else None
            reason = f"webvtt-py reads {len(captions)} cues back, not {len(pairs)}"
        raise SubtitleFormatError(line, reason)
    return [(k, reason) for k, _, reason in differ]
