"""Report pages for marketing: the whole catalog, and one series across its markets

The blueprint and its URL rules; the views are in views.py.
"""
from __future__ import annotations

from flask import Blueprint

from localize.app.cache import reusable
from localize.web.reports import upload, views

bp = Blueprint("reports", __name__)
bp.context_processor(views.formats)
bp.url_value_preprocessor(upload.raise_limit)
bp.add_url_rule("/reports", view_func=reusable(views.portfolio), methods=["GET"])
bp.add_url_rule("/reports.csv", view_func=views.portfolio_csv, methods=["GET"])
bp.add_url_rule("/series/<slug>/report", view_func=reusable(views.series_report), methods=["GET"])
bp.add_url_rule("/series/<slug>/report.csv", view_func=views.series_csv, methods=["GET"])
bp.add_url_rule("/series/<slug>/report/views", view_func=upload.views_upload, methods=["POST"])
