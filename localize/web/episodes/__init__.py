"""An episode: its cliffhanger, and its state in every market; leads edit it here

The blueprint and its URL rules; the views are in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.episodes import views

bp = Blueprint("episodes", __name__)
bp.add_url_rule("/series/<slug>/episodes/<int:number>", view_func=views.episode_page, methods=["GET"])
bp.add_url_rule("/series/<slug>/episodes/<int:number>", view_func=views.episode_update, methods=["POST"])
