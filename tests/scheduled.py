"""A started consultation whose invitations are put in a given state and deadline, for the scheduler's jobs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from tests.consultation import ids, start_consultation
from zienswijze.db import AuditEvent, Invitation, OutboxMessage, Reminder
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState

MAILED = datetime(2024, 12, 16, 9, 0, tzinfo=UTC)


def consultation(app, *, deadline: date, state=InvitationState.VERZONDEN, mailed: datetime = MAILED) -> dict[str, int]:
    """Stakeholders S1 (two contacts) and S2 with their invitation mailed; returns invitation ids by code.

    The invitation mails queued by starting the round are marked sent, so the outbox holds only what
    the jobs add.
    """
    start_consultation(app)
    invitations = {code: ids(app, code)["invitation"] for code in ("S1", "S2")}
    with app.app_context(), new_session() as session:
        for invitation in session.exec(select(Invitation)):
            invitation.state, invitation.deadline, invitation.token_issued_at = state, deadline, mailed
            invitation.mailed_deadline = deadline
        for message in session.exec(select(OutboxMessage)):
            message.state = OutboxState.SENT
        session.commit()
    return invitations


def update_invitation(app, invitation_id: int, **values) -> None:
    with app.app_context(), new_session() as session:
        invitation = session.get(Invitation, invitation_id)
        for name, value in values.items():
            setattr(invitation, name, value)
        session.commit()


def state_of(app, invitation_id: int) -> InvitationState:
    with app.app_context(), new_session() as session:
        return session.get(Invitation, invitation_id).state


def queued(app, kind: str) -> list[OutboxMessage]:
    with app.app_context(), new_session() as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)))


def reminders_of(app, invitation_id: int) -> list[Reminder]:
    with app.app_context(), new_session() as session:
        return list(
            session.exec(select(Reminder).where(Reminder.invitation_id == invitation_id).order_by(Reminder.due_on))
        )


def events(app, kind: str) -> list[AuditEvent]:
    with app.app_context(), new_session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.kind == kind).order_by(AuditEvent.id)))
