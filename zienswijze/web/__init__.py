"""Pages for people (Dutch HTML): ``handler/`` for the body's staff, ``stakeholder/`` for the link holder."""

from __future__ import annotations

from flask import Flask, redirect, url_for

from zienswijze.domain.limits import TextCap
from zienswijze.web import dates, dev_mailbox, errors, health, labels, privacy_statement, security_headers
from zienswijze.web.handler import admin, auth, cases, oidc_login, privacy_settings, sign_in_settings
from zienswijze.web.stakeholder import file, link


def register_blueprints(app: Flask) -> None:
    auth.init_app(app)
    dates.init_app(app)
    errors.init_app(app)
    labels.init_app(app)
    security_headers.init_app(app)
    app.jinja_env.globals["text_caps"] = TextCap
    app.register_blueprint(cases.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(sign_in_settings.bp)
    app.register_blueprint(privacy_settings.bp)
    app.register_blueprint(privacy_statement.bp)
    app.register_blueprint(oidc_login.bp)
    app.register_blueprint(link.bp)
    app.register_blueprint(file.bp)
    app.register_blueprint(health.bp)
    if app.config["ENV"] == "development" and app.config.get("DEV_MAILBOX_DIR"):
        app.register_blueprint(dev_mailbox.bp)
    app.add_url_rule("/", "home", lambda: redirect(url_for("cases.index")))
