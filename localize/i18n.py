"""The UI's own language: Flask-Babel with catalogs under locales/, chosen per user and remembered."""
from __future__ import annotations

from importlib.resources import files

from flask import request, session
from flask_babel import Babel

# The top-level locales/ folder, installed as the package localize.translations with its compiled .mo
# catalogs (see setup.py); an editable install reads the source tree's.
LOCALES_DIR = files("localize.translations")
UI_LANGUAGES = {"en": "English", "es": "español", "pt_BR": "português (Brasil)"}


def select_locale() -> str:
    from localize.security import current_user
    user = current_user() if request else None
    if user is not None and user.ui_locale in UI_LANGUAGES:
        return user.ui_locale
    chosen = session.get("ui_locale")
    if chosen in UI_LANGUAGES:
        return chosen
    best = request.accept_languages.best_match(["en", "es", "pt-BR", "pt"], "en")
    return "pt_BR" if best.startswith("pt") else best


def init_app(app) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(LOCALES_DIR))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    Babel(app, locale_selector=select_locale)
