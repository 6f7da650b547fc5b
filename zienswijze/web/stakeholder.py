"""The stakeholder's pages, reached through a personal link ``/z/<token>`` without an account.

Scanner-safe: a GET of the link shows only the body's name and the case reference and changes
nothing; the stakeholder presses a button (POST) to open their file. The token is then exchanged for
a session bound to that invitation and the browser goes to a URL without the token, so it never
lands in history, logs or Referer headers.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, session, url_for
from flask_babel import lazy_gettext as _l

from zienswijze.clock import now
from zienswijze.db import Invitation
from zienswijze.db.session import get_session
from zienswijze.domain.deadlines import explain_term_end, format_date_nl
from zienswijze.extensions import limiter
from zienswijze.services.closed_days import closed_days_of
from zienswijze.services.stakeholder_access import (
    LinkCheck,
    LinkStatus,
    check_link,
    dossier,
    open_invitation,
    session_status,
)

bp = Blueprint("stakeholder", __name__, url_prefix="/z")
SESSION_KEY = "zienswijze_invitation"
LINK_LIMIT = "30 per minute"

_ERRORS = {
    LinkStatus.UNKNOWN: (
        404,
        _l("Deze link werkt niet"),
        _l(
            "De link is niet volledig of niet juist overgenomen. Gebruik de link uit de e-mail die u van ons kreeg, "
            "of neem contact op met de organisatie die u de e-mail stuurde."
        ),
    ),
    LinkStatus.REVOKED: (
        403,
        _l("Deze link is niet meer geldig"),
        _l(
            "U hebt mogelijk een nieuwere e-mail met een nieuwe link gekregen. Gebruik die, of neem contact met ons op."
        ),
    ),
    LinkStatus.EXPIRED: (
        410,
        _l("De termijn is voorbij"),
        _l(
            "De termijn voor uw zienswijze is verstreken en deze link werkt niet meer. Neem contact met ons op als u "
            "nog wilt reageren."
        ),
    ),
}


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<token>")
@limiter.limit(LINK_LIMIT)
def landing(token: str):
    check = check_link(get_session(), token=token, secret_key=current_app.config["SECRET_KEY"], now=now())
    if check.status in _ERRORS:
        return _link_error(check)
    return render_template(
        "stakeholder/landing.html",
        organisation=check.organisation,
        case=check.case,
        open_url=url_for("stakeholder.open_file", token=token),
    )


@bp.post("/<token>")
@limiter.limit(LINK_LIMIT)
def open_file(token: str):
    db = get_session()
    check = check_link(db, token=token, secret_key=current_app.config["SECRET_KEY"], now=now())
    if check.status in _ERRORS:
        return _link_error(check)
    open_invitation(db, invitation=check.invitation, case=check.case, now=now())
    session.clear()
    session[SESSION_KEY] = {"id": check.invitation.id, "nonce": check.invitation.nonce_hash}
    return redirect(url_for("stakeholder.file"), code=303)


@bp.get("/dossier")
def file():
    held = session.get(SESSION_KEY) or {}
    db = get_session()
    invitation = db.get(Invitation, held.get("id", 0)) if isinstance(held.get("id"), int) else None
    status = session_status(invitation, held.get("nonce"), now()) if invitation else LinkStatus.UNKNOWN
    if status in _ERRORS:
        session.pop(SESSION_KEY, None)
        return _link_error(LinkCheck(status))
    view = dossier(db, invitation_id=invitation.id)
    _, explanation = explain_term_end(
        invitation.term_start, days=invitation.term_days, extra_closed=closed_days_of(db, view.case.organisation_id)
    )
    return render_template(
        "stakeholder/dossier.html",
        view=view,
        read_only=status is LinkStatus.READ_ONLY,
        deadline=format_date_nl(invitation.deadline),
        explanation=explanation,
    )


def _link_error(check: LinkCheck):
    status, title, message = _ERRORS[check.status]
    contact = None
    if check.organisation is not None and check.status is not LinkStatus.UNKNOWN:
        parts = [check.organisation.name, check.organisation.contact_email, check.organisation.contact_phone]
        contact = " · ".join(p for p in parts if p)
    return render_template(
        "errors/error.html", status=status, title=title, message=message, contact=contact, show_home=False
    ), status
