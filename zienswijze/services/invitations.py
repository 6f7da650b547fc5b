"""What a handler does with one invitation: revoke, resend, correct the address, decide an extension."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from zienswijze.db import Case, ConsultationRound, Contact, ExtensionRequest, Invitation, Organisation, Stakeholder
from zienswijze.db.types import utcnow
from zienswijze.domain.consultation import ExtensionStatus, IllegalTransition, InvitationState, transition
from zienswijze.domain.deadlines import explain_term_end, format_date_nl
from zienswijze.mail.invitation import queue_invitation_mails
from zienswijze.mail.links import issue_link
from zienswijze.mail.queue import cancel_waiting, queue_to_stakeholder
from zienswijze.services import audit
from zienswijze.services.closed_days import closed_days_of
from zienswijze.services.errors import Invalid, NotFound
from zienswijze.services.stakeholders import normalized_email


def invitation_in_organisation(session: Session, *, organisation_id: int, invitation_id: int):
    """The invitation with its round and case, if it belongs to the organisation."""
    row = session.exec(
        select(Invitation, ConsultationRound, Case)
        .join(ConsultationRound, Invitation.round_id == ConsultationRound.id)
        .join(Case, ConsultationRound.case_id == Case.id)
        .where(Invitation.id == invitation_id, Case.organisation_id == organisation_id)
    ).first()
    if row is None:
        raise NotFound(f"uitnodiging {invitation_id}")
    return row


def revoke(session: Session, *, organisation_id: int, invitation_id: int, user_id: int) -> Invitation:
    invitation, _round, case = invitation_in_organisation(
        session, organisation_id=organisation_id, invitation_id=invitation_id
    )
    _move(invitation, InvitationState.INGETROKKEN)
    invitation.nonce_hash = None  # the link stops working at once
    invitation.closed_at = utcnow()
    # A waiting invitation mail would deliver a dead link and mark the invitation sent again.
    cancel_waiting(session, invitation_id=invitation.id, kind="invitation", reason="uitnodiging ingetrokken")
    _record(session, case, invitation, user_id, "invitation.revoked")
    session.commit()
    return invitation


def resend(
    session: Session,
    *,
    organisation_id: int,
    invitation_id: int,
    user_id: int,
    secret_key: str,
    base_url: str,
    today: date,
) -> Invitation:
    """A new link by mail to every contact; the old link stops working."""
    invitation, round_, case = invitation_in_organisation(
        session, organisation_id=organisation_id, invitation_id=invitation_id
    )
    _queue(session, case, round_, invitation, secret_key=secret_key, base_url=base_url, today=today)
    _record(session, case, invitation, user_id, "invitation.resent")
    session.commit()
    return invitation


def correct_address(
    session: Session,
    *,
    organisation_id: int,
    invitation_id: int,
    contact_id: int,
    email: str,
    user_id: int,
    secret_key: str,
    base_url: str,
    today: date,
) -> Invitation:
    invitation, round_, case = invitation_in_organisation(
        session, organisation_id=organisation_id, invitation_id=invitation_id
    )
    contact = session.get(Contact, contact_id)
    if contact is None or contact.stakeholder_id != invitation.stakeholder_id:
        raise NotFound(f"contactpersoon {contact_id}")
    errors: dict[str, str] = {}
    address = normalized_email(errors, "email", email)
    if errors:
        raise Invalid(errors)
    old, contact.email = contact.email, address
    _queue(session, case, round_, invitation, secret_key=secret_key, base_url=base_url, today=today)
    _record(session, case, invitation, user_id, "invitation.address_corrected", {"old": old, "new": address})
    session.commit()
    return invitation


def decide_extension(
    session: Session,
    *,
    organisation_id: int,
    invitation_id: int,
    granted: bool,
    deadline: date | None,
    reason: str,
    user_id: int,
) -> ExtensionRequest:
    """The handler grants or refuses the open request, or grants one of their own (also after the deadline)."""
    invitation, _round, case = invitation_in_organisation(
        session, organisation_id=organisation_id, invitation_id=invitation_id
    )
    request = session.exec(
        select(ExtensionRequest)
        .where(ExtensionRequest.invitation_id == invitation.id, ExtensionRequest.status == ExtensionStatus.AANGEVRAAGD)
        .order_by(ExtensionRequest.id.desc())
    ).first()
    errors: dict[str, str] = {}
    if not reason.strip() and not granted:
        errors["reason"] = "Geef aan waarom de verlenging wordt geweigerd."
    if request is None and not granted:
        errors[""] = "Er is geen verzoek om verlenging om te weigeren."
    target = deadline or (request.requested_until if request else None)
    if granted and target is None:
        errors["deadline"] = "Kies de nieuwe uiterste datum."
    elif granted and target <= invitation.deadline:
        errors["deadline"] = f"Kies een datum na de huidige uiterste datum {format_date_nl(invitation.deadline)}."
    if invitation.state in (InvitationState.INGEDIEND, InvitationState.INGETROKKEN, InvitationState.ONBESTELBAAR):
        errors[""] = "Voor deze uitnodiging kan de termijn niet meer worden verlengd."
    if errors:
        raise Invalid(errors)
    if request is None:
        request = ExtensionRequest(invitation_id=invitation.id, requested_until=target, reason="")
        session.add(request)
    request.status = ExtensionStatus.TOEGEKEND if granted else ExtensionStatus.GEWEIGERD
    request.decided_by_id, request.decided_at, request.decision_reason = user_id, utcnow(), reason.strip()
    explanation: list[str] = []
    if granted:
        new_deadline, explanation = explain_term_end(target, extra_closed=closed_days_of(session, organisation_id))
        apply_granted_extension(invitation, new_deadline)
        request.resulting_deadline = new_deadline
    session.flush()
    queue_decision_mail(session, case, invitation, request, explanation)
    audit.record(
        session,
        organisation_id=organisation_id,
        actor=f"user:{user_id}",
        kind="extension.granted" if granted else "extension.refused",
        case_id=case.id,
        invitation_id=invitation.id,
        details={
            "requested_until": request.requested_until,
            "deadline": request.resulting_deadline,
            "reason": request.decision_reason,
        },
    )
    session.commit()
    return request


def apply_granted_extension(invitation: Invitation, new_deadline: date) -> None:
    """The invitation's own term becomes the granted date; an expired invitation opens again (SPEC §4)."""
    invitation.term_start, invitation.term_days = new_deadline, 0
    invitation.deadline = invitation.mailed_deadline = new_deadline
    if invitation.state is InvitationState.VERLOPEN:
        _move(invitation, InvitationState.GEOPEND)
        invitation.closed_at = None


