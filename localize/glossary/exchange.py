"""Glossary files: CSV (`source,target,kind,note`) in and out, TBX-Basic out.

An import is all or nothing: a file that cannot be read, or any bad row, is refused (422 naming
the row and field) before anything is stored. It adds new entries and updates existing ones by
source and kind; `name` rows are skipped and listed (names come from casting). Exports include
casting's names, so a CAT tool sees the whole glossary. Exported cells carry the formula guard of
`localize.csv_safe`, and the import takes it off, so an exported file imports back unchanged.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from sqlmodel import Session, select

from localize.csv_safe import safe_writer, unguard
from localize.errors import ValidationFailed
from localize.glossary import store
from localize.models import GlossaryEntry, Series, utcnow

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
HEADER = ("source", "target", "kind", "note")
OPTIONAL = ("case_sensitive",)
CSV_MEDIA_TYPE = "text/csv"
TBX_MEDIA_TYPE = "application/x-tbx"
TRUE = {"1", "true", "yes", "y", "x"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class ImportResult:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"rows": self.rows, "added": self.added, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": self.skipped}


def _refuse(message: str, **where) -> ValidationFailed:
    return ValidationFailed(message, [{"field": "file", "message": message, **where}])


def read_csv(data: bytes) -> tuple[list[tuple[int, dict]], list[dict]]:
    """The rows of a glossary CSV (row numbers count the header as 1), and the `name` rows skipped."""
    if len(data) > MAX_CSV_BYTES:
        raise _refuse(f"the file is larger than {MAX_CSV_BYTES // 1024} KiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(f"the file is not UTF-8 (byte {exc.start}): save it as UTF-8 CSV") from None
    if "\x00" in text:
        raise _refuse("the file contains NUL characters: it is not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 1  # records, the header being row 1 (a quoted note may span lines)
    rows, skipped = [], []
    try:
        header = next(reader, None)
        if header is None:
            raise _refuse("the file is empty: the first row must be source,target,kind,note")
        names = [h.strip().lower() for h in header]
        if names[:4] != list(HEADER) or any(n not in OPTIONAL for n in names[4:]):
            raise _refuse(f"the first row must be {','.join(HEADER)} (optionally case_sensitive), "
                          f"not {','.join(header)[:200]}", row=1)
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if number > MAX_ROWS + 1:
                raise _refuse(f"the file has more than {MAX_ROWS} rows", row=number)
            if len(values) > len(names):
                raise ValidationFailed(f"row {number}: {len(values)} columns, the header has {len(names)}",
                                       [{"field": "file", "row": number, "message": "too many columns"}])
            row = dict(zip(names, (unguard(v) for v in values)))  # the export's formula guard
            if (row.get("kind") or "").strip() == "name":
                skipped.append({"row": number, "source": row.get("source", "")[:300],
                                "reason": "name entries come from casting"})
                continue
            row["kind"] = (row.get("kind") or "").strip() or "term"
            row["case_sensitive"] = (row.get("case_sensitive") or "").strip().lower() in TRUE
            rows.append((number, row))
    except csv.Error as exc:
        raise _refuse(f"row {number + 1}: not a CSV file we can read: {exc}", row=number + 1) from None
    return rows, skipped


def import_csv(session: Session, series: Series, target_locale: str, data: bytes) -> ImportResult:
    """Add or update (by source and kind) every row of a glossary CSV; any bad row stores nothing."""
    from localize.locales import normalize_locale
    target_locale = normalize_locale(target_locale, "target_locale")
    rows, skipped = read_csv(data)
    cleaned, details = {}, []
    for number, row in rows:
        try:
            clean = store.validate(row, row=number)
        except ValidationFailed as exc:
            details.extend(exc.details)
            continue
        cleaned[(clean["source"], clean["kind"])] = clean  # a source repeated in the file: its last row wins
    if details:
        raise ValidationFailed(f"{len(details)} problem(s) in the file; nothing was stored: "
                               + "; ".join(f"row {d['row']} {d['field']} {d['message']}" for d in details[:5]),
                               details[:100])
    known = {(e.source, e.kind): e for e in session.exec(select(GlossaryEntry).where(
        GlossaryEntry.series_id == series.id, GlossaryEntry.target_locale == target_locale))}
    result = ImportResult(rows=len(rows) + len(skipped), skipped=skipped)
    for key, clean in cleaned.items():
        entry = known.get(key)
        if entry is None:
            session.add(GlossaryEntry(series_id=series.id, target_locale=target_locale, **clean))
            result.added += 1
        elif any(getattr(entry, f) != v for f, v in clean.items()):
            for f, v in clean.items():
                setattr(entry, f, v)
            entry.updated_at = utcnow()
            session.add(entry)
            result.updated += 1
        else:
            result.unchanged += 1
    session.flush()
    if result.added or result.updated:
        store.changed(session, series, target_locale)
    return result


def export_csv(session: Session, series: Series, target_locale: str) -> str:
    """The locale's glossary, casting's names included, as CSV text with the header row."""
    out = io.StringIO(newline="")
    writer = safe_writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for entry in store.list_entries(session, series, target_locale):
        writer.writerow([entry.source, entry.target, entry.kind, entry.note])
    return out.getvalue()


# TBX-Basic data categories: a forbidden translation is a deprecated term, a name a proper noun.
_STATUS = {"term": "preferredTerm-admn-sts", "name": "preferredTerm-admn-sts", "keep": "preferredTerm-admn-sts",
           "forbidden": "deprecatedTerm-admn-sts"}


def export_tbx(session: Session, series: Series, target_locale: str) -> bytes:
    """The locale's glossary as a TBX-Basic file: one termEntry per entry, source and target langSets."""
    source_locale = series.original_locale
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: source_locale})
    header = ET.SubElement(root, "martifHeader")
    described = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(described, "p").text = f"Glossary of {series.title} ({series.slug}) for {target_locale}"
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in store.list_entries(session, series, target_locale):
        term_entry = ET.SubElement(body, "termEntry", {"id": f"g-{entry.id}"})
        if entry.note:
            ET.SubElement(term_entry, "note").text = entry.note
        target = entry.source if entry.kind == "keep" else entry.target
        for lang, text, status in ((source_locale, entry.source, "preferredTerm-admn-sts"),
                                   (target_locale, target, _STATUS[entry.kind])):
            if not text:
                continue
            tig = ET.SubElement(ET.SubElement(term_entry, "langSet", {XML_LANG: lang}), "tig")
            ET.SubElement(tig, "term").text = text
            if entry.kind == "name":
                ET.SubElement(tig, "termNote", {"type": "partOfSpeech"}).text = "properNoun"
            ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
