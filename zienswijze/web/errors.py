"""Every error on a page gets a clear Dutch page, never a bare 500; the API answers its own errors as problems."""

from __future__ import annotations

import logging

from flask import Flask, Response, abort, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from zienswijze.db.session import get_session
from zienswijze.domain.errors import Conflict, Invalid, NotFound
from zienswijze.files.store import is_disk_full
from zienswijze.web.i18n import translated

logger = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Ongeldig verzoek"), _l("Het verzoek kon niet worden verwerkt. Controleer wat u hebt ingevuld.")),
    401: (_l("Niet ingelogd"), _l("U moet ingelogd zijn om dit te doen.")),
    403: (_l("Geen toegang"), _l("U hebt geen toegang tot deze pagina.")),
    404: (_l("Pagina niet gevonden"), _l("Deze pagina bestaat niet, of u hebt er geen toegang toe.")),
    405: (_l("Niet toegestaan"), _l("Deze handeling is op deze pagina niet mogelijk.")),
    409: (
        _l("Tegelijk gewijzigd"),
        _l("Iemand anders deed tegelijk hetzelfde, of dit bestaat al. Laad de pagina opnieuw en kijk wat er is."),
    ),
    410: (_l("Niet meer beschikbaar"), _l("Deze pagina is niet meer beschikbaar.")),
    413: (_l("Bestand te groot"), _l("Het bestand of formulier is groter dan is toegestaan.")),
    429: (_l("Te veel verzoeken"), _l("U hebt te veel verzoeken gedaan. Probeer het over een minuut opnieuw.")),
    500: (
        _l("Er ging iets mis"),
        _l("Er ging bij ons iets mis. Er is niets van uw gegevens verloren gegaan; probeer het later opnieuw."),
    ),
    503: (
        _l("Tijdelijk niet beschikbaar"),
        _l(
            "De dienst is tijdelijk niet beschikbaar; probeer het zo opnieuw. "
            "Wat u eerder hebt bewaard of ingediend, is niet verloren gegaan."
        ),
    ),
    507: (
        _l("Opslag vol"),
        _l(
            "Uw bestand kon nu niet worden opgeslagen, omdat de opslag vol is. Wat u eerder hebt bewaard, "
            "is niet verloren gegaan; probeer het later opnieuw."
        ),
    ),
}
# How long a client is asked to wait after a 503: about as long as a database restart takes.
RETRY_AFTER_SECONDS = "30"
_PLAIN_PAGE = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><main><h1>{title}</h1><p>{message}</p></main></body></html>"
)
CSRF_MESSAGE = _l("Het formulier is verlopen of onvolledig verstuurd. Laad de pagina opnieuw en probeer het nog eens.")


def error_response(status: int, message: str | None = None) -> Response:
    title, default_message = MESSAGES.get(status, MESSAGES[500])
    message = message or str(default_message)
    try:
        page = render_template("errors/error.html", status=status, title=title, message=message, contact=None)
    except SQLAlchemyError:
        # The page itself needs the database (the logged-in user); when that fails, say it plainly.
        logger.exception("error page could not be rendered")
        page = _PLAIN_PAGE.format(title=escape(str(title)), message=escape(message))
    response = make_response(page)
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_nul_characters() -> None:
        """A NUL character is never typed by a person, and PostgreSQL refuses to store one."""
        if any("\x00" in value for value in (*request.args.values(), *request.form.values())):
            abort(400)

    @app.errorhandler(IntegrityError)
    def _conflict(error: IntegrityError):
        # Two people (or two tabs) did the same thing at once: a unique key caught the second.
        get_session().rollback()
        logger.warning("integrity error answered as 409: %s", error.orig)
        return error_response(409)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database_unavailable(error: SQLAlchemyError):
        """The database restarts or is unreachable: nothing was written, and a retry soon will work."""
        _roll_back()
        logger.warning("database unavailable, answered as 503: %s", error)
        response = error_response(503)
        response.headers["Retry-After"] = RETRY_AFTER_SECONDS
        return response

    @app.errorhandler(OSError)
    def _storage(error: OSError):
        if not is_disk_full(error):
            return _unexpected(error)
        _roll_back()
        logger.error("storage full, answered as 507: %s", error)
        return error_response(507)

    @app.errorhandler(NotFound)
    def _not_found(_error: NotFound):
        return error_response(404)

    @app.errorhandler(Invalid)
    def _invalid(error: Invalid):
        """A refusal no page put beside its field: its messages on the error page."""
        return error_response(400, " ".join(str(translated(message)) for _field, message in error.problems()))

    @app.errorhandler(Conflict)
    def _too_late(error: Conflict):
        return error_response(409, " ".join(str(translated(message)) for _field, message in error.problems()))

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        return error_response(400, str(CSRF_MESSAGE))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        response = error_response(error.code or 500, getattr(error, "public_message", None))
        for name, value in error.get_headers():
            if name in ("Allow", "Retry-After", "WWW-Authenticate"):
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        logger.exception("unhandled error", exc_info=error)
        return error_response(InternalServerError.code)


def _roll_back() -> None:
    """Ends the request's transaction before the error page is rendered; a dead connection is let go."""
    try:
        get_session().rollback()
    except SQLAlchemyError:
        logger.warning("rollback failed on a broken connection", exc_info=True)
