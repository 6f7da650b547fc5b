"""Blueprints for people (Dutch HTML pages) and their wiring."""

from __future__ import annotations

from flask import Flask, redirect, url_for

from zienswijze import api
from zienswijze.web import (
    admin,
    auth,
    cases,
    decision,
    dev_mailbox,
    documents,
    errors,
    exports,
    health,
    invitations,
    labels,
    redactions,
    rounds,
    security_headers,
    stakeholder,
    stakeholder_file,
    stakeholders,
    weighing,
)

# A case's own pages live under /zaken/<reference>/: nested in the case blueprint they share its login
# requirement and its 404 for another organisation's case. Nested once, at import, as Flask requires.
for _part in (
    documents.bp,
    redactions.bp,
    stakeholders.bp,
    rounds.bp,
    invitations.bp,
    weighing.bp,
    decision.bp,
    exports.bp,
):
    cases.bp.register_blueprint(_part)


def register_blueprints(app: Flask) -> None:
    auth.init_app(app)
    errors.init_app(app)
    labels.init_app(app)
    security_headers.init_app(app)
    app.register_blueprint(cases.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(stakeholder.bp)
    app.register_blueprint(stakeholder_file.bp)
    app.register_blueprint(health.bp)
    api.init_app(app)
    if app.config["ENV"] == "development" and app.config.get("DEV_MAILBOX_DIR"):
        app.register_blueprint(dev_mailbox.bp)
    app.add_url_rule("/", "home", lambda: redirect(url_for("cases.index")))