def _move(invitation: Invitation, target: InvitationState) -> None:
    try:
        invitation.state = transition(invitation.state, target)
    except IllegalTransition:
        raise Invalid(
            {"": f"Een uitnodiging met status '{invitation.state.value}' kan niet naar '{target.value}'."}
        ) from None


def _record(session, case, invitation, user_id, kind: str, details: dict | None = None) -> None:
    audit.record(
        session,
        organisation_id=case.organisation_id,
        actor=f"user:{user_id}",
        kind=kind,
        case_id=case.id,
        invitation_id=invitation.id,
        details=details,
    )


def _queue(session, case, round_, invitation, *, secret_key: str, base_url: str, today: date) -> None:
    """A new link to every contact; a finished invitation gets none (extend its term first)."""
    if invitation.state in (InvitationState.INGEDIEND, InvitationState.VERLOPEN):
        raise Invalid(
            {"": "Deze uitnodiging is al afgerond; verleng eerst de termijn als de belanghebbende nog mag reageren."}
        )
    organisation = session.get(Organisation, case.organisation_id)
    stakeholder = session.get(Stakeholder, invitation.stakeholder_id)
    cancel_waiting(session, invitation_id=invitation.id, kind="invitation", reason="vervangen door een nieuwe link")
    link = issue_link(invitation, secret_key=secret_key, base_url=base_url)
    queue_invitation_mails(
        session,
        organisation=organisation,
        case=case,
        round_=round_,
        invitation=invitation,
        stakeholder=stakeholder,
        link=link,
        closed=closed_days_of(session, case.organisation_id),
        today=today,
    )


def queue_decision_mail(session, case, invitation, request, explanation) -> None:
    """The written confirmation of a decision on an extension, to every contact of the stakeholder."""
    organisation = session.get(Organisation, case.organisation_id)
    granted = request.status is ExtensionStatus.TOEGEKEND
    queue_to_stakeholder(
        session,
        invitation=invitation,
        case=case,
        subject=f"Uw verzoek om verlenging is {'toegekend' if granted else 'afgewezen'} ({case.reference})",
        template="extension_decided",
        context={
            "organisation": organisation,
            "case": case,
            "granted": granted,
            "deadline": format_date_nl(invitation.deadline),
            "explanation": explanation,
            "reason": request.decision_reason,
        },
        kind="extension_decided",
    )
