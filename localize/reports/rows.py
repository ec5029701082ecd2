"""Streaming validation of daily view rows for one series (CSV or JSON uploads).

A batch is all-or-nothing but never held in memory. The caller inserts the rows that
`validate_rows` yields in chunks inside one transaction; the generator raises `RowsRejected`
with every problem once the source is exhausted, and the caller rolls back. After the first
problem no more rows are yielded (the batch is lost anyway, so the database is spared), but
scanning goes on to report every bad row, up to `max_errors`.

Numbering: `row` counts data rows from 1 (blank CSV lines are skipped and not counted; 0 means
the header or the document as a whole). For CSV, `line` is the physical line where the row
starts, the header being line 1, so a quoted value spanning lines keeps later lines right;
for JSON `line` is None and `row` is the 1-based position in the "rows" list.

Readers (`iter_csv_rows`, `iter_json_rows`) yield (row, {field: value}) with the six fields; a
CSV row also carries "_line", and a row the reader could not split carries "_error": (field,
reason) instead. A reader that cannot go on at all raises RowsRejected; validate_rows adds
those errors to the ones it has collected.

Accepted values:
- date: exactly YYYY-MM-DD;
- locale: one of the series' version locales, compared in canonical BCP 47 case after `_` -> `-`
  (`es_mx`, `ES-mx` and `es-MX` are the same);
- episode: a whole number in 1..N for that locale's version;
- views, unlocks: whole numbers >= 0; in CSV ASCII digits only ("1.5", "abc", "" and "+3" are
  refused); in JSON an integer (a float such as 3.0 and booleans are refused). unlocks may exceed
  views (a weekly pass unlocks without a view), so the two are not compared;
- revenue: a finite amount >= 0 with at most 4 decimal places, below 10^14, as a string that
  Python's Decimal reads or a JSON number ("NaN", "Infinity" and "12,50" are refused);
- one row per (date, locale, episode): a repeat is reported on field "key" naming the first row.

No CSV formula guard (`localize.csv_safe`) is taken off here: we never export this format, and every
field is a date, a locale or a number, where a leading `'` is refused like any other stray character.
"""
from __future__ import annotations

import csv
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal, Inexact, InvalidOperation

FIELDS = ("date", "locale", "episode", "views", "unlocks", "revenue")
LAST_DAY = date(9999, 11, 30)
MAX_COUNT = 2**63 - 1  # a signed 64-bit column (SQLite INTEGER, Postgres BIGINT)
REVENUE_PLACES = 4
REVENUE_DIGITS = 14  # integer digits: below 10^14, so NUMERIC(18, 4) holds it
_PLACES = Decimal(1).scaleb(-REVENUE_PLACES)
_EXACT = Context(prec=40, traps=[Inexact, InvalidOperation])  # quantize raises rather than rounds
_CACHE_LIMIT = 4096  # distinct dates/locales remembered; a batch repeats a few hundred of each


@dataclass(slots=True)
class RowError:
    row: int
    field: str
    reason: str
    line: int | None = None


@dataclass(slots=True)
class ViewRow:
    day: date
    locale: str
    episode: int
    views: int
    unlocks: int
    revenue: Decimal


