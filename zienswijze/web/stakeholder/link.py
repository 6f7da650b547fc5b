"""The stakeholder's pages, reached through a personal link ``/z/<token>`` without an account.

Scanner-safe: a GET of the link shows only the body's name and the case reference and changes
nothing; the stakeholder presses a button (POST) to open their file. The token is then exchanged for
a session bound to that invitation and the browser goes to a URL without the token, so it never
lands in history, logs or Referer headers.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from zienswijze import clock
from zienswijze.db import Case, ConsultationRound, Contact, Invitation
from zienswijze.db.session import get_session
from zienswijze.domain.consultation import LinkStatus
from zienswijze.flask_extensions import limiter
from zienswijze.services.context import Actor
from zienswijze.services.stakeholder_access import LinkCheck, check_link, open_invitation, session_status

bp = Blueprint("stakeholder", __name__, url_prefix="/z")
SESSION_KEY = "zienswijze_invitation"
LINK_LIMIT = "30 per minute"

ERRORS = {
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


def _check(db: Session, token: str) -> LinkCheck:
    config = current_app.config
    return check_link(
        db, token=token, secret_key=config["SECRET_KEY"], now=clock.now(), older_keys=config["SECRET_KEY_FALLBACKS"]
    )


@bp.get("/<token>")
@limiter.limit(LINK_LIMIT)
def landing(token: str):
    check = _check(get_session(), token)
    if check.status in ERRORS:
        return link_error(check)
    return _landing(check, token)


@bp.post("/<token>")
@limiter.limit(LINK_LIMIT)
def open_file(token: str):
    db = get_session()
    check = _check(db, token)
    invitation, case = check.invitation, check.case
    # A link that shows no error page always has its invitation and case.
    if check.status in ERRORS or invitation is None or case is None:
        return link_error(check)
    if _needs_address_check(invitation) and not _address_matches(invitation, request.form.get("email")):
        return _landing(check, token, error=_("Dit is niet het e-mailadres waarnaar wij de uitnodiging stuurden.")), 400
    open_invitation(db, stakeholder_actor(case), invitation_id=invitation.id, now=clock.now())
    session.clear()
    session[SESSION_KEY] = {"id": invitation.id, "nonce": invitation.nonce_hash}
    return redirect(url_for("stakeholder_file.file"), code=303)


def stakeholder_actor(case: Case) -> Actor:
    """Whoever holds the invitation's link acts as the stakeholder of that case's organisation."""
    return Actor.stakeholder(case.organisation_id)


def held_invitation() -> tuple[Invitation | None, LinkStatus]:
    """The invitation this browser opened, and whether it is still open, read-only or gone."""
    held = session.get(SESSION_KEY) or {}
    invitation_id = held.get("id")
    invitation = get_session().get(Invitation, invitation_id) if isinstance(invitation_id, int) else None
    if invitation is None:
        return None, LinkStatus.UNKNOWN
    return invitation, session_status(get_session(), invitation, held.get("nonce"), clock.now())


def link_error(check: LinkCheck):
    status, title, message = ERRORS[check.status]
    if check.status is not LinkStatus.UNKNOWN:
        session.pop(SESSION_KEY, None)
    contact = None
    if check.organisation is not None and check.status is not LinkStatus.UNKNOWN:
        parts = [check.organisation.name, check.organisation.contact_email, check.organisation.contact_phone]
        contact = " · ".join(p for p in parts if p)
    return render_template(
        "errors/error.html", status=status, title=title, message=message, contact=contact, show_home=False
    ), status


def _landing(check: LinkCheck, token: str, error: str | None = None):
    return render_template(
        "stakeholder/landing.html",
        organisation=check.organisation,
        case=check.case,
        open_url=url_for("stakeholder.open_file", token=token),
        ask_address=check.invitation is not None and _needs_address_check(check.invitation),
        error=error,
    )


def _needs_address_check(invitation: Invitation) -> bool:
    round_ = get_session().get(ConsultationRound, invitation.round_id)
    return round_ is not None and round_.verify_email


def _address_matches(invitation: Invitation, typed: str | None) -> bool:
    if not typed:
        return False
    addresses = get_session().exec(select(Contact.email).where(Contact.stakeholder_id == invitation.stakeholder_id))
    return typed.strip().lower() in {address.lower() for address in addresses}
