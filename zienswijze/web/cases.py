"""The handler's case pages; each query is scoped to the logged-in user's organisation."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from zienswijze.db.queries import case_of, cases_of, documents_of, stakeholders_with_concern_counts
from zienswijze.db.session import get_session

bp = Blueprint("cases", __name__, url_prefix="/zaken")


@bp.before_request
@login_required
def _require_login() -> None:
    """Every page of this blueprint is for logged-in handlers only."""


@bp.get("/")
def index():
    return render_template("cases/index.html", cases=cases_of(get_session(), current_user.organisation_id))


@bp.get("/<reference>")
def detail(reference: str):
    session = get_session()
    case = case_of(session, current_user.organisation_id, reference)
    if case is None:
        abort(404)
    return render_template(
        "cases/detail.html",
        case=case,
        documents=documents_of(session, case.id),
        stakeholders=stakeholders_with_concern_counts(session, case.id),
    )
