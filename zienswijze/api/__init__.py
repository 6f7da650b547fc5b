"""The JSON API for case systems (zaaksysteem): bearer tokens, JSON in and out, scoped per body.

Each module adds its routes to one blueprint at /api/v1; ``openapi`` describes them at /api/v1/openapi.json.
"""

from __future__ import annotations

from flask import Flask

# Importing the route modules adds their routes to the blueprint.
from zienswijze.api import (  # noqa: F401
    attachments,
    cases,
    decision,
    documents,
    exports,
    invitations,
    publication,
    rounds,
    stakeholders,
    weighing,
)
from zienswijze.api.blueprint import answer_unrouted_requests, bp
from zienswijze.flask_extensions import csrf


def init_app(app: Flask) -> None:
    # Bearer tokens are not sent by browsers on their own, so CSRF protection does not apply.
    csrf.exempt(bp)
    app.register_blueprint(bp)
    answer_unrouted_requests(app)
