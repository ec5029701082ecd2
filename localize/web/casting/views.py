"""The casting board of a market version: leads cast, rename and take notes; others read."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from pydantic import ValidationError

from localize.catalog import service
from localize.catalog.board import casting_board, confirmed_count
from localize.catalog.schemas import CastingUpdate, CharacterCreate, NoteCreate
from localize.db import request_session
from localize.errors import DomainError
from localize.permissions import Ability
from localize.security import current_user, page_requires
from localize.web.forms import form_errors, form_values


BOARD = "/series/<slug>/versions/<locale>/casting"


def _target(slug: str, locale: str):
    session = request_session()
    series = service.get_series(session, slug)
    return session, series, service.get_version(session, series, locale)


@page_requires(Ability.READ_CATALOG)
def board(slug, locale):
    return _board(*_target(slug, locale))


@page_requires(Ability.EDIT_CATALOG)
def casting_update(slug, locale, character_id):
    session, series, version = _target(slug, locale)
    character = service.get_character(session, series, character_id)
    values = form_values("localized_name", "actor", "status")
    try:
        service.put_casting(session, version, character, CastingUpdate.model_validate(values))
    except (ValidationError, DomainError) as exc:
        errors = form_errors(exc)
        return _board(session, series, version, failed=(character.id, values, errors)), errors.status
    flash(_("Casting of %(name)s saved.", name=character.name))
    return _back(series, version, character.id)


@page_requires(Ability.EDIT_CATALOG)
def note_add(slug, locale, character_id):
    session, series, version = _target(slug, locale)
    character = service.get_character(session, series, character_id)
    values = form_values("text")
    try:
        service.add_casting_note(session, version, character, NoteCreate.model_validate(values), current_user())
    except (ValidationError, DomainError) as exc:
        errors = form_errors(exc)
        return _board(session, series, version, failed=(character.id, values, errors)), errors.status
    flash(_("Note added to %(name)s.", name=character.name))
    return _back(series, version, character.id)


@page_requires(Ability.EDIT_CATALOG)
def character_add(slug, locale):
    session, series, version = _target(slug, locale)
    values = form_values("name", "description")
    try:
        character = service.create_character(session, series, CharacterCreate.model_validate(values))
    except (ValidationError, DomainError) as exc:
        errors = form_errors(exc)
        return _board(session, series, version, failed=("new", values, errors)), errors.status
    flash(_("%(name)s added to the series; cast them in each version.", name=character.name))
    return _back(series, version, character.id)


def _back(series, version, character_id):
    return redirect(url_for("casting.board", slug=series.slug, locale=version.locale)
                    + f"#character-{character_id}")


def _board(session, series, version, failed=None):
    """Render the board; `failed` is (character id or "new", typed values, errors) of a refused form."""
    rows = casting_board(session, series, version)
    forms = {row.character.id: {"localized_name": row.casting.localized_name if row.casting else "",
                                "actor": row.casting.actor if row.casting else "",
                                "status": row.status, "text": ""}
             for row in rows}
    forms["new"] = {"name": "", "description": ""}
    errors = {}
    if failed is not None:
        key, values, errors = failed
        forms.setdefault(key, {}).update(values)
        errors = {key: errors}
    return render_template("catalog/casting.html", series=series, version=version, rows=rows,
                           versions=service.list_versions(session, series), forms=forms, errors=errors,
                           confirmed=confirmed_count(rows))
