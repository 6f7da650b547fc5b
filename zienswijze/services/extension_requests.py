"""A stakeholder asks for more time (verlenging): granted at once within the round's policy, or left to the handler.

Every request is mailed to the handler; a decision, automatic or not, is confirmed to the stakeholder
in writing with the new date (SPEC §5).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from zienswijze.db import Case, ExtensionRequest, Invitation, Stakeholder
from zienswijze.domain.consultation import ExtensionStatus, InvitationState
from zienswijze.domain.deadline_extensions import assess_extension
from zienswijze.domain.limits import TextCap, length_error
from zienswijze.domain.text import N_
from zienswijze.services import audit
from zienswijze.services.closed_days import closed_days_of
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid
from zienswijze.services.invitations import (
    apply_granted_extension,
    invitation_in_organisation,
    notify_handlers,
    pending_request,
    queue_decision_mail,
)
from zienswijze.services.responses import require_open

# Granting within the round's policy is the body's rule at work, not the stakeholder's act.
POLICY = Actor.system("policy")


def latest_request(session: Session, invitation: Invitation) -> ExtensionRequest | None:
    return session.exec(
        select(ExtensionRequest)
        .where(ExtensionRequest.invitation_id == invitation.id)
        .order_by(col(ExtensionRequest.id).desc())
    ).first()


def request_extension(
    session: Session,
    actor: Actor,
    *,
    invitation_id: int,
    requested: date | None,
    reason: str,
    now: datetime,
    base_url: str,
) -> ExtensionRequest:
    invitation, round_, case = invitation_in_organisation(session, actor, invitation_id)
    require_open(invitation, case, now)
    if invitation.state is InvitationState.INGEDIEND:
        # Once the view is in, the decision need not wait: more time is not asked for, the view can still be changed.
        raise Invalid(
            N_(
                "U hebt uw zienswijze al ingediend, dus u kunt geen verlenging meer vragen. Tot en met "
                "%(deadline)s kunt u uw zienswijze nog aanpassen en opnieuw indienen.",
                deadline=invitation.deadline,
            )
        )
    errors: dict[str, str] = {}
    if requested is None:
        errors["requested_until"] = N_("Vul de datum in tot wanneer u uitstel vraagt.")
    if not reason.strip():
        errors["reason"] = N_("Geef de reden voor uw verzoek, bijvoorbeeld vakantie.")
    elif too_long := length_error(reason, TextCap.LONG):
        errors["reason"] = too_long
    if pending_request(session, invitation) is not None:
        errors[""] = N_("U hebt al een verzoek om verlenging gedaan; daarover is nog niet beslist.")
    if errors or requested is None:
        raise Invalid(errors)
    closed = closed_days_of(session, case.organisation_id)
    decision = assess_extension(
        requested,
        current_deadline=invitation.deadline,
        original_deadline=round_.deadline,
        allow_extensions=round_.allow_extensions,
        max_extra_days=round_.max_extension_days,
        auto_grant=round_.auto_grant_extensions,
        extra_closed=closed,
    )
    if decision.reason is not None:
        raise Invalid({"requested_until": decision.reason})
    request = ExtensionRequest(
        invitation_id=invitation.id, requested_until=requested, reason=reason.strip(), created_at=now
    )
    session.add(request)
    session.flush()
    audit.record(
        session,
        actor,
        "extension.requested",
        case=case,
        invitation=invitation,
        requested_until=requested,
        reason=request.reason,
        automatic=decision.automatic,
    )
    if decision.automatic and decision.deadline is not None:
        request.status, request.decided_automatically, request.decided_at = ExtensionStatus.TOEGEKEND, True, now
        request.decision_reason = "Binnen de termijn die wij voor verlenging hanteren."
        apply_granted_extension(session, invitation, decision.deadline, decision.explanation)
        request.resulting_deadline = decision.deadline
        session.flush()
        queue_decision_mail(session, case, invitation, request)
        audit.record(
            session,
            POLICY,
            "extension.granted",
            case=case,
            invitation=invitation,
            requested_until=requested,
            deadline=decision.deadline,
            automatic=True,
        )
    _notify_handlers(session, case, invitation, request, base_url)
    session.commit()
    return request


def _notify_handlers(
    session: Session, case: Case, invitation: Invitation, request: ExtensionRequest, base_url: str
) -> None:
    stakeholder = session.get_one(Stakeholder, invitation.stakeholder_id)
    notify_handlers(
        session,
        case,
        invitation,
        stakeholder,
        subject=f"Verzoek om verlenging van {stakeholder.name}",
        template="extension_requested",
        kind="extension_requested",
        base_url=base_url,
        request=request,
        granted=request.status is ExtensionStatus.TOEGEKEND,
    )
