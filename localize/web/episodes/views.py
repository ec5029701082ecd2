"""An episode: its cliffhanger, and its state in every market; leads edit it here."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from pydantic import ValidationError

from localize.catalog import service
from localize.catalog.matrix import episode_states, is_ready
from localize.catalog.schemas import EpisodeUpdate
from localize.db import request_session
from localize.errors import DomainError
from localize.permissions import Ability
from localize.security import page_requires
from localize.web.forms import cleaned, form_errors, form_values


FIELDS = ("title", "cliffhanger", "cliffhanger_kind", "duration_s", "video_url")


@page_requires(Ability.READ_CATALOG)
def episode_page(slug, number):
    session = request_session()
    series = service.get_series(session, slug)
    episode = service.get_episode(session, series, number)
    values = {name: "" if getattr(episode, name) is None else str(getattr(episode, name)) for name in FIELDS}
    return _page(series, episode, values, {})


@page_requires(Ability.EDIT_CATALOG)
def episode_update(slug, number):
    session = request_session()
    series = service.get_series(session, slug)
    episode = service.get_episode(session, series, number)
    values = form_values(*FIELDS)
    data = cleaned(values)
    try:
        service.update_episode(session, episode, EpisodeUpdate.model_validate(data))
    except (ValidationError, DomainError) as exc:
        errors = form_errors(exc)
        return _page(series, episode, values, errors), errors.status
    flash(_("Episode %(n)s saved.", n=number))
    if request.form.get("then") == "next" and number < series.episode_count:
        return redirect(url_for("episodes.episode_page", slug=slug, number=number + 1))
    return redirect(url_for("episodes.episode_page", slug=slug, number=number))


def _page(series, episode, values, errors):
    session = request_session()
    states = episode_states(session, series)
    markets = []
    for version in service.list_versions(session, series):
        # The version's own episodes that cover this original episode (a remake may merge two).
        covering = [n for n, originals in service.version_mapping(series, version).items()
                    if episode.number in originals]
        markets.append({"version": version, "episodes": covering,
                        "states": [(n, states.get((version.id, n)), is_ready(version, states.get((version.id, n))))
                                   for n in covering]})
    return render_template("catalog/episode.html", series=series, episode=episode, values=values,
                           errors=errors, markets=markets)
