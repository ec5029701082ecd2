"""Pre-translate a version's episode range from translation memory (and by machine), for leads."""
from __future__ import annotations

from flask import current_app

from localize.api import api_user, bp, optional_json, requires
from localize.api.jobs import answer_or_enqueue
from localize.api import schemas as answers
from localize.api.machine import request_deadline
from localize.api.openapi import describe
from localize.catalog import service as catalog
from localize.db import request_session
from localize.machinery import provider_from_config
from localize.memory.pretranslate import INLINE_EPISODES, job_params
from localize.memory.schemas import PretranslateBody, parse
from localize.permissions import Ability


@bp.post("/series/<slug>/versions/<locale>/pretranslate")
@requires(Ability.EDIT_CATALOG)
def version_pretranslate(slug, locale):
    """Fill empty, fuzzy and machine segments of the version's scripts and tracks; counts per kind."""
    body = parse(PretranslateBody, optional_json())
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    provider = provider_from_config(current_app.config) if body.machine else None
    params = job_params(series=series, version=version, episodes=body.episodes, scope=body.scope,
                        min_score=body.min_score, machine=body.machine, provider=provider, author=api_user())
    # Inline, machine translation's retries stop before the server's timeout; a job has no such bound.
    if len(params["episodes"]) <= INLINE_EPISODES:
        params["deadline"] = request_deadline()
    return answer_or_enqueue("pretranslate", params, size=len(params["episodes"]), limit=INLINE_EPISODES)


describe("api.version_pretranslate",
         "Pre-translate an episode range of a market version, its script and/or its subtitle track in the "
         "version's language: context (101) and exact (100) memory matches fill as `translated`, fuzzy ones "
         "at or above `min_score` as `fuzzy`, and with `machine` the rest as `machine`. Only empty, `fuzzy` "
         "or `machine` segments are filled (the latter two only by a better kind), never one a person wrote; "
         "missing scripts and tracks are created from the original's; one revision per script or track. "
         "A machine failure leaves its segment as it was and is listed in `failed`. Up to 20 episodes answer "
         "at once (200); a longer range answers 202 with the job's URL, whose GET shows progress and then this "
         "same answer as its `result` (leads and admins)",
         bodies={"application/json": PretranslateBody},
         responses={"422": "A bad field (details name it), the original itself, or `machine` without machine "
                           "translation configured"},
         returns={"200": answers.PretranslateResult, "202": answers.JobAccepted})
