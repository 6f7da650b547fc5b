"""The live status matrix of a case's invitations, and what the handler does with one invitation.

The matrix is a fragment of the case page that htmx refreshes; each action is a small form that
posts normally (and redirects back to the case page) or, through htmx, answers with the new matrix.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from zienswijze import clock
from zienswijze.db import Case
from zienswijze.db.invitation_rows import invitation_counts
from zienswijze.db.session import get_session
from zienswijze.domain.dates import parse_date
from zienswijze.flask_extensions import htmx
from zienswijze.services.context import LinkSettings
from zienswijze.services.errors import Invalid
from zienswijze.services.invitations import correct_address, decide_extension, resend, revoke
from zienswijze.web.dates import long_date
from zienswijze.web.handler.auth import current_actor
from zienswijze.web.handler.cases import current_case
from zienswijze.web.handler.status_matrix import PAGE_PARAMETER, STOP_POLLING, StatusMatrix
from zienswijze.web.i18n import translated

bp = Blueprint("invitations", __name__, url_prefix="/<reference>/uitnodigingen")


@bp.get("")
def status(reference: str):
    """The matrix alone for htmx (HTTP 286 stops the polling once nothing is open), else the case page."""
    case = current_case(reference)
    if not htmx:
        return redirect(_case_page(case))
    matrix = _matrix(case)
    return render_template("rounds/_status.html", matrix=matrix), 200 if matrix.live else STOP_POLLING


@bp.post("/<int:invitation_id>/opnieuw-versturen")
def resend_view(reference: str, invitation_id: int):
    case = current_case(reference)
    return _done(
        case,
        lambda: resend(
            get_session(),
            current_actor(),
            invitation_id=invitation_id,
            links=LinkSettings.from_config(current_app.config, clock.today()),
        ),
        _("De uitnodiging is opnieuw verstuurd, met een nieuwe link; de vorige link werkt niet meer."),
    )


@bp.post("/<int:invitation_id>/intrekken")
def revoke_view(reference: str, invitation_id: int):
    case = current_case(reference)
    return _done(
        case,
        lambda: revoke(get_session(), current_actor(), invitation_id=invitation_id),
        _("De uitnodiging is ingetrokken; de link werkt niet meer."),
    )


@bp.post("/<int:invitation_id>/adres")
def correct_address_view(reference: str, invitation_id: int):
    case = current_case(reference)
    contact_id = request.form.get("contact_id", "")
    if not contact_id.isdigit():
        abort(400)
    email = request.form.get("email", "")
    return _done(
        case,
        lambda: correct_address(
            get_session(),
            current_actor(),
            invitation_id=invitation_id,
            contact_id=int(contact_id),
            email=email,
            links=LinkSettings.from_config(current_app.config, clock.today()),
        ),
        _("Het adres is gecorrigeerd en de uitnodiging is opnieuw verstuurd, met een nieuwe link."),
    )


@bp.post("/<int:invitation_id>/verlenging")
def extension_view(reference: str, invitation_id: int):
    case = current_case(reference)
    granted = request.form.get("besluit") == "toekennen"
    raw = request.form.get("deadline", "").strip()
    try:
        deadline = parse_date(raw) if raw and granted else None
    except ValueError:
        return _answer(case, "error", _("Vul een geldige datum in (JJJJ-MM-DD)."))

    def decide():
        return decide_extension(
            get_session(),
            current_actor(),
            invitation_id=invitation_id,
            granted=granted,
            deadline=deadline,
            reason=request.form.get("reason", ""),
        )

    def message(decided) -> str:
        if granted:
            return _(
                "Verlenging toegekend tot en met %(date)s; de belanghebbende krijgt een e-mail.",
                date=long_date(decided.resulting_deadline),
            )
        return _("Verlenging geweigerd; de belanghebbende krijgt een e-mail.")

    return _done(case, decide, message)


def _done(case: Case, action, message):
    """Runs the service call; its refusal is shown like its success, above the matrix."""
    try:
        result = action()
    except Invalid as invalid:
        return _answer(case, "error", " ".join(str(translated(message)) for message in invalid.errors.values()))
    return _answer(case, "success", message(result) if callable(message) else message)


def _answer(case: Case, category: str, message: str):
    if htmx:
        return render_template("rounds/_status.html", matrix=_matrix(case), notice=(category, message))
    flash(message, category)
    return redirect(_case_page(case))


def _matrix(case: Case) -> StatusMatrix:
    session = get_session()
    return StatusMatrix.read(
        session,
        case,
        invitation_counts(session, case.id),
        state=request.args.get("status", ""),
        page=request.args.get(PAGE_PARAMETER),
        today=clock.today(),
    )


def _case_page(case: Case) -> str:
    kept: dict[str, Any] = {name: request.args[name] for name in ("status", PAGE_PARAMETER) if request.args.get(name)}
    return url_for("cases.detail", reference=case.reference, **kept, _anchor="uitnodigingen")
