"""Catalog endpoints: series, episodes, versions, characters, casting."""
from __future__ import annotations

from flask import Response, jsonify, request

from localize.api import api_user, bp, json_body, requires
from localize.api import schemas as answers
from localize.api.openapi import describe
from localize.catalog import service
from localize.catalog.digest import rows_digest
from localize.catalog.matrix_state import matrix_digest
from localize.reports.cache import ReportCache
from localize.catalog.schemas import (CastingUpdate, CharacterCreate, EpisodeCreate,
                                      EpisodeUpdate, NoteCreate, SeriesCreate, SeriesUpdate,
                                      VersionCreate, VersionUpdate)
from localize.catalog.serialize import (casting_dict, character_dict, episode_dict, note_dict,
                                        series_dict, version_dict)
from localize.db import request_session
from localize.app.errors import json_error
from localize.app.cache import reusable
from localize.permissions import Ability
from localize.catalog.matrix import ready_counts
from localize.scripts.store import scripts_state

def _versions(session, versions, series, reader: str) -> list[dict]:
    """Versions as the API answers them: the catalog's fields and each episode's script state."""
    states = scripts_state(session, [v.id for v in versions])
    ready = ready_counts(session, series, versions)  # the matrix's "N/M ready", earned in each version
    return [{**version_dict(v, series, reader), "ready_episodes": ready.get(v.id, 0),
             "scripts": states.get(v.id, [])} for v in versions]


def _version(session, version, series, reader: str) -> dict:
    return _versions(session, [version], series, reader)[0]


def _reader_locale() -> str:
    return request.accept_languages.best_match(["en", "es", "pt", "fr", "de", "it"]) or "en"


@bp.get("/health")
def health():
    """Whether the service can reach its database (and which kind it is): 200, or 503 with the error body."""
    from flask import current_app
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError
    engine = current_app.extensions["localize_engine"]
    kind = engine.dialect.name
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")).scalar_one()
    except (SQLAlchemyError, OSError) as exc:
        current_app.logger.warning("health: the %s database cannot be reached: %s", kind, exc)
        return json_error(503, "unavailable", f"the {kind} database cannot be reached")
    return jsonify({"status": "ok", "database": kind})


# The list answer depends on the series rows alone: keyed on a digest of them (read through the driver,
# so every worker agrees), it is built once per stored state instead of per request.
_SERIES_ROWS = ("SELECT * FROM series ORDER BY id",)
_lists = ReportCache(8)
_answers = ReportCache(256)  # version answers by (matrix digest, URL locale, reader's language)


@bp.get("/series")
@reusable
@requires(Ability.READ_CATALOG)
def series_list():
    session = request_session()
    key = rows_digest(session, _SERIES_ROWS, {}, seed="series-list")
    body = _lists.get(key)
    if body is None:
        body = jsonify({"series": [series_dict(s) for s in service.list_series(session)]}).get_data()
        if rows_digest(session, _SERIES_ROWS, {}, seed="series-list") == key:  # nothing changed meanwhile
            _lists.put(key, body)
    return Response(body, mimetype="application/json")


@bp.post("/series")
@requires(Ability.EDIT_CATALOG)
def series_create():
    series = service.create_series(request_session(), json_body(SeriesCreate))
    response = jsonify(series_dict(series))
    response.status_code = 201
    response.headers["Location"] = f"/api/v1/series/{series.slug}"
    return response


@bp.get("/series/<slug>")
@reusable
@requires(Ability.READ_CATALOG)
def series_get(slug):
    session = request_session()
    series = service.get_series(session, slug)
    body = series_dict(series)
    body["versions"] = _versions(session, service.list_versions(session, series), series, _reader_locale())
    return jsonify(body)


@bp.patch("/series/<slug>")
@requires(Ability.EDIT_CATALOG)
def series_update(slug):
    session = request_session()
    series = service.get_series(session, slug)
    return jsonify(series_dict(service.update_series(session, series, json_body(SeriesUpdate))))


@bp.delete("/series/<slug>")
@requires(Ability.EDIT_CATALOG)
def series_delete(slug):
    session = request_session()
    service.delete_series(session, service.get_series(session, slug))
    return "", 204


@bp.get("/series/<slug>/episodes")
@reusable
@requires(Ability.READ_CATALOG)
def episodes_list(slug):
    session = request_session()
    series = service.get_series(session, slug)
    return jsonify({"episodes": [episode_dict(e) for e in service.list_episodes(session, series)]})


@bp.post("/series/<slug>/episodes")
@requires(Ability.EDIT_CATALOG)
def episode_create(slug):
    session = request_session()
    series = service.get_series(session, slug)
    episode = service.create_episode(session, series, json_body(EpisodeCreate))
    return jsonify(episode_dict(episode)), 201


@bp.get("/series/<slug>/episodes/<int:number>")
@reusable
@requires(Ability.READ_CATALOG)
def episode_get(slug, number):
    session = request_session()
    return jsonify(episode_dict(service.get_episode(session, service.get_series(session, slug), number)))


@bp.patch("/series/<slug>/episodes/<int:number>")
@requires(Ability.EDIT_CATALOG)
def episode_update(slug, number):
    session = request_session()
    episode = service.get_episode(session, service.get_series(session, slug), number)
    return jsonify(episode_dict(service.update_episode(session, episode, json_body(EpisodeUpdate))))


