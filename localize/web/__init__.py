"""HTML pages: one blueprint per feature, sharing the `web` endpoint namespace for auth."""
from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.exceptions import HTTPException

# The pages' templates and static files (app.css, app.js), served at /assets/ (the app's own
# /static/ route points at a folder that does not exist).
assets = Blueprint("assets", __name__, template_folder="templates", static_folder="static",
                   static_url_path="/assets")

# Who may read the catalog pages and who may change them (admin may always).
READERS = ("lead", "translator", "marketing")
LEADS = ("lead",)


def html_error(exc):
    status = exc.code if isinstance(exc, HTTPException) else 500
    return render_template("error.html", status=status,
                           message=getattr(exc, "description", "") or ""), status


def domain_error_pages(bp) -> None:
    """Answer a domain error that escapes a view (an unknown slug...) with the HTML error page."""
    from sqlalchemy.exc import IntegrityError

    from localize.db import request_session
    from localize.errors import DomainError

    @bp.errorhandler(DomainError)
    def _domain(exc):
        request_session().rollback()
        return render_template("error.html", status=exc.status, message=exc.message), exc.status

    @bp.errorhandler(IntegrityError)
    def _integrity(_exc):
        # Two requests raced past the service's own check; the database kept exactly one.
        request_session().rollback()
        return render_template("error.html", status=409, message=""), 409


def init_app(app) -> None:
    from localize.api import app_error_handlers
    from localize.web import auth, casting, catalog, episodes, labels, reports, subtitles, versions
    from flask_babel import get_locale
    app.jinja_env.globals["get_locale"] = get_locale
    app.register_blueprint(assets)
    for module in (auth, catalog, episodes, versions, casting, subtitles, reports):
        app.register_blueprint(module.bp)
    labels.init_app(app)
    app_error_handlers(app)

    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def _csrf_failed(exc):
        return render_template("error.html", status=400, message="", csrf_failed=True), 400

    from localize.i18n import UI_LANGUAGES
    from localize.security import current_user

    @app.context_processor
    def _globals():
        user = current_user()
        return {"current_user": user, "ui_languages": UI_LANGUAGES,
                "is_lead": user is not None and user.role in ("lead", "admin")}