class RowsRejected(Exception):
    """The batch has problems; `errors` lists them all (row, field, reason, line)."""

    def __init__(self, errors: list[RowError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s) in the view rows")


class _Bad(Exception):
    """One field's value is refused; the message is the reason."""


def canonical_locale(tag: str) -> str:
    """Return a BCP 47 tag in canonical case: `es_mx` -> `es-MX`, `zh-hant-tw` -> `zh-Hant-TW`."""
    language, *rest = tag.strip().replace("_", "-").split("-")
    parts = [language.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            parts.append(part.upper())
        else:
            parts.append(part.lower())
    return "-".join(parts)


def iter_csv_rows(text_stream: Iterable[str]) -> Iterator[tuple[int, dict]]:
    """Yield (row, fields) from CSV text after checking the header; open files with newline=""."""
    reader = csv.reader(text_stream)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeError) as exc:
        raise RowsRejected([RowError(0, "header", f"unreadable CSV: {exc}", 1)]) from exc
    _check_header(header)
    row, line = 0, reader.line_num
    try:
        for values in reader:
            start, line = line + 1, reader.line_num
            if not values:  # a blank line
                continue
            row += 1
            try:
                day, locale, episode, views, unlocks, revenue = values
            except ValueError:
                yield row, {"_line": start, "_error": ("row", f"expected 6 values, found {len(values)}")}
                continue
            yield row, {"date": day, "locale": locale, "episode": episode, "views": views,
                        "unlocks": unlocks, "revenue": revenue, "_line": start}
    except (csv.Error, UnicodeError) as exc:
        raise RowsRejected([RowError(row + 1, "row", f"unreadable CSV: {exc}", line + 1)]) from exc


def _check_header(header: list[str] | None) -> None:
    expected = ",".join(FIELDS)
    if not header:
        reason = f"the file is empty; the first line must be {expected}"
        raise RowsRejected([RowError(0, "header", reason, 1)])
    names = [name.strip() for name in header]
    names[0] = names[0].lstrip("\ufeff")  # a byte-order mark left by spreadsheet exports
    if tuple(names) == FIELDS:
        return
    missing = [f for f in FIELDS if f not in names]
    unexpected = [n for n in names if n not in FIELDS]
    details = "; ".join(filter(None, [
        missing and "missing: " + ", ".join(missing),
        unexpected and "unexpected: " + ", ".join(unexpected),
    ])) or "columns out of order"
    raise RowsRejected([RowError(0, "header", f"expected {expected} ({details})", 1)])


def iter_json_rows(document: object) -> Iterator[tuple[int, dict]]:
    """Yield (row, fields) from a parsed {"rows": [{...}, ...]} document."""
    rows = document.get("rows") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise RowsRejected([RowError(0, "rows", 'expected an object {"rows": [...]}')])
    for row, record in enumerate(rows, start=1):
        if isinstance(record, dict):
            yield row, {name: record[name] for name in FIELDS if name in record}
        else:
            yield row, {"_error": ("row", "must be an object with " + ", ".join(FIELDS))}


def validate_rows(
    raw_rows: Iterable[tuple[int, Mapping]],
    *,
    episode_ranges: dict[str, int],
    max_errors: int = 1000,
    build: Callable[..., object] | None = None,
    keys: set | None = None,
) -> Iterator[ViewRow]:
    """Yield valid ViewRows while no problem is found; raise RowsRejected at the end if any was.

    `build(day, locale, episode, views, unlocks, revenue)`, when given, makes what is yielded instead
    of a ViewRow (the ingest builds its database tuples straight away); `keys`, a set, receives every
    (day, locale) of the valid rows once the whole batch is valid.

    `episode_ranges` maps each version locale of the series to its episode count; a row's
    locale is matched in canonical case and ViewRow.locale is spelled as in that mapping. Duplicate
    detection keeps, per (date, locale) seen, an array of N+1 first-row numbers (4 bytes each):
    about 5 bytes per row for dense daily data, at worst ~4(N+1) bytes for a lone row per day.
    """
    batch = _Batch(episode_ranges)
    days, locales, numbers, seen = batch.days, batch.locales, batch.numbers, batch.seen
    make = build or ViewRow
    errors: list[RowError] = []
    try:
        for row, raw in raw_rows:
            # Fast path: CSV strings whose date and locale were seen before. Anything unusual
            # leaves it before the key is registered, and the per-field path decides.
            try:
                day = days[raw["date"]]
                locale, n_eps = locales[raw["locale"]]
                episode = numbers[raw["episode"]]
                views, unlocks, revenue = raw["views"], raw["unlocks"], raw["revenue"]
                if revenue.__class__ is not str:  # Decimal(True) would be 1
                    raise _Bad
                amount = Decimal(revenue)
                if not (episode <= n_eps and views.isdigit() and views.isascii() and len(views) < 19
                        and unlocks.isdigit() and unlocks.isascii() and len(unlocks) < 19
                        and not amount.is_signed() and amount.is_finite()
                        and amount.adjusted() < REVENUE_DIGITS):
                    raise _Bad
                amount.quantize(_PLACES, None, _EXACT)  # raises Inexact beyond 4 places
                group = seen.get((day, locale))
                if group is None or group[episode]:
                    raise _Bad
                group[episode] = row + 1
                found, bad = make(day, locale, episode, int(views), int(unlocks), amount), ()
            except (_Bad, KeyError, TypeError, AttributeError, ValueError, ArithmeticError):
                found, bad = batch.check(row, raw)
                if build is not None and found is not None:
                    found = build(found.day, found.locale, found.episode, found.views, found.unlocks, found.revenue)
            if not bad:
                if not errors:
                    yield found
                continue
            line = raw.get("_line")
            errors.extend(RowError(row, field, reason, line) for field, reason in bad)
            if len(errors) > max_errors:
                del errors[max_errors:]
                reason = f"too many errors: stopped at row {row} after {max_errors}"
                errors.append(RowError(row, "rows", reason, line))
                break
    except RowsRejected as exc:  # the reader could not go on (header, encoding, CSV syntax)
        errors.extend(exc.errors)
    if errors:
        raise RowsRejected(errors)
    if keys is not None:
        keys.update(seen)


class _Batch:
    """Per-field checks with reasons, and the state shared with the fast path."""

    def __init__(self, episode_ranges: dict[str, int]):
        # canonical tag -> (the caller's spelling, which ViewRow.locale carries, episode count)
        self.ranges = {canonical_locale(tag): (tag, count) for tag, count in episode_ranges.items()}
        self.known = ", ".join(sorted(episode_ranges)) or "none"
        self.days: dict[str, date] = {}
        self.locales: dict[str, tuple[str, int]] = {}
        self.numbers = {str(n): n for n in range(1, max(episode_ranges.values(), default=0) + 1)}
        self.seen: dict[tuple[date, str], array] = {}

    def check(self, row: int, raw: Mapping) -> tuple[ViewRow | None, list[tuple[str, str]]]:
        """Return (the row, []) or (None, [(field, reason), ...]); register its key if valid."""
        if "_error" in raw:  # the reader's verdict on the row as a whole
            return None, [raw["_error"]]
        bad: list[tuple[str, str]] = []
        day = _field(bad, "date", self._day, raw.get("date"))
        locale, n_eps = _field(bad, "locale", self._locale, raw.get("locale")) or (None, 0)
        episode = _field(bad, "episode", _count, raw.get("episode"))
        if episode is not None and locale is not None and not 1 <= episode <= n_eps:
            bad.append(("episode", f"episode {episode} is outside 1..{n_eps} for {locale}"))
            episode = None
        views = _field(bad, "views", _count, raw.get("views"))
        unlocks = _field(bad, "unlocks", _count, raw.get("unlocks"))
        revenue = _field(bad, "revenue", _revenue, raw.get("revenue"))
        if day is not None and locale is not None and episode is not None:
            group = self.seen.get((day, locale))
            if group is None:
                group = self.seen[(day, locale)] = array("I", bytes(4 * (n_eps + 1)))
            if group[episode]:
                bad.append(("key", f"repeats row {group[episode] - 1} (same date, locale and episode)"))
            else:
                group[episode] = row + 1  # 0 marks "not seen yet"
        if bad:
            return None, bad
        return ViewRow(day, locale, episode, views, unlocks, revenue), bad

    def _day(self, value: object) -> date:
        day = _day(value)
        if len(self.days) < _CACHE_LIMIT:
            self.days[value] = day
        return day

    def _locale(self, value: object) -> tuple[str, int]:
        if value is None or value == "":
            raise _Bad("is required")
        tag = canonical_locale(value) if isinstance(value, str) else None
        if tag not in self.ranges:
            raise _Bad(f"{_shown(value)} is not a market version of this series (known: {self.known})")
        if len(self.locales) < _CACHE_LIMIT:
            self.locales[value] = self.ranges[tag]
        return self.ranges[tag]


def _field(bad: list, name: str, parse, value: object):
    """Return parse(value), or None after noting the reason in `bad`."""
    try:
        return parse(value)
    except _Bad as exc:
        reason = str(exc)
        if name == "episode":
            reason = reason.replace("a whole number", "an episode number")
        bad.append((name, reason))
        return None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _day(value: object) -> date:
    if value is None or value == "":
        raise _Bad("is required")
    if (isinstance(value, str) and len(value) == 10 and value.isascii()
            and value[4] == "-" and value[7] == "-"):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise _Bad(f"{_shown(value)} is not a calendar date") from None
        if day > LAST_DAY:  # the monthly rollup needs the month after it
            raise _Bad(f"{value} is after {LAST_DAY.isoformat()}")
        return day
    raise _Bad(f"must be a date YYYY-MM-DD, not {_shown(value)}")


def _count(value: object) -> int:
    """Return a whole number >= 0 from an ASCII-digit string or a (non-bool) int."""
    if value.__class__ is str and value.isdigit() and value.isascii():
        number = int(value) if len(value) < 100 else MAX_COUNT + 1
    elif value.__class__ is int:
        number = value
    elif value is None or value == "":
        raise _Bad("is required")
    elif isinstance(value, str) and value[:1] == "-" and value[1:].isdigit():
        raise _Bad("must not be negative")
    else:
        raise _Bad(f"must be a whole number, not {_shown(value)}")
    if number < 0:
        raise _Bad("must not be negative")
    if number > MAX_COUNT:
        raise _Bad("is too large")
    return number


def _revenue(value: object) -> Decimal:
    """Return a finite amount >= 0 with at most REVENUE_PLACES decimals."""
    if value.__class__ is str and value:
        text = value
    elif value.__class__ in (int, Decimal):
        text = value
    elif value.__class__ is float:
        text = repr(value)  # the shortest text that round-trips: 0.1 stays 0.1
    elif value is None or value == "":
        raise _Bad("is required")
    else:
        raise _Bad(f"must be an amount such as 12.50, not {_shown(value)}")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise _Bad(f"must be an amount such as 12.50, not {_shown(value)}") from None
    if not amount.is_finite():
        raise _Bad(f"must be a finite amount, not {_shown(value)}")
    if amount < 0:
        raise _Bad("must not be negative")
    if amount and amount.adjusted() >= REVENUE_DIGITS:
        raise _Bad("is too large")
    try:
        amount.quantize(_PLACES, None, _EXACT)
    except Inexact:
        raise _Bad(f"has more than {REVENUE_PLACES} decimal places") from None
    return amount.copy_abs()  # -0.00 becomes 0.00
