"""Subtitle pages: a version's tracks at a glance, the editor of one track, and the editor's JSON endpoints.

The blueprint and its URL rules; the views are in index.py, pages.py and editor_api.py, and what
they share in helpers.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.app.errors import json_blueprint
from localize.web.subtitles import editor_api, index, pages
from localize.web.subtitles.helpers import TRACK, VERSION

bp = Blueprint("subtitles", __name__)
bp.add_url_rule(VERSION, view_func=index.index, methods=["GET"])
bp.add_url_rule(VERSION + "/translate", view_func=index.translate, methods=["POST"])
bp.add_url_rule(VERSION + "/upload", view_func=index.index_upload, methods=["POST"])
bp.add_url_rule(TRACK, view_func=pages.editor_page, methods=["GET"])
bp.add_url_rule(TRACK + ".vtt", view_func=pages.download_vtt, methods=["GET"])
bp.add_url_rule(TRACK + ".srt", view_func=pages.download_srt, methods=["GET"])
bp.add_url_rule(TRACK + "/upload", view_func=pages.upload, methods=["POST"])
bp.add_url_rule(TRACK + ".xlf", view_func=pages.download_xliff, methods=["GET"])
bp.add_url_rule(TRACK + "/xliff", view_func=pages.upload_xliff, methods=["POST"])

# The editor's JSON endpoints (session cookie and CSRF header): errors answer as JSON.
api = Blueprint("api", __name__)
api.add_url_rule(TRACK + "/cues.json", view_func=editor_api.cues, methods=["GET"])
api.add_url_rule(TRACK + "/cues.json", view_func=editor_api.save, methods=["PUT"])
api.add_url_rule(TRACK + "/revisions.json", view_func=editor_api.revisions, methods=["GET"])
api.add_url_rule(TRACK + "/revisions/<int:revision>.json", view_func=editor_api.revision, methods=["GET"])
api.add_url_rule(TRACK + "/revisions/<int:revision>/restore", view_func=editor_api.restore, methods=["POST"])
bp.register_blueprint(api)
json_blueprint("subtitles.api")
