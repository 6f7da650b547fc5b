"""The page language: Dutch unless the visitor asks for English with the switch in the page header.

The choice lives in the session (key ``locale``). The browser's Accept-Language is ignored on
purpose: a Dutch government service speaks Dutch unless asked otherwise. Mail is not affected; it
forces its own locale per message (``mail/queue.py``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, has_request_context, redirect, request, session, url_for
from flask_babel import get_locale, gettext
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from zienswijze.domain.text import Text
from zienswijze.flask_extensions import babel
from zienswijze.web.dates import long_date
from zienswijze.web.stakeholder.link import SESSION_KEY as INVITATION_KEY

SESSION_KEY = "locale"
DEFAULT_LOCALE = "nl"
SUPPORTED = ("nl", "en")
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
# The only page with a secret in its path that the switch may send back to: the stakeholder's
# landing page ``/z/<token>``, where the visitor already is (the token stays out of the logs, which
# show ``/taal``). Every other page whose rule takes a token is refused.
TOKEN_PAGES = frozenset({"stakeholder.landing"})

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """The session's choice when it is a supported one; Dutch otherwise, and outside requests (jobs)."""
    if has_request_context():
        chosen = session.get(SESSION_KEY)
        if chosen in SUPPORTED:
            return chosen
    return DEFAULT_LOCALE


@bp.post("/taal")
def switch():
    """POST (with the CSRF token every form carries), so a link or a scanner cannot change the language."""
    chosen = request.form.get("locale", "")
    if chosen in SUPPORTED:
        session[SESSION_KEY] = chosen
    return redirect(local_target(request.form.get("next")), code=303)


def local_target(candidate: str | None) -> str:
    """``candidate`` when it is a page of this site one can GET; otherwise a safe page of our own."""
    if not candidate or not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return _fallback()
    if any(char == "\\" or ord(char) < 0x20 or ord(char) == 0x7F for char in candidate):
        return _fallback()
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return _fallback()
    adapter = current_app.create_url_adapter(request)
    if adapter is None:  # only without a request, and this runs in one
        return _fallback()
    try:
        endpoint, arguments = adapter.match(parts.path, method="GET")
    except (NotFound, MethodNotAllowed, RequestRedirect):
        return _fallback()
    if "token" in arguments and endpoint not in TOKEN_PAGES:
        return _fallback()
    return parts.path


def _fallback() -> str:
    """The stakeholder's file for a stakeholder, the case list (or login) for everyone else."""
    if INVITATION_KEY in session:
        return url_for("stakeholder_file.file")
    return url_for("home")


def _keep_choice(response: Response) -> Response:
    """Logging out and opening a stakeholder file clear the session; the language choice survives that."""
    if not session.modified or SESSION_KEY in session:
        return response
    before = current_app.session_interface.open_session(current_app, request)
    chosen = before.get(SESSION_KEY) if before is not None else None
    if chosen in SUPPORTED:
        session[SESSION_KEY] = chosen
    return response


def translated(value: object) -> object:
    """A domain ``Text`` in the page's language, its parameters too (a date in the pages' long style);
    anything else as it is."""
    if not isinstance(value, Text):
        return value
    return gettext(value.msgid, **{name: _parameter(param) for name, param in value.params.items()})


def _parameter(value: object) -> object:
    return long_date(value) if isinstance(value, date) else translated(value)


def init_app(app: Flask) -> None:
    """Binds Flask-Babel with this selector (instead of Accept-Language), registers the switch, and has every
    ``{{ value }}`` in a template show a domain ``Text`` translated, so templates print them as they are."""
    babel.init_app(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS))
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.finalize = translated
    app.after_request(_keep_choice)
    app.register_blueprint(bp)
