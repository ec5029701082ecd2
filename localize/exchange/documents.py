"""What every XLIFF export and import shares: the `original` that names a script or track, the
checks that a file belongs where it is imported, the result, and the glossary notes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlmodel import Session

from localize.errors import Conflict, Forbidden, ValidationFailed
from localize.exchange import xliff
from localize.glossary import store as glossary_store
from localize.models import MarketVersion, Series, User
from localize.permissions import Ability, can, can_write_language

# `original` is the script's or track's path in the API, so a file names its own home.
_ORIGINAL = re.compile(r"series/(?P<slug>[^/]+)/versions/(?P<locale>[^/]+)/episodes/(?P<number>[0-9]{1,6})/"
                       r"(?:(?P<script>script)|subtitles/(?P<lang>[^/]+))$")


MAX_LISTED = 500  # units listed in one refusal: a file of thousands of strangers needs no answer that long


@dataclass
class Home:
    """Where a file belongs, read from its `original`."""

    slug: str
    locale: str
    number: int
    scope: str               # "script" or "subtitles"
    language: str | None     # the track's language (subtitles only)


@dataclass
class ImportResult:
    applied: int
    unchanged: int
    revision: int
    checks: list[dict] = field(default_factory=list)


def script_original(series: Series, version: MarketVersion, number: int) -> str:
    return f"series/{series.slug}/versions/{version.locale}/episodes/{number}/script"


def track_original(series: Series, version: MarketVersion, number: int, language: str) -> str:
    return f"series/{series.slug}/versions/{version.locale}/episodes/{number}/subtitles/{language}"


def read_home(original: str) -> Home | None:
    found = _ORIGINAL.search(original or "")
    if found is None:
        return None
    return Home(found["slug"], found["locale"], int(found["number"]), "script" if found["script"] else "subtitles",
                found["lang"])


def parse(data: bytes | str) -> list[xliff.XliffFile]:
    """The file's `<file>`s; a file we cannot read is a 422 naming the line."""
    try:
        return xliff.parse(data)
    except xliff.XliffError as exc:
        detail = {"field": "file", "message": str(exc)}
        if exc.line:
            detail["line"] = exc.line
        if exc.unit:
            detail["unit"] = exc.unit
        where = f" (line {exc.line})" if exc.line else ""
        raise ValidationFailed(f"the XLIFF file cannot be read{where}: {exc}", [detail]) from None


def one_file(data: bytes | str, original: str, language: str) -> xliff.XliffFile:
    """The document's single `<file>`, checked to be the export of `original` in `language`."""
    files = parse(data)
    if len(files) != 1:
        raise ValidationFailed(f"the XLIFF document has {len(files)} <file> elements; import one script or "
                               f"track at a time", [{"field": "file", "line": files[1].line}])
    found = files[0]
    if found.original != original:
        raise ValidationFailed(f"the file is {found.original!r}, not {original!r}: another episode, version or "
                               f"language", [{"field": "original", "line": found.line, "value": found.original}])
    if found.target_language and found.target_language.lower() != language.lower():
        raise ValidationFailed(f"the file's target-language is {found.target_language}, not {language}",
                               [{"field": "target-language", "line": found.line, "value": found.target_language}])
    if found.revision is None:
        raise ValidationFailed("the file does not say which revision it was exported from (its header's "
                               "localize-rN phase): export it from here first", [{"field": "revision",
                                                                                  "line": found.line}])
    return found


def base_missing(what: str, number: int, line: int | None) -> ValidationFailed:
    return ValidationFailed(f"the file names revision {number}, which this {what} never had",
                            [{"field": "revision", "line": line, "value": number}])


def may_import(author: User, version: MarketVersion, language: str, *, script: bool = False) -> None:
    """Translators import only their languages; the original's script is a lead's (as in the editor)."""
    if script and version.kind == "original":
        if not can(author, Ability.EDIT_CATALOG):
            raise Forbidden(f"{author.email} may not write the original's scripts (leads and admins do)")
        return
    if not can_write_language(author, language):
        raise Forbidden(f"{author.email} does not write {language}; their languages are {author.languages or 'none'}")


def glossary_notes(session: Session, series: Series, target_locale: str, texts: list[str]
                   ) -> list[list[tuple[str, str]]]:
    """Per source text, a note for each glossary term in it, so a CAT tool shows the market's wording."""
    if target_locale == series.original_locale:
        return [[] for _ in texts]
    glossary = glossary_store.glossary_for(session, series, target_locale)
    return [[("glossary", _glossary_note(hit.entry)) for hit in _distinct(glossary.hits(text))] for text in texts]


def _distinct(hits):
    seen = set()
    for hit in hits:
        if hit.entry.id not in seen:
            seen.add(hit.entry.id)
            yield hit


def _glossary_note(entry) -> str:
    if entry.kind == "keep":
        text = f"{entry.source}: keep as is"
    elif entry.kind == "forbidden":
        text = f"{entry.source}: never \"{entry.target}\""
    else:
        text = f"{entry.source} = {entry.target}"
    return f"{text} ({entry.note})" if entry.note else text


def raise_refusals(decision) -> None:
    """Unknown units are a 422 and conflicts a 409, each unit listed; either way nothing is applied."""
    if decision.problems:
        first, n = decision.problems[0], len(decision.problems)
        more = f" (and {n - 1} more)" if n > 1 else ""
        raise ValidationFailed((f"{first['message']} (line {first['line']})" if first.get("line")
                                else first["message"]) + more, decision.problems[:MAX_LISTED])
    if decision.conflicts:
        n = len(decision.conflicts)
        raise Conflict(f"{n} unit{'s' if n != 1 else ''} changed here since the export: "
                       + "; ".join(c["message"] for c in decision.conflicts[:5]), decision.conflicts[:MAX_LISTED])
