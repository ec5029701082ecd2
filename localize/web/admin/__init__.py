"""Administration in the browser: users (role, languages, disable, password) and their API tokens

The blueprint and its URL rules; the views are in views.py. Every route needs Ability.ADMIN.
"""
from __future__ import annotations

from flask import Blueprint

from localize.web.admin import views

bp = Blueprint("admin", __name__)
bp.add_url_rule("/admin/users", view_func=views.users, methods=["GET"])
bp.add_url_rule("/admin/audit", view_func=views.audit_page, methods=["GET"])
bp.add_url_rule("/admin/users", view_func=views.user_add, methods=["POST"])
bp.add_url_rule("/admin/users/<int:user_id>", view_func=views.user_page, methods=["GET"])
bp.add_url_rule("/admin/users/<int:user_id>", view_func=views.user_update, methods=["POST"])
bp.add_url_rule("/admin/users/<int:user_id>/active", view_func=views.user_active, methods=["POST"])
bp.add_url_rule("/admin/users/<int:user_id>/password", view_func=views.user_password, methods=["POST"])
bp.add_url_rule("/admin/users/<int:user_id>/sessions", view_func=views.user_sessions, methods=["POST"])
bp.add_url_rule("/admin/users/<int:user_id>/tokens", view_func=views.token_create, methods=["POST"])
bp.add_url_rule("/admin/users/<int:user_id>/tokens/<int:token_id>/revoke", view_func=views.token_revoke,
                methods=["POST"])
