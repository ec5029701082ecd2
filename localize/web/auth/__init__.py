"""Sign in, sign out and the user's language

The blueprint and its URL rules; the views are in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.auth import views

bp = Blueprint("web", __name__)
bp.add_url_rule("/", view_func=views.index, methods=["GET"])
bp.add_url_rule("/login", view_func=views.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/language", view_func=views.set_language, methods=["POST"])
