"""Series list (the first page after sign-in), the series page with its market matrix, series settings

The blueprint and its URL rules; the views are in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.app.cache import reusable
from localize.web.catalog import views

bp = Blueprint("catalog", __name__)
bp.add_url_rule("/series", view_func=reusable(views.series_list), methods=["GET"])
bp.add_url_rule("/series", view_func=views.series_create, methods=["POST"])
bp.add_url_rule("/series/<slug>", view_func=reusable(views.series_page), methods=["GET"])
bp.add_url_rule("/series/<slug>/edit", view_func=views.series_edit, methods=["GET", "POST"])
