"""Translation memory in the pages: the editors' suggestion panel (JSON), and the leads' pages for
TMX import and export and a version's leverage.

The blueprint and its URL rules; the views are in suggestions.py and pages.py, the editors'
panel data in panel.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.app.errors import json_blueprint
from localize.web.memory import pages, suggestions

VERSION = "/series/<slug>/versions/<locale>"

bp = Blueprint("memory", __name__)
bp.add_url_rule("/memory", view_func=pages.memory_page, methods=["GET"])
bp.add_url_rule("/memory/import", view_func=pages.import_page, methods=["POST"])
bp.add_url_rule("/memory/export.tmx", view_func=pages.export_file, methods=["GET"])
bp.add_url_rule(VERSION + "/leverage", view_func=pages.leverage_page, methods=["GET"])
bp.add_url_rule(VERSION + "/leverage.csv", view_func=pages.leverage_csv, methods=["GET"])

# The suggestion panel's JSON endpoints (session cookie): errors answer as JSON.
api = Blueprint("api", __name__)
api.add_url_rule("/memory/matches.json", view_func=suggestions.matches, methods=["GET"])
api.add_url_rule("/memory/suggest.json", view_func=suggestions.machine, methods=["GET"])
bp.register_blueprint(api)
json_blueprint("memory.api")
