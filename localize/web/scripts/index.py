"""A version's scripts: each episode with its segments counted by status and its outdated lines."""
from __future__ import annotations

from flask import Response, render_template, request

from localize.catalog import service as catalog
from localize.db import request_session
from localize.models import SEGMENT_STATUSES
from localize.permissions import Ability
from localize.scripts import files, store
from localize.security import page_requires
from localize.web.scripts.strings import STATUSES


@page_requires(Ability.READ_CATALOG)
def index(slug, locale):
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    numbers = [n for n in catalog.version_mapping(series, version) if n <= series.episode_count]
    state = {entry["episode"]: entry for entry in store.scripts_state(session, [version.id]).get(version.id, [])}
    rows = []
    for n in numbers:
        entry = state.get(n)
        counts = entry["segments"] if entry else {}
        total = sum(counts.values())
        done = counts.get("approved", 0) + counts.get("cut", 0)
        rows.append({"number": n, "exists": entry is not None, "total": total, "outdated": entry["outdated"] if entry else 0,
                     "counts": [(status, counts[status]) for status in SEGMENT_STATUSES if counts.get(status)],
                     "approved": entry is not None and total > 0 and done == total})
    return render_template("scripts/index.html", series=series, version=version, rows=rows, statuses=STATUSES,
                           written=sum(1 for r in rows if r["exists"]))


@page_requires(Ability.READ_CATALOG)
def download_zip(slug, locale):
    """Every script of the version in one zip, Fountain or FDX (?format=)."""
    session = request_session()
    series = catalog.get_series(session, slug)
    version = catalog.get_version(session, series, locale)
    fmt = request.args.get("format", "fountain")
    if fmt not in files.FORMATS:
        fmt = "fountain"
    data, _count = files.export_version(session, series, version, fmt)
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{series.slug}.{version.locale}.{fmt}.zip"'})
