"""HTML forms: read what the user typed, and word validation errors in the reader's language.

A form view keeps the raw strings (`values`) to show them again on error, and turns them into
the schema's input with `cleaned`: blank optional fields become None, amounts typed the reader's
way (0,39 in Spanish) become plain decimals.
"""
from __future__ import annotations

import re

from babel.numbers import NumberFormatError, parse_decimal
from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import ValidationError

from localize.db import request_session
from localize.errors import Conflict, DomainError
from localize.presets import PRESETS
from localize.web.labels import preset_name, reader

_PLAIN_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


def form_values(*names: str) -> dict[str, str]:
    """The submitted text of these fields, stripped."""
    return {name: request.form.get(name, "").strip() for name in names}


def amount(text: str) -> str:
    """An amount as the schema reads it: '0.39' stays, '0,39' is read in the reader's locale."""
    if not text or _PLAIN_DECIMAL.match(text):
        return text
    try:
        return str(parse_decimal(text, locale=reader(), strict=True))
    except (NumberFormatError, ValueError):
        return text  # the schema words the error


TEXT_FIELDS = ("title", "genre", "logline", "cliffhanger", "description")


def cleaned(values: dict[str, str], *, amounts: tuple[str, ...] = ("unlock_price",)) -> dict:
    """Schema input: blank optional fields become None (free text stays ""), amounts are read
    in the reader's locale."""
    out = {}
    for name, text in values.items():
        if name in TEXT_FIELDS:
            out[name] = text
        else:
            out[name] = None if text == "" else (amount(text) if name in amounts else text)
    return out


# Domain errors whose English message has a better word for a form field.
_DOMAIN_MESSAGES = {
    ("conflict", "slug"): _l("Another series already uses this address."),
    ("conflict", "locale"): _l("This series already has a version in this locale."),
    ("conflict", "kind"): _l("A series has exactly one original version."),
    ("conflict", "name"): _l("This series already has a character with this name."),
    ("validation_failed", "original_locale"): _l("Unknown locale: use a tag such as en-US, es-MX, pt-BR or fr."),
    ("validation_failed", "locale"): _l("Unknown locale: use a tag such as en-US, es-MX, pt-BR or fr."),
    ("validation_failed", "free_episodes"): _l("Cannot be more than the number of episodes."),
    ("validation_failed", "qc_preset"): _l("Choose one of the listed presets."),
}

_MAPPING_MESSAGES = {
    "syntax": _l("Line %(line)s: write the episode, a colon and the original episodes, e.g. 5: 5, 6."),
    "number": _l("Line %(line)s: “%(value)s” is not an episode number."),
    "range": _l("Line %(line)s: the range “%(value)s” runs backwards."),
    "duplicate": _l("Line %(line)s: episode %(episode)s is already mapped on line %(first_line)s."),
}


class FormErrors(dict):
    """Field name -> message, plus `status` (422 or 409) and a `summary` for the top of the form."""

    status = 422
    summary = ""


def form_errors(exc: Exception) -> FormErrors:
    """Turn a pydantic or domain error into per-field messages; roll the request back."""
    request_session().rollback()
    errors = FormErrors()
    if isinstance(exc, ValidationError):
        for err in exc.errors(include_url=False):
            name = str(err["loc"][0]) if err["loc"] else ""
            errors.setdefault(name, _pydantic_message(name, err))
    elif isinstance(exc, DomainError):
        errors.status = 409 if isinstance(exc, Conflict) else exc.status
        for detail in exc.details or [{"field": "", "message": exc.message}]:
            name = detail.get("field", "")
            message = _domain_message(exc, detail)
            errors[name] = f"{errors[name]}\n{message}" if name in errors else message
    else:
        raise exc
    errors.summary = (_("This name or address is already taken.") if errors.status == 409
                      else _("Some fields need another look."))
    return errors


def _domain_message(exc: DomainError, detail: dict) -> str:
    name = detail.get("field", "")
    if name == "episode_mapping":
        template = _MAPPING_MESSAGES.get(detail.get("code", ""))
        if template is not None:
            return str(template) % detail
        if "line" in detail:
            return _("Line %(line)s: %(message)s", line=detail["line"], message=detail.get("message", ""))
    known = _DOMAIN_MESSAGES.get((exc.code, name))
    return str(known) if known is not None else detail.get("message") or exc.message


def _pydantic_message(name: str, err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return _("Required.")
    if kind == "string_too_long":
        return _("At most %(n)s characters.", n=ctx.get("max_length"))
    if kind == "greater_than_equal":
        return _("Must be at least %(n)s.", n=ctx.get("ge"))
    if kind == "less_than_equal":
        return _("Must be at most %(n)s.", n=ctx.get("le"))
    if kind.startswith("int_"):
        return _("Enter a whole number.")
    if kind.startswith("decimal_") or kind.startswith("float_"):
        return _("Enter an amount such as 0.39, with at most 2 decimals.")
    if kind.startswith("date_"):
        return _("Enter a date.")
    if kind == "string_pattern_mismatch":
        if name == "slug":
            return _("Lowercase letters, digits and hyphens, e.g. the-heir-returns.")
        return _("Enter a web address starting with https://.")
    if name == "currency":
        return _("Use a three-letter currency code such as USD, MXN or BRL.")
    return err["msg"].removeprefix("Value error, ")


def preset_options() -> list[tuple[str, str]]:
    """(id, name) of every QC preset, for a <select>."""
    return [(p.id, preset_name(p)) for p in PRESETS.values()]
