"""What a handler does with one invitation: revoke, resend, correct the address, decide an extension."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from zienswijze import clock
from zienswijze.db import Case, ConsultationRound, Contact, ExtensionRequest, Invitation, Organisation, Stakeholder
from zienswijze.db.queries import invitations_with_case
from zienswijze.domain.consultation import (
    ExtensionStatus,
    IllegalTransition,
    InvitationState,
    may_extend,
    may_resend,
    transition,
)
from zienswijze.domain.deadlines import explain_term_end, format_date_nl
from zienswijze.domain.limits import TextCap, length_error
from zienswijze.domain.text import N_
from zienswijze.mail.invitation import queue_invitation_mails
from zienswijze.mail.links import case_url, issue_link, privacy_statement_url
from zienswijze.mail.queue import cancel_waiting, queue_to_handlers, queue_to_stakeholder
from zienswijze.services import audit
from zienswijze.services.closed_days import closed_days_of, explanation_of
from zienswijze.services.context import Actor, LinkSettings
from zienswijze.services.deadlines import set_deadline
from zienswijze.services.errors import Invalid, NotFound
from zienswijze.services.stakeholders import normalized_email


def invitation_in_organisation(
    session: Session, actor: Actor, invitation_id: int
) -> tuple[Invitation, ConsultationRound, Case]:
    """The invitation with its round and case, if it belongs to the actor's organisation."""
    row = session.exec(
        invitations_with_case(Invitation, ConsultationRound, Case).where(
            Invitation.id == invitation_id, Case.organisation_id == actor.organisation_id
        )
    ).first()
    if row is None:
        raise NotFound(f"uitnodiging {invitation_id}")
    return row


def revoke(session: Session, actor: Actor, *, invitation_id: int) -> Invitation:
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    _move(invitation, InvitationState.INGETROKKEN)
    invitation.nonce_hash = None  # the link stops working at once
    invitation.closed_at = clock.now()
    # A waiting invitation mail would deliver a dead link and mark the invitation sent again.
    cancel_waiting(session, invitation_id=invitation.id, kind="invitation", reason="uitnodiging ingetrokken")
    audit.record(session, actor, "invitation.revoked", case=case, invitation=invitation)
    session.commit()
    return invitation


def resend(session: Session, actor: Actor, *, invitation_id: int, links: LinkSettings) -> Invitation:
    """A new link by mail to every contact; the old link stops working."""
    invitation, round_, case = invitation_in_organisation(session, actor, invitation_id)
    _queue(session, case, round_, invitation, links)
    audit.record(session, actor, "invitation.resent", case=case, invitation=invitation)
    session.commit()
    return invitation


def correct_address(
    session: Session, actor: Actor, *, invitation_id: int, contact_id: int, email: str, links: LinkSettings
) -> Invitation:
    invitation, round_, case = invitation_in_organisation(session, actor, invitation_id)
    contact = session.get(Contact, contact_id)
    if contact is None or contact.stakeholder_id != invitation.stakeholder_id:
        raise NotFound(f"contactpersoon {contact_id}")
    errors: dict[str, str] = {}
    address = normalized_email(errors, "email", email)
    if errors:
        raise Invalid(errors)
    old, contact.email = contact.email, address
    _queue(session, case, round_, invitation, links)
    audit.record(session, actor, "invitation.address_corrected", case=case, invitation=invitation, old=old, new=address)
    session.commit()
    return invitation


def decide_extension(
    session: Session, actor: Actor, *, invitation_id: int, granted: bool, deadline: date | None, reason: str
) -> ExtensionRequest:
    """The handler grants or refuses the open request, or grants one of their own (also after the deadline)."""
    invitation, _round, case = invitation_in_organisation(session, actor, invitation_id)
    request = pending_request(session, invitation)
    if request is None and granted and deadline is not None:
        # More time the handler grants on their own is recorded as a request of theirs.
        request = ExtensionRequest(invitation_id=invitation.id, requested_until=deadline, reason="")
    errors: dict[str, str] = {}
    if not reason.strip() and not granted:
        errors["reason"] = N_("Geef aan waarom de verlenging wordt geweigerd.")
    elif too_long := length_error(reason, TextCap.LONG):
        errors["reason"] = too_long
    if request is None and not granted:
        errors[""] = N_("Er is geen verzoek om verlenging om te weigeren.")
    if granted and request is None:
        errors["deadline"] = N_("Kies de nieuwe uiterste datum.")
    target = deadline or (request.requested_until if request else None)
    if granted and target is not None and target <= invitation.deadline:
        errors["deadline"] = N_(
            "Kies een datum na de huidige uiterste datum %(deadline)s.", deadline=invitation.deadline
        )
    # A request still open when the view came in can be refused, so neither side waits for it for ever.
    if granted and not may_extend(invitation.state):
        errors[""] = N_("Voor deze uitnodiging kan de termijn niet meer worden verlengd.")
    if errors or request is None:
        raise Invalid(errors)
    session.add(request)
    target = deadline or request.requested_until
    request.status = ExtensionStatus.TOEGEKEND if granted else ExtensionStatus.GEWEIGERD
    request.decided_by_id, request.decided_at, request.decision_reason = actor.user_id, clock.now(), reason.strip()
    if granted:
        new_deadline, explanation = explain_term_end(target, extra_closed=closed_days_of(session, case.organisation_id))
        apply_granted_extension(session, invitation, new_deadline, explanation)
        request.resulting_deadline = new_deadline
    session.flush()
    queue_decision_mail(session, case, invitation, request)
    audit.record(
        session,
        actor,
        "extension.granted" if granted else "extension.refused",
        case=case,
        invitation=invitation,
        requested_until=request.requested_until,
        deadline=request.resulting_deadline,
        reason=request.decision_reason,
    )
    session.commit()
    return request


