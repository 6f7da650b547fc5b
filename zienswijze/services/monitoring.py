"""What /metrics reports from the database, read at each scrape: mail by state, invitations by state, job runs.

Counted in the database rather than in the process, so every web instance reports the same figures,
whichever process sent the mail or ran the job.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from zienswijze.db import Invitation, JobRun, OutboxMessage
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.mail_delivery import OutboxState


@dataclass(frozen=True)
class Snapshot:
    outbox: dict[OutboxState, int]  # every state, zero when none
    invitations: dict[InvitationState, int]
    jobs: list[JobRun]


def snapshot(session: Session) -> Snapshot:
    outbox = dict.fromkeys(OutboxState, 0)
    for state, count in session.exec(select(OutboxMessage.state, func.count()).group_by(col(OutboxMessage.state))):
        outbox[OutboxState(state)] = count
    invitations = dict.fromkeys(InvitationState, 0)
    for invitation_state, count in session.exec(select(Invitation.state, func.count()).group_by(col(Invitation.state))):
        invitations[InvitationState(invitation_state)] = count
    jobs = list(session.exec(select(JobRun).order_by(col(JobRun.name))))
    return Snapshot(outbox, invitations, jobs)
