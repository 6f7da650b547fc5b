"""Notices to the requester (Woo art. 4.4 lid 3-4): the term is suspended, and the suspension has ended.

The service drafts both letters for the handler to send; the handler records when each went out,
and the case's decision deadline follows from what was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from zienswijze import clock
from zienswijze.db import Case, ConsultationRound, ExtensionRequest, Invitation, Organisation
from zienswijze.db.queries import case_invitations
from zienswijze.domain.consultation import ExtensionStatus, InvitationState, counts_as_open
from zienswijze.domain.deadlines import AMSTERDAM, format_date_nl
from zienswijze.domain.decision_term import suspended_days
from zienswijze.domain.text import N_
from zienswijze.mail.queue import render
from zienswijze.services import audit
from zienswijze.services.cases import case_by_id, decision_deadline_of
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid, require_date

SUSPENDED, RESUMED = "requester_suspended", "requester_resumed"


@dataclass(frozen=True)
class Letter:
    subject: str
    text: str


def suggested_end(session: Session, case: Case) -> date | None:
    """The day the last view came in or the last term ended unused; None while a term still runs.

    Whether a granted extension prolongs the suspension is the handler's choice per case (SPEC §5).
    """
    # The columns, not the rows: a large case has hundreds of invitations, and this runs on every decision page.
    rows = session.exec(
        case_invitations(
            Invitation.state, Invitation.submitted_at, Invitation.deadline, ConsultationRound.deadline, case_id=case.id
        ).where(col(Invitation.state) != InvitationState.INGETROKKEN)
    ).all()
    if not rows or any(counts_as_open(state) for state, *_ in rows):
        return None
    ends: list[date] = []
    for _state, submitted_at, deadline, round_deadline in rows:
        if submitted_at is not None:
            ends.append(submitted_at.astimezone(AMSTERDAM).date())
        else:
            ends.append(deadline if case.extension_prolongs_suspension else round_deadline)
    return max(ends)


def letter(session: Session, case: Case, kind: str, today: date) -> Letter:
    """The draft letter, with the dates as recorded or, before that, as they would be today."""
    organisation = session.get(Organisation, case.organisation_id)
    last_term = session.exec(
        case_invitations(Invitation.deadline, case_id=case.id)
        .where(col(Invitation.state) != InvitationState.INGETROKKEN)
        .order_by(col(Invitation.deadline).desc())
    ).first()
    notice = case.suspension_notice_sent or today
    context = {
        "organisation": organisation,
        "case": case,
        "received": format_date_nl(case.received, weekday=False),
        "notice": format_date_nl(notice, weekday=False),
        "last_term": format_date_nl(last_term, weekday=False) if last_term else None,
        "ended": format_date_nl(case.suspension_ended, weekday=False) if case.suspension_ended else None,
        "days": _days(case),
        "deadline": format_date_nl(decision_deadline_of(case), weekday=False),
    }
    subject = (
        f"Opschorting van de beslistermijn ({case.reference})"
        if kind == SUSPENDED
        else f"Einde van de opschorting en nieuwe beslistermijn ({case.reference})"
    )
    # A draft the handler reads on the page, so in the page's language, unlike mail that is sent.
    return Letter(subject, render(f"email/{kind}.txt", context, locale=None))


def _days(case: Case) -> int | None:
    if not (case.suspension_notice_sent and case.suspension_ended):
        return None
    return suspended_days(
        case.received, postponed=case.postponed, suspensions=[(case.suspension_notice_sent, case.suspension_ended)]
    )


def record_suspension_notice(session: Session, actor: Actor, *, case_id: int, sent_on: object) -> Case:
    case = case_by_id(session, actor, case_id)
    errors: dict[str, str] = {}
    sent = require_date(errors, "sent_on", sent_on)
    first = first_invitation(session, case)
    if sent and sent < case.received:
        errors["sent_on"] = N_("De mededeling kan niet vóór de ontvangst van het verzoek zijn verstuurd.")
    elif sent and first is None:
        errors["sent_on"] = N_("Er is nog geen belanghebbende uitgenodigd; verstuur eerst een ronde.")
    elif sent and first is not None and sent < first:
        errors["sent_on"] = N_(
            "De mededeling kan niet vóór de eerste uitnodiging (%(first)s) zijn verstuurd.",
            first=first.strftime("%d-%m-%Y"),
        )
    if errors:
        raise Invalid(errors)
    case.suspension_notice_sent = sent
    return _save(session, case, actor, "requester.suspension_notice_sent", {"sent_on": sent})


def first_invitation(session: Session, case: Case) -> date | None:
    """The day the first round went out: the term is suspended only once stakeholders are asked (Awb 4:8)."""
    sent = session.exec(
        select(func.min(ConsultationRound.sent_at)).where(
            ConsultationRound.case_id == case.id, col(ConsultationRound.sent_at).is_not(None)
        )
    ).one()
    return sent.astimezone(AMSTERDAM).date() if sent is not None else None


def record_suspension_end(
    session: Session, actor: Actor, *, case_id: int, ended_on: object, notice_sent_on: object, prolongs: bool
) -> Case:
    """The suspension's last day and when the requester was told; the decision deadline moves with it."""
    case = case_by_id(session, actor, case_id)
    errors: dict[str, str] = {}
    ended = require_date(errors, "ended_on", ended_on)
    told = require_date(errors, "notice_sent_on", notice_sent_on)
    notice_sent = case.suspension_notice_sent
    if notice_sent is None:
        errors[""] = N_("Leg eerst vast wanneer de verzoeker over de opschorting is bericht.")
    if errors or notice_sent is None:
        raise Invalid(errors)
    try:
        suspended_days(case.received, postponed=case.postponed, suspensions=[(notice_sent, ended)])
    except ValueError as error:
        raise Invalid({"ended_on": error.args[0]}) from None
    case.suspension_ended, case.suspension_end_notice_sent = ended, told
    case.extension_prolongs_suspension = prolongs
    details = {"ended_on": ended, "notice_sent_on": told, "extension_prolongs_suspension": prolongs}
    return _save(session, case, actor, "requester.suspension_end_notice_sent", details)


def _save(session: Session, case: Case, actor: Actor, kind: str, details: dict[str, Any]) -> Case:
    case.decision_deadline = decision_deadline_of(case)
    case.updated_at = clock.now()
    details["decision_deadline"] = case.decision_deadline
    audit.record(session, actor, kind, case=case, **details)
    session.commit()
    return case


def extensions_granted(session: Session, case: Case) -> int:
    """How many invitations got a later deadline, for the decision paragraph."""
    return len(
        set(
            session.exec(
                case_invitations(ExtensionRequest.invitation_id, case_id=case.id)
                .join(ExtensionRequest, col(ExtensionRequest.invitation_id) == Invitation.id)
                .where(col(ExtensionRequest.status) == ExtensionStatus.TOEGEKEND)
            )
        )
    )
