"""The JSON API for case systems (zaaksysteem): bearer tokens, JSON in and out, scoped per body."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask, abort, g, jsonify, request

from zienswijze.db import Case, User
from zienswijze.db.queries import cases_of
from zienswijze.db.session import get_session
from zienswijze.extensions import csrf
from zienswijze.services.accounts import user_for_api_token
from zienswijze.services.cases import case_by_id, update_case
from zienswijze.services.errors import Invalid, NotFound

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@dataclass(frozen=True)
class ApiCaller:
    user_id: int
    organisation_id: int


def init_app(app: Flask) -> None:
    # Bearer tokens are not sent by browsers on their own, so CSRF protection does not apply.
    csrf.exempt(bp)
    app.register_blueprint(bp)


@bp.before_request
def _authenticate() -> None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user: User | None = None
    if scheme.lower() == "bearer" and token.strip():
        user = user_for_api_token(get_session(), token.strip())
    if user is None:
        abort(401)
    g.api_caller = ApiCaller(user.id, user.organisation_id)


def _case_json(case: Case) -> dict:
    return {
        "id": case.id,
        "reference": case.reference,
        "subject": case.subject,
        "received": case.received.isoformat(),
        "status": case.status.value,
        "decision_deadline": case.decision_deadline.isoformat() if case.decision_deadline else None,
    }


@bp.get("/cases")
def list_cases():
    return jsonify({"cases": [_case_json(c) for c in cases_of(get_session(), g.api_caller.organisation_id)]})


@bp.get("/cases/<int:case_id>")
def get_case(case_id: int):
    try:
        case = case_by_id(get_session(), organisation_id=g.api_caller.organisation_id, case_id=case_id)
    except NotFound:
        abort(404)
    return jsonify(_case_json(case))


@bp.patch("/cases/<int:case_id>")
def patch_case(case_id: int):
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        return jsonify({"error": {"status": 400, "message": "expected a JSON object"}}), 400
    try:
        case = update_case(
            get_session(), organisation_id=g.api_caller.organisation_id, case_id=case_id, changes=changes,
            actor=f"user:{g.api_caller.user_id}",
        )
    except NotFound:
        abort(404)
    except Invalid as error:
        return jsonify({"error": {"status": 422, "message": str(error), "fields": error.errors}}), 422
    return jsonify(_case_json(case))