@bp.get("/series/<slug>/versions")
@reusable
@requires(Ability.READ_CATALOG)
def versions_list(slug):
    session = request_session()
    series = service.get_series(session, slug)
    reader = _reader_locale()
    return jsonify({"versions": _versions(session, service.list_versions(session, series), series, reader)})


@bp.post("/series/<slug>/versions")
@requires(Ability.EDIT_CATALOG)
def version_create(slug):
    session = request_session()
    series = service.get_series(session, slug)
    version = service.create_version(session, series, json_body(VersionCreate))
    response = jsonify(_version(session, version, series, _reader_locale()))
    response.status_code = 201
    response.headers["Location"] = f"/api/v1/series/{series.slug}/versions/{version.locale}"
    return response


@bp.get("/series/<slug>/versions/<locale>")
@reusable
@requires(Ability.READ_CATALOG)
def version_get(slug, locale):
    session = request_session()
    reader = _reader_locale()
    # A version answer reads what the matrix reads (its readiness, its scripts' state): keyed on the
    # matrix digest, it is built once per stored state, URL locale and reader's language.
    series_id = service.series_id(session, slug)
    key = None if series_id is None else (matrix_digest(session, series_id), locale, reader)
    body = _answers.get(key) if key else None
    if body is None:
        series = service.get_series(session, slug)
        body = jsonify(_version(session, service.get_version(session, series, locale), series, reader)).get_data()
        if key and matrix_digest(session, series_id) == key[0]:  # kept only if nothing changed meanwhile
            _answers.put(key, body)
    return Response(body, mimetype="application/json")


@bp.patch("/series/<slug>/versions/<locale>")
@requires(Ability.EDIT_CATALOG)
def version_update(slug, locale):
    session = request_session()
    series = service.get_series(session, slug)
    version = service.get_version(session, series, locale)
    version = service.update_version(session, series, version, json_body(VersionUpdate))
    return jsonify(_version(session, version, series, _reader_locale()))


@bp.get("/series/<slug>/characters")
@reusable
@requires(Ability.READ_CATALOG)
def characters_list(slug):
    session = request_session()
    series = service.get_series(session, slug)
    return jsonify({"characters": [character_dict(c) for c in service.list_characters(session, series)]})


@bp.post("/series/<slug>/characters")
@requires(Ability.EDIT_CATALOG)
def character_create(slug):
    session = request_session()
    series = service.get_series(session, slug)
    character = service.create_character(session, series, json_body(CharacterCreate))
    return jsonify(character_dict(character)), 201


def _casting_target(slug: str, locale: str, character_id: int):
    session = request_session()
    series = service.get_series(session, slug)
    version = service.get_version(session, series, locale)
    character = service.get_character(session, series, character_id)
    return session, version, character


@bp.get("/series/<slug>/versions/<locale>/casting/<int:character_id>")
@requires(Ability.READ_CATALOG)
def casting_get(slug, locale, character_id):
    session, version, character = _casting_target(slug, locale, character_id)
    casting = service.find_casting(session, version, character)
    return jsonify(casting_dict(version, character, casting, service.casting_notes(session, casting)))


@bp.put("/series/<slug>/versions/<locale>/casting/<int:character_id>")
@requires(Ability.EDIT_CATALOG)
def casting_put(slug, locale, character_id):
    session, version, character = _casting_target(slug, locale, character_id)
    casting, created = service.put_casting(session, version, character, json_body(CastingUpdate))
    body = casting_dict(version, character, casting, service.casting_notes(session, casting))
    return jsonify(body), 201 if created else 200


@bp.post("/series/<slug>/versions/<locale>/casting/<int:character_id>/notes")
@requires(Ability.EDIT_CATALOG)
def casting_note_add(slug, locale, character_id):
    session, version, character = _casting_target(slug, locale, character_id)
    note = service.add_casting_note(session, version, character, json_body(NoteCreate), api_user())
    return jsonify(note_dict(note)), 201


# What each endpoint answers on success (the OpenAPI document's response schemas).
ANSWERS = {
    "health": {"200": answers.Health},
    "series_list": {"200": answers.SeriesList},
    "series_create": {"201": answers.Series},
    "series_get": {"200": answers.SeriesDetail},
    "series_update": {"200": answers.Series},
    "series_delete": {"204": None},
    "episodes_list": {"200": answers.EpisodeList},
    "episode_create": {"201": answers.Episode},
    "episode_get": {"200": answers.Episode},
    "episode_update": {"200": answers.Episode},
    "versions_list": {"200": answers.VersionList},
    "version_create": {"201": answers.Version},
    "version_get": {"200": answers.Version},
    "version_update": {"200": answers.Version},
    "characters_list": {"200": answers.CharacterList},
    "character_create": {"201": answers.Character},
    "casting_get": {"200": answers.Casting},
    "casting_put": {"200": answers.Casting, "201": answers.Casting},
    "casting_note_add": {"201": answers.Note},
}
for _endpoint, _returns in ANSWERS.items():
    describe(f"api.{_endpoint}", returns=_returns)
describe("api.health", "Whether the service reaches its database; `database` says which (sqlite or postgresql).",
         responses={"503": "The database cannot be reached (the JSON error body)"})
