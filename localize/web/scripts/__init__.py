"""Script pages: a version's scripts at a glance, the script of one episode (the original beside the
adaptation), its file downloads and forms, and the page's JSON endpoints.

The blueprint and its URL rules; the views are in index.py, pages.py and editor_api.py, and what
they share in helpers.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.app.errors import json_blueprint
from localize.web.scripts import editor_api, index, pages
from localize.web.scripts.helpers import SCRIPT, VERSION

bp = Blueprint("scripts", __name__)
bp.add_url_rule(VERSION + "/scripts", view_func=index.index, methods=["GET"])
bp.add_url_rule(VERSION + "/scripts.zip", view_func=index.download_zip, methods=["GET"])
bp.add_url_rule(SCRIPT, view_func=pages.script_page, methods=["GET"])
bp.add_url_rule(SCRIPT + ".fountain", view_func=pages.download_fountain, methods=["GET"])
bp.add_url_rule(SCRIPT + ".fdx", view_func=pages.download_fdx, methods=["GET"])
bp.add_url_rule(SCRIPT + "/upload", view_func=pages.upload, methods=["POST"])
bp.add_url_rule(SCRIPT + ".xlf", view_func=pages.download_xliff, methods=["GET"])
bp.add_url_rule(SCRIPT + "/xliff", view_func=pages.upload_xliff, methods=["POST"])
bp.add_url_rule(SCRIPT + "/translate", view_func=pages.translate, methods=["POST"])
bp.add_url_rule(pages.DIALOGUE_LIST, view_func=pages.dialogue_list, methods=["GET"])

# The page's JSON endpoints (session cookie and CSRF header): errors answer as JSON.
api = Blueprint("api", __name__)
api.add_url_rule(SCRIPT + ".json", view_func=editor_api.script, methods=["GET"])
api.add_url_rule(SCRIPT + ".json", view_func=editor_api.save, methods=["PUT"])
api.add_url_rule(SCRIPT + "/revisions.json", view_func=editor_api.revisions, methods=["GET"])
api.add_url_rule(SCRIPT + "/revisions/<int:revision>.json", view_func=editor_api.revision, methods=["GET"])
api.add_url_rule(SCRIPT + "/revisions/<int:revision>/restore", view_func=editor_api.restore, methods=["POST"])
bp.register_blueprint(api)
json_blueprint("scripts.api")
