"""``/healthz`` for load balancers and monitoring: 200 when healthy, 503 otherwise."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from zienswijze import clock
from zienswijze.db.session import get_session
from zienswijze.services import health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    report = health.check(
        get_session(),
        now=clock.now(),
        heartbeat_max_age=current_app.config["SCHEDULER_HEARTBEAT_MAX_AGE_SECONDS"],
        outbox_max_wait=current_app.config["OUTBOX_MAX_WAIT_SECONDS"],
    )
    response = jsonify(report.as_json())
    response.status_code = 200 if report.healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
