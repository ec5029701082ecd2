"""Pre-translate a version: the form (episodes, scope, minimum match, machine) and the result with its failures;
a range longer than INLINE_EPISODES runs as a job, whose page shows its progress and then the same result."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from localize.app.jobs import enqueue
from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.db import request_session
from localize.errors import DomainError, ValidationFailed
from localize.machinery import provider_from_config
from localize.memory.leverage import parse_episodes
from localize.memory.pretranslate import DEFAULT_MIN_SCORE, MIN_SCORE, INLINE_EPISODES, SCOPES, job_params, pretranslate_job
from localize.permissions import Ability
from localize.security import current_user, page_requires
from localize.web.forms import FormErrors, form_errors


@page_requires(Ability.EDIT_CATALOG)
def page(slug, locale):
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    count = effective_settings(series, version).episode_count
    provider = provider_from_config(current_app.config)
    values = {"episodes": "", "scope": list(SCOPES), "min_score": str(DEFAULT_MIN_SCORE), "machine": False}
    errors, result = FormErrors(), None
    if request.method == "POST":
        values = {"episodes": request.form.get("episodes", "").strip(), "scope": request.form.getlist("scope"),
                  "min_score": request.form.get("min_score", "").strip(),
                  "machine": request.form.get("machine") == "yes" and provider is not None}
        numbers, min_score = _checked(values, count, errors)
        if not errors:
            try:
                params = job_params(series=series, version=version, episodes=numbers, scope=values["scope"],
                                    min_score=min_score, machine=values["machine"],
                                    provider=provider if values["machine"] else None, author=current_user())
                if len(params["episodes"]) > INLINE_EPISODES:
                    job = enqueue(current_app, session, "pretranslate", params, user=current_user())
                    return redirect(url_for("jobs.job_page", job_id=job.id))
                params["deadline"] = float(current_app.config.get("MT_DEADLINE", 25))
                result = pretranslate_job(session, params, lambda done, total: None)
            except DomainError as exc:
                errors = form_errors(exc)
        if errors:
            errors.summary = errors.summary or _("Some fields need another look.")
            return _render(series, version, count, provider, values, errors, None), errors.status or 422
    return _render(series, version, count, provider, values, errors, result)


def _checked(values: dict, count: int, errors: FormErrors) -> tuple[list[int], int]:
    """The form's episodes and minimum match, with a message per field the reader can act on."""
    numbers: list[int] = []
    try:
        numbers = parse_episodes(values["episodes"], count)
    except ValidationFailed:
        errors["episodes"] = _("Enter episodes such as 1-12, 3 or 1-3,7, between 1 and %(n)s.", n=count)
    if not values["scope"] or any(s not in SCOPES for s in values["scope"]):
        errors["scope"] = _("Choose the script, the subtitles, or both.")
    min_score = 0
    try:
        min_score = int(values["min_score"])
    except ValueError:
        pass
    if not MIN_SCORE <= min_score <= 100:
        errors["min_score"] = _("Enter a whole number from %(low)s to 100.", low=MIN_SCORE)
    if errors:
        errors.status = 422
    return numbers, min_score


def _render(series, version, count, provider, values, errors, result):
    return render_template("pretranslate/page.html", series=series, version=version, count=count,
                           machine_available=provider is not None, values=values, errors=errors,
                           result=result)
