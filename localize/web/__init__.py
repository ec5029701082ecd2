"""HTML pages: one package per feature, each building its blueprint in its __init__.

Shared helpers live in modules the views import (forms, labels); errors are answered by
localize.app.errors for the pages and the API alike.
"""
from __future__ import annotations

from flask import Blueprint
from markupsafe import Markup

# The pages' templates and static files (app.css, app.js), served at /assets/ (the app's own
# /static/ route points at a folder that does not exist).
assets = Blueprint("assets", __name__, template_folder="templates", static_folder="static",
                   static_url_path="/assets")


def bdi(value) -> Markup:
    """User text isolated for bidi: a right-to-left override in a title cannot reverse the page around it."""
    return Markup("<bdi>{}</bdi>").format("" if value is None else value)


def isolate(value) -> str:
    """User text isolated for bidi where no markup may go (the <title>): FSI ... PDI."""
    return "\u2068" + ("" if value is None else str(value)) + "\u2069"


def init_app(app) -> None:
    from flask_babel import get_locale

    from localize.catalog.settings import effective_settings
    from localize.i18n import UI_LANGUAGES
    from localize.permissions import can, can_write_language
    from localize.security import current_user
    from localize.web import (admin, auth, casting, catalog, episodes, glossary, jobs, labels, memory, pretranslate,
                              reports, scripts, subtitles, versions)

    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["effective_settings"] = effective_settings
    app.jinja_env.filters["bdi"] = bdi
    app.jinja_env.filters["isolate"] = isolate
    app.register_blueprint(assets)
    for feature in (auth, catalog, episodes, versions, casting, glossary, subtitles, scripts, reports, memory, admin,
                    jobs, pretranslate):
        app.register_blueprint(feature.bp)
    labels.init_app(app)

    @app.context_processor
    def _globals():
        user = current_user()
        # Templates ask `can('edit_catalog')`, `can_write('es-MX')`: the same table as the routes.
        return {"current_user": user, "ui_languages": UI_LANGUAGES,
                "can": lambda ability: can(user, ability),
                "can_write": lambda language: can_write_language(user, language)}
