"""The glossary page of a series: entries per market, add, edit, delete, CSV import, CSV and TBX export.

The blueprint and its URL rules; the views are in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.glossary import views

bp = Blueprint("glossary", __name__)
bp.add_url_rule(views.PAGE, view_func=views.page, methods=["GET"])
bp.add_url_rule(views.PAGE, view_func=views.entry_add, methods=["POST"])
bp.add_url_rule(views.PAGE + "/<int:entry_id>", view_func=views.entry_update, methods=["POST"])
bp.add_url_rule(views.PAGE + "/<int:entry_id>/delete", view_func=views.entry_delete, methods=["POST"])
bp.add_url_rule(views.PAGE + "/import", view_func=views.csv_import, methods=["POST"])
bp.add_url_rule(views.PAGE + ".<any(csv, tbx):fmt>", view_func=views.download, methods=["GET"])
