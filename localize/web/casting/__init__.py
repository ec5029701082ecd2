"""The casting board of a market version: leads cast, rename and take notes; others read

The blueprint and its URL rules; the views are in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.casting import views

bp = Blueprint("casting", __name__)
bp.add_url_rule(views.BOARD, view_func=views.board, methods=["GET"])
bp.add_url_rule(views.BOARD + "/<int:character_id>", view_func=views.casting_update, methods=["POST"])
bp.add_url_rule(views.BOARD + "/<int:character_id>/notes", view_func=views.note_add, methods=["POST"])
bp.add_url_rule(views.BOARD + "/characters", view_func=views.character_add, methods=["POST"])
