"""Market versions: add one to a series, edit its status, title, overrides and episode mapping

The blueprint and its URL rules; the views are in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.versions import views

bp = Blueprint("versions", __name__)
bp.add_url_rule("/series/<slug>/versions/new", view_func=views.version_new, methods=["GET", "POST"])
bp.add_url_rule("/series/<slug>/versions/<locale>/edit", view_func=views.version_edit, methods=["GET", "POST"])
