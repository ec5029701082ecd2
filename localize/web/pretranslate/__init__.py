"""The leads' pre-translation page: fill a version's episode range from memory (and by machine), see the counts.

The blueprint and its URL rule; the view is in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.pretranslate import views

bp = Blueprint("pretranslate", __name__)
bp.add_url_rule("/series/<slug>/versions/<locale>/pretranslate", view_func=views.page, methods=["GET", "POST"])
