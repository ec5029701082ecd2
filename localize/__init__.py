"""localize: take a hit micro-drama series to other markets (remakes, dubs, subtitles)."""
from __future__ import annotations

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, database, security, i18n, then each blueprint."""
    app = Flask(__name__, instance_relative_config=True)
    from localize import config as settings
    app.config.update(settings.from_environment(app.instance_path))
    if config:
        app.config.update(config)

    from werkzeug.routing import IntegerConverter

    class BoundedInt(IntegerConverter):
        """<int:...> up to 2^31-1: larger numbers are a 404, not a database overflow."""

        def __init__(self, map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):
            super().__init__(map, fixed_digits, min, max, signed)

    app.url_map.converters["int"] = BoundedInt

    from localize import db, i18n, security
    db.init_app(app)
    security.init_app(app)
    i18n.init_app(app)

    from localize.api import bp as api_bp
    from localize.web import init_app as init_web
    app.register_blueprint(api_bp)
    init_web(app)
    return app