def pending_request(session: Session, invitation: Invitation) -> ExtensionRequest | None:
    """The stakeholder's request for more time that the handler has not decided yet."""
    return session.exec(
        select(ExtensionRequest)
        .where(ExtensionRequest.invitation_id == invitation.id, ExtensionRequest.status == ExtensionStatus.AANGEVRAAGD)
        .order_by(col(ExtensionRequest.id).desc())
    ).first()


def apply_granted_extension(
    session: Session, invitation: Invitation, new_deadline: date, explanation: Sequence[str]
) -> None:
    """The invitation's own term becomes the granted date; an expired invitation opens again (SPEC §4).

    The decision mail tells the stakeholder the new date.
    """
    invitation.term_start, invitation.term_days = new_deadline, 0
    set_deadline(session, invitation, new_deadline, explanation, told=True)
    if invitation.state is InvitationState.VERLOPEN:
        _move(invitation, InvitationState.GEOPEND)
        invitation.closed_at = None


def _move(invitation: Invitation, target: InvitationState) -> None:
    try:
        invitation.state = transition(invitation.state, target)
    except IllegalTransition:
        raise Invalid(
            {
                "": N_(
                    "Een uitnodiging met status '%(state)s' kan niet naar '%(target)s'.",
                    state=invitation.state.value,
                    target=target.value,
                )
            }
        ) from None


def _queue(
    session: Session, case: Case, round_: ConsultationRound, invitation: Invitation, links: LinkSettings
) -> None:
    """A new link to every contact; a finished invitation gets none (extend its term first)."""
    if not may_resend(invitation.state):
        raise Invalid(
            {
                "": N_(
                    "Deze uitnodiging is al afgerond; verleng eerst de termijn als de belanghebbende nog mag reageren."
                )
            }
        )
    cancel_waiting(session, invitation_id=invitation.id, kind="invitation", reason="vervangen door een nieuwe link")
    mail_new_link(session, case, round_, invitation, links)


def mail_new_link(
    session: Session, case: Case, round_: ConsultationRound, invitation: Invitation, links: LinkSettings
) -> int:
    """Issues the invitation a personal link (an earlier one stops working) and queues the invitation mail
    with it to every contact, for a new round and a resent link alike; returns how many mails."""
    link = issue_link(invitation, secret_key=links.secret_key, base_url=links.base_url)
    return queue_invitation_mails(
        session,
        organisation=session.get_one(Organisation, case.organisation_id),
        case=case,
        round_=round_,
        invitation=invitation,
        stakeholder=session.get_one(Stakeholder, invitation.stakeholder_id),
        link=link,
        privacy_url=privacy_statement_url(links.base_url, case.organisation_id),
        explanation=explanation_of(session, invitation, case.organisation_id),
        today=links.today,
    )


def notify_handlers(
    session: Session,
    case: Case,
    invitation: Invitation,
    stakeholder: Stakeholder,
    *,
    subject: str,
    template: str,
    kind: str,
    base_url: str,
    **context: object,
) -> int:
    """Mails the case's handlers news of one stakeholder's invitation; every such mail names the
    organisation, the case and the stakeholder and links to the case. Returns how many mails."""
    return queue_to_handlers(
        session,
        case=case,
        subject=f"{subject} ({case.reference})",
        template=template,
        context={
            "organisation": session.get(Organisation, case.organisation_id),
            "case": case,
            "stakeholder": stakeholder,
            "case_url": case_url(base_url, case),
            **context,
        },
        kind=kind,
        invitation_id=invitation.id,
    )


def queue_decision_mail(session: Session, case: Case, invitation: Invitation, request: ExtensionRequest) -> None:
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
            "explanation": invitation.deadline_explanation if granted else [],
            "reason": request.decision_reason,
        },
        kind="extension_decided",
    )
