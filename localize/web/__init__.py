"""HTML pages: one blueprint per feature, sharing the `web` endpoint namespace for auth."""
from __future__ import annotations

from flask import render_template
from werkzeug.exceptions import HTTPException


def html_error(exc):
    status = exc.code if isinstance(exc, HTTPException) else 500
    return render_template("error.html", status=status,
                           message=getattr(exc, "description", "") or ""), status


def init_app(app) -> None:
    from localize.api import api_not_found_or_method
    from localize.web import auth, catalog
    app.register_blueprint(auth.bp)
    app.register_blueprint(catalog.bp)
    api_not_found_or_method(app)

    @app.errorhandler(403)
    def _forbidden(exc):
        from flask import request
        if request.path.startswith("/api/"):
            from localize.api import error_response
            return error_response(403, "forbidden", exc.description)
        return html_error(exc)

    from localize.security import current_user
    from localize.i18n import UI_LANGUAGES

    @app.context_processor
    def _globals():
        return {"current_user": current_user(), "ui_languages": UI_LANGUAGES}
