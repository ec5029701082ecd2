"""localize: take a hit micro-drama series to other markets (remakes, dubs, subtitles)."""
from __future__ import annotations

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, database, security, i18n, then each blueprint."""
    from localize import config as settings
    app = Flask(__name__, instance_relative_config=True,
                instance_path=settings.instance_path_from_environment())
    from localize.app.json import StrictJSONProvider
    app.json = StrictJSONProvider(app)
    app.config.update(settings.from_environment(app.instance_path))
    if config:
        app.config.update(config)
    from localize.machinery import check_config
    check_config(app.config)  # an unknown LOCALIZE_MT_PROVIDER stops the start, with what to set instead

    from localize import db, i18n, routing, security
    from localize.app import audit, cache, errors, jobs, metrics
    routing.init_app(app)
    metrics.init_app(app)  # first: its after_request runs last, its teardown records each request
    cache.init_app(app)  # next: a reused answer is still counted; answers are kept after the commit
    db.init_app(app)
    audit.init_app(app)  # after db: after_request hooks run in reverse, so before the commit
    security.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    jobs.init_app(app)  # after db: the backend opens its own sessions on the app's engine
    import localize.memory  # noqa: F401  (translation memory subscribes to the scripts' and subtitles' saves)

    from localize.api import bp as api_bp
    from localize.web import init_app as init_web
    app.register_blueprint(api_bp)
    init_web(app)
    return app
