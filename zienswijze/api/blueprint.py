"""The API's blueprint: who is calling (a bearer token names a user, and so an organisation), and how
every error is answered (an RFC 9457 problem)."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, current_app, g, request
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from zienswijze import clock
from zienswijze.api.problems import RETRY_AFTER_SECONDS, ApiProblem, from_http_error, from_invalid, problem_response
from zienswijze.db import Case
from zienswijze.db.session import get_session
from zienswijze.domain import errors
from zienswijze.files.store import is_disk_full
from zienswijze.services.accounts import user_for_api_token
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor, LinkSettings

logger = logging.getLogger(__name__)

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# The OpenAPI document describes the API to whoever integrates with it; it holds no data.
PUBLIC_ENDPOINTS = frozenset({"api.openapi"})
_CHALLENGE = 'Bearer realm="zienswijze"'
MAX_ID = 2**31 - 1


def caller() -> Actor:
    """The handler whose bearer token authenticated this request, as the use cases are told who acts."""
    return g.api_caller


def links() -> LinkSettings:
    """The settings for personal links, for use cases that mail one."""
    return LinkSettings.from_config(current_app.config, clock.today())


def own_case(case_id: int) -> Case:
    """The case if it is the caller's organisation's; any other is NotFound (404), never forbidden."""
    return case_by_id(get_session(), caller(), case_id)


def answer_unrouted_requests(app: Flask) -> None:
    """A path under /api/ that matches no route never reaches the blueprint, so its handlers cannot answer."""

    @app.before_request
    def _unrouted() -> Response | None:
        error = request.routing_exception
        if isinstance(error, NotFound | MethodNotAllowed) and request.path.startswith("/api/"):
            return problem_response(from_http_error(error))
        return None


@bp.url_value_preprocessor
def _ids_in_range(_endpoint: str | None, values: dict | None) -> None:
    """An identifier beyond the database's integers names nothing: 404, not a database error."""
    if any(isinstance(value, int) and value > MAX_ID for value in (values or {}).values()):
        raise ApiProblem(404)


@bp.before_request
def _authenticate() -> None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiProblem(401, headers={"WWW-Authenticate": _CHALLENGE})
    user = user_for_api_token(get_session(), token.strip())
    if user is None:
        raise ApiProblem(
            401,
            "Het API-token is onbekend, ingetrokken of hoort bij een gebruiker die niet meer actief is.",
            headers={"WWW-Authenticate": f'{_CHALLENGE}, error="invalid_token"'},
        )
    g.api_caller = Actor.user(user.organisation_id, user.id)


@bp.errorhandler(ApiProblem)
def _problem(problem: ApiProblem) -> Response:
    return problem_response(problem)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    return problem_response(from_http_error(error))


@bp.errorhandler(errors.NotFound)
def _not_found(_error: errors.NotFound) -> Response:
    return problem_response(ApiProblem(404))


@bp.errorhandler(errors.Conflict)
def _conflict(error: errors.Conflict) -> Response:
    """Refused because of the case's state, not the input: a 409 that says why, and which field if one is at stake."""
    named = [(field, message) for field, message in from_invalid(error).errors if field]
    return problem_response(ApiProblem(409, " ".join(message for _field, message in error.problems()), errors=named))


@bp.errorhandler(errors.Invalid)
def _invalid(error: errors.Invalid) -> Response:
    """Every refusal of the input, whichever module made it, is a 422 with its messages."""
    return problem_response(from_invalid(error))


@bp.errorhandler(OperationalError)
@bp.errorhandler(InterfaceError)
def _database_unavailable(error: OperationalError | InterfaceError) -> Response:
    """The database restarts or is unreachable: nothing was written, and the case system may retry soon."""
    logger.warning("database unavailable, answered as 503: %s", error)
    return problem_response(ApiProblem(503, headers={"Retry-After": RETRY_AFTER_SECONDS}))


@bp.errorhandler(OSError)
def _storage(error: OSError) -> Response:
    if not is_disk_full(error):
        return _unexpected(error)
    logger.error("storage full, answered as 507: %s", error)
    return problem_response(ApiProblem(507))


@bp.errorhandler(Exception)
def _unexpected(error: Exception) -> Response:
    """A bug, not bad input: logged in full, answered without details."""
    logger.exception("unhandled error in the API", exc_info=error)
    return problem_response(ApiProblem(500))
