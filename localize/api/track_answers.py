"""Track reads (JSON, VTT, SRT) answered from the track's revision: 304 for a matching If-None-Match,
else the bytes built for that revision, reused until the next save.

A track's cues, header and blocks change only in a save that raises its revision (see
localize.subtitles.revisions.plan_revision), so (id, revision, updated_at) names one answer for good.
"""
from __future__ import annotations

from typing import Callable

from flask import Response, request

from localize.db import request_session
from localize.reports.cache import ReportCache
from localize.subtitles import tracks
from localize.subtitles.heads import TrackHead, head_of, track_head

KEPT = ("Content-Type", "Content-Disposition")  # of the built response, with its ETag
# Built answers by (kind, track id, revision, updated_at): (body, headers).
answers = ReportCache(128)  # a 1,500-cue track answers ~200 KB: this bounds a worker to ~25 MB


def _etag(head: TrackHead) -> str:
    return f'"t{head.id}-r{head.revision}"'  # the same as tracks.etag, from the head alone


def _not_modified(etag: str) -> bool:
    given = request.headers.get("If-None-Match", "")
    return any(part.strip().removeprefix("W/") in (etag, "*") for part in given.split(",") if part.strip())


def answer(kind: str, slug: str, locale: str, number: int, lang: str,
           build: Callable[[], tuple]) -> Response:
    """The cached answer of a track read; `build()` -> (track, full response) on a miss."""
    head = track_head(request_session(), slug, locale, number, lang)
    if head is not None:
        if _not_modified(_etag(head)):
            return _response(304, b"", {"ETag": _etag(head)})
        cached = answers.get((kind, *head))
        if cached is not None:
            return _response(200, *cached)
    track, built = build()  # the full lookup: 404s name what is missing
    body = built.get_data()
    headers = {key: built.headers[key] for key in KEPT if key in built.headers} | {"ETag": tracks.etag(track)}
    answers.put((kind, *head_of(track)), (body, headers))
    if _not_modified(headers["ETag"]):
        return _response(304, b"", {"ETag": headers["ETag"]})
    return _response(200, body, headers)


def _response(status: int, body: bytes, headers: dict) -> Response:
    return Response(body, status=status, headers=headers)
