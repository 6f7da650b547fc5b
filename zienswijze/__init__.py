"""zienswijze: asks third parties for their view on the intended disclosure of Woo documents."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from flask_babel import force_locale
from werkzeug.middleware.proxy_fix import ProxyFix

from config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Config | Mapping[str, Any] | None = None) -> Flask:
    """The application; ``config`` is a ``Config`` to use as is, or settings laid over the environment's."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    settings = config if isinstance(config, Config) else load_config()
    app.config.from_object(settings)
    if isinstance(config, Mapping):
        app.config.update(config)

    from zienswijze import api, cli, jobs
    from zienswijze.db import session
    from zienswijze.files import pdfs
    from zienswijze.flask_extensions import csrf, htmx, limiter
    from zienswijze.mail import queue
    from zienswijze.web import i18n, logs, metrics, register_blueprints

    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]  # flask: the documented way to wrap wsgi_app
    logs.init_app(app)
    metrics.init_app(app)
    session.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    queue.configure(render_mail, sender=app.config["MAIL_DEFAULT_SENDER"])
    pdfs.configure(pdfs.PdfLimits(**{k: v for k, v in app.config["PDF_LIMITS"].items() if v is not None}))
    limiter.init_app(app)
    if app.config["ENV"] == "production" and app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        # Not refused: a deployment with one process (one gunicorn worker) is right to count in memory.
        app.logger.warning(
            "ZIENSWIJZE_RATELIMIT_STORAGE_URI is memory://: each worker counts on its own, so with more than "
            "one worker every rate limit is that many times as loose; set it to redis://host:6379/0"
        )
    # The API first: its hook answers a request under /api/ that matches no route before a page's hook can.
    api.init_app(app)
    register_blueprints(app)
    cli.init_app(app)
    # Only with ZIENSWIJZE_SCHEDULER=in-process, and never in tests, CLI commands or the reloader's parent.
    jobs.init_app(app)
    return app


def render_mail(template: str, context: Mapping[str, Any], *, locale: str | None) -> str:
    """How ``zienswijze.mail`` renders: the app's templates, in ``locale`` or else the current language."""
    if locale is None:
        return render_template(template, **context)
    with force_locale(locale):
        return render_template(template, **context)
