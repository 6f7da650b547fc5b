"""Completion of a consultation round: every invitation final, one summary to the handler (SPEC §4, §5).

A round is claimed with ``UPDATE … SET completed_at WHERE completed_at IS NULL``; only the process
whose update changed the row queues the summary, so two schedulers send one. In the same transaction
the end of the suspension of the decision term (Woo art. 4.4 lid 3 and 4) is recorded on the case,
once no other round of the case is still running.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from sqlalchemy import Exists, exists, update
from sqlmodel import Session, col, select

from zienswijze.db import Case, ConsultationRound, ExtensionRequest, Invitation, Organisation, Stakeholder
from zienswijze.db.queries import case_invitations
from zienswijze.domain.consultation import FINAL_STATES, ExtensionStatus, InvitationState
from zienswijze.domain.deadlines import format_date_nl
from zienswijze.domain.scheduling import Outcome, amsterdam_date, suspension_end
from zienswijze.mail.links import case_url
from zienswijze.mail.queue import queue_to_handlers
from zienswijze.services import audit
from zienswijze.services.context import Actor

ACTOR = Actor.system("scheduler")
KIND = "round_complete"


def _has_open_invitation() -> Exists:
    return exists().where(col(Invitation.round_id) == ConsultationRound.id, col(Invitation.state).not_in(FINAL_STATES))


def complete_finished_rounds(session: Session, *, now: datetime, base_url: str) -> list[int]:
    """Completes every round whose invitations are all final; returns the ids of the rounds this run completed."""
    finished = session.exec(
        select(ConsultationRound.id)
        .where(
            col(ConsultationRound.completed_at).is_(None),
            exists().where(col(Invitation.round_id) == ConsultationRound.id),
            ~_has_open_invitation(),
        )
        .order_by(col(ConsultationRound.id))
    ).all()
    session.rollback()
    return [round_id for round_id in finished if _complete(session, round_id, now=now, base_url=base_url)]


def _complete(session: Session, round_id: int, *, now: datetime, base_url: str) -> bool:
    """One round in a transaction of its own; False when another process completed it first."""
    claimed = session.exec(
        update(ConsultationRound)
        .where(
            col(ConsultationRound.id) == round_id,
            col(ConsultationRound.completed_at).is_(None),
            ~_has_open_invitation(),
        )
        .values(completed_at=now),
        execution_options={"synchronize_session": False},
    ).rowcount
    if claimed != 1:
        session.rollback()
        return False
    round_ = session.get_one(ConsultationRound, round_id, populate_existing=True)
    case = session.exec(select(Case).where(Case.id == round_.case_id).with_for_update()).one()
    organisation = session.get(Organisation, case.organisation_id)
    rows = session.exec(
        select(Invitation, Stakeholder)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .where(Invitation.round_id == round_id)
        .order_by(col(Stakeholder.code), col(Stakeholder.id))
    ).all()
    counts = Counter(invitation.state for invitation, _ in rows)
    before = case.suspension_ended
    ended = _suspension_ended(session, case)
    if ended is not None:
        case.suspension_ended = ended
    context = {
        "organisation": organisation,
        "case": case,
        "round": round_,
        "counts": [(state.value, counts[state]) for state in InvitationState if counts[state]],
        "outcomes": [_outcome_line(invitation, stakeholder) for invitation, stakeholder in rows],
        "suspension_ended": format_date_nl(ended) if ended else None,
        "case_url": case_url(base_url, case),
    }
    mails = queue_to_handlers(
        session,
        case=case,
        subject=f"Consultatieronde {round_.number} afgerond ({case.reference})",
        template="round_complete",
        context=context,
        kind=KIND,
    )
    audit.record(
        session,
        ACTOR,
        "round.completed",
        case=case,
        round=round_.number,
        counts={state.value: number for state, number in counts.items()},
        suspension_ended={"from": before, "to": case.suspension_ended},
        extension_prolongs_suspension=case.extension_prolongs_suspension,
        mails=mails,
    )
    session.commit()
    return True


def _suspension_ended(session: Session, case: Case) -> date | None:
    """The end of the suspension over every round of the case, or None while one still runs."""
    rounds = session.exec(select(ConsultationRound).where(ConsultationRound.case_id == case.id)).all()
    if any(round_.completed_at is None for round_ in rounds):
        return None
    extended = set(
        session.exec(
            case_invitations(ExtensionRequest.invitation_id, case_id=case.id)
            .join(ExtensionRequest, col(ExtensionRequest.invitation_id) == Invitation.id)
            .where(ExtensionRequest.status == ExtensionStatus.TOEGEKEND)
        )
    )
    ends = []
    for round_ in rounds:
        invitations = session.exec(select(Invitation).where(Invitation.round_id == round_.id)).all()
        outcomes = [
            Outcome(
                state=invitation.state,
                deadline=invitation.deadline,
                submitted_on=amsterdam_date(invitation.submitted_at) if invitation.submitted_at else None,
                extended=invitation.id in extended,
            )
            for invitation in invitations
        ]
        ends.append(
            suspension_end(
                outcomes, original_deadline=round_.deadline, extension_prolongs=case.extension_prolongs_suspension
            )
        )
    return max((end for end in ends if end is not None), default=None)


def _outcome_line(invitation: Invitation, stakeholder: Stakeholder) -> dict[str, str | None]:
    """What the summary says about one stakeholder: how the invitation ended, and on which day."""
    if invitation.state is InvitationState.INGEDIEND and invitation.submitted_at:
        day = format_date_nl(amsterdam_date(invitation.submitted_at), weekday=False)
    elif invitation.state is InvitationState.VERLOPEN:
        day = format_date_nl(invitation.deadline, weekday=False)
    elif invitation.closed_at:
        day = format_date_nl(amsterdam_date(invitation.closed_at), weekday=False)
    else:
        day = None
    return {"name": stakeholder.name, "code": stakeholder.code, "state": invitation.state.value, "day": day}
