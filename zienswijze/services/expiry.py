"""Expiry (SPEC §4 ``verlopen``): an open invitation whose deadline day has ended in Amsterdam.

Selected by state, so a run after days of downtime expires everything overdue at once. Each
invitation is claimed by an ``UPDATE … WHERE state = <the state seen>``: of two processes only the one
whose update changed the row records the event. Drafts are kept; the stakeholder's link already
turns read-only at the stored deadline.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from zienswijze.db import Case, Invitation
from zienswijze.db.queries import invitations_with_case
from zienswijze.domain.consultation import AWAITING_STATES, InvitationState, is_expired, transition
from zienswijze.domain.deadlines import deadline_moment
from zienswijze.domain.scheduling import amsterdam_date
from zienswijze.mail.queue import cancel_waiting
from zienswijze.services import audit
from zienswijze.services.context import Actor

ACTOR = Actor.system("scheduler")


def expire_overdue(session: Session, *, now: datetime) -> list[int]:
    """Makes every open invitation past its deadline ``verlopen``; returns the ids this run expired."""
    candidates = session.exec(
        select(col(Invitation.id), col(Invitation.state), col(Invitation.deadline))
        .where(col(Invitation.state).in_(AWAITING_STATES), col(Invitation.deadline) <= amsterdam_date(now))
        .order_by(col(Invitation.id))
    ).all()
    session.rollback()
    expired = []
    for invitation_id, state, deadline in candidates:
        if is_expired(deadline, now) and _expire(session, invitation_id, state, deadline, now=now):
            expired.append(invitation_id)
    return expired


def _expire(session: Session, invitation_id: int, state: InvitationState, deadline: date, *, now: datetime) -> bool:
    """One invitation in a transaction of its own; False when another process or action came first."""
    target = transition(state, InvitationState.VERLOPEN)
    changed = session.exec(
        update(Invitation)
        .where(
            col(Invitation.id) == invitation_id,
            col(Invitation.state) == state,
            col(Invitation.deadline) == deadline,
        )
        .values(state=target, closed_at=now),
        execution_options={"synchronize_session": False},
    ).rowcount
    if changed != 1:
        session.rollback()
        return False
    invitation, case = session.exec(invitations_with_case(Invitation, Case).where(Invitation.id == invitation_id)).one()
    # A reminder still waiting in the outbox must not reach the stakeholder after the deadline.
    withdrawn = cancel_waiting(session, invitation_id=invitation_id, kind="reminder", reason="uitnodiging verlopen")
    audit.record(
        session,
        ACTOR,
        "invitation.expired",
        case=case,
        invitation=invitation,
        **{"from": state.value},  # a keyword Python reserves
        deadline=deadline,
        deadline_moment=deadline_moment(deadline).isoformat(),
        reminders_withdrawn=withdrawn,
    )
    session.commit()
    return True
