"""Series list and series pages."""
from __future__ import annotations

from flask import Blueprint, render_template

from localize.catalog import service
from localize.db import request_session
from localize.security import page_roles

bp = Blueprint("catalog", __name__)


@bp.get("/series")
@page_roles("lead", "translator", "marketing")
def series_list():
    return render_template("catalog/series_list.html", series=service.list_series(request_session()))
