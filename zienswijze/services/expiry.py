"""Expiry (SPEC §4 ``verlopen``): an open invitation whose deadline day has ended in Amsterdam.

Selected by state, so a run after days of downtime expires everything overdue at once. Each
invitation is claimed by an ``UPDATE … WHERE state = <the state seen>``: of two processes only the one
whose update changed the row records the event. Drafts are kept; the stakeholder's link already
turns read-only at the stored deadline.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from zienswijze.db import Case, ConsultationRound, Invitation
from zienswijze.domain.consultation import InvitationState, transition
from zienswijze.domain.deadlines import deadline_moment
from zienswijze.domain.scheduling import OPEN_STATES, amsterdam_date, is_expired
from zienswijze.mail.queue import cancel_waiting
from zienswijze.services import audit

ACTOR = "scheduler"


def expire_overdue(session: Session, *, now: datetime) -> list[int]:
    """Makes every open invitation past its deadline ``verlopen``; returns the ids this run expired."""
    candidates = session.exec(
        select(Invitation.id, Invitation.state, Invitation.deadline, Invitation.round_id)
        .where(Invitation.state.in_(OPEN_STATES), Invitation.deadline <= amsterdam_date(now))
        .order_by(Invitation.id)
    ).all()
    session.rollback()
    expired = []
    for invitation_id, state, deadline, round_id in candidates:
        if is_expired(deadline, now) and _expire(session, invitation_id, state, deadline, round_id, now=now):
            expired.append(invitation_id)
    return expired


def _expire(
    session: Session, invitation_id: int, state: InvitationState, deadline: date, round_id: int, *, now: datetime
) -> bool:
    """One invitation in a transaction of its own; False when another process or action came first."""
    target = transition(state, InvitationState.VERLOPEN)
    changed = session.exec(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.state == state, Invitation.deadline == deadline)
        .values(state=target, closed_at=now),
        execution_options={"synchronize_session": False},
    ).rowcount
    if changed != 1:
        session.rollback()
        return False
    organisation_id, case_id = session.exec(
        select(Case.organisation_id, Case.id)
        .join(ConsultationRound, ConsultationRound.case_id == Case.id)
        .where(ConsultationRound.id == round_id)
    ).one()
    # A reminder still waiting in the outbox must not reach the stakeholder after the deadline.
    withdrawn = cancel_waiting(session, invitation_id=invitation_id, kind="reminder", reason="uitnodiging verlopen")
    audit.record(
        session,
        organisation_id=organisation_id,
        actor=ACTOR,
        kind="invitation.expired",
        case_id=case_id,
        invitation_id=invitation_id,
        details={
            "from": state.value,
            "deadline": deadline,
            "deadline_moment": deadline_moment(deadline).isoformat(),
            "reminders_withdrawn": withdrawn,
        },
    )
    session.commit()
    return True
