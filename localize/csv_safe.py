"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP "CSV Injection").

Leads open our exports in Excel, LibreOffice and Google Sheets, which read a cell starting with
`=`, `+`, `-`, `@`, a tab or a carriage return as a formula. Text from users (titles, terms,
dialogue lines, names) reaches those cells, so every CSV we write goes through `safe_writer`, and
such a text cell gets a leading `'`, which spreadsheets take as "this is text" and do not show.
Plain numbers (`-3`, `-0.5`, `+1e3`) are left alone: a spreadsheet reads them as numbers, not
formulas, and clients sum them.

Our own imports of files we export call `unguard` on each value, so a round trip loses nothing:
a term that really starts with `=` comes back as `=...`. A text that already starts with `'`
followed by something the guard would cover gets its own `'` as well, so `unguard` never eats a
quote the user typed.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
# What a spreadsheet reads as a number, not a formula: an optional sign, ASCII digits with at
# most one decimal point, an optional exponent. "-1+2", "-inf" and "- 3" are not numbers.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def is_plain_number(text: str) -> bool:
    """Tell whether a cell's text is a plain decimal number such as -3, 12.5 or -0.5000."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def needs_guard(text: str) -> bool:
    """Tell whether a text cell must be written with a leading `'`."""
    while text.startswith(GUARD):  # "'=x" typed by a user: guarded too, so unguard gives it back
        text = text[1:]
    return text.startswith(FORMULA_STARTS) and not is_plain_number(text)


def neutralise(value: Any) -> Any:
    """Return a cell as it is safe to write: a text that would run as a formula gets a leading `'`."""
    if isinstance(value, str) and needs_guard(value):
        return GUARD + value
    return value


def unguard(text: str) -> str:
    """Return a cell read from one of our CSV files as it was before `neutralise`."""
    if text.startswith(GUARD) and needs_guard(text[1:]):
        return text[1:]
    return text


def safe_row(row: Iterable[Any]) -> list[Any]:
    """Return a CSV row with every cell neutralised."""
    return [neutralise(value) for value in row]


class SafeWriter:
    """A `csv.writer` whose rows are neutralised cell by cell."""

    def __init__(self, file, **fmtparams):
        self._writer = csv.writer(file, **fmtparams)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(file, **fmtparams) -> SafeWriter:
    """Open a CSV writer on `file` (same format parameters as `csv.writer`) that guards every cell."""
    return SafeWriter(file, **fmtparams)
