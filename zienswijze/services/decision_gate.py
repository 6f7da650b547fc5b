"""What the decision still waits for in a case: every invitation that can still get a view (domain.decision_gate)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col

from zienswijze.db import Case, ExtensionRequest, Invitation, Stakeholder
from zienswijze.db.queries import case_invitations
from zienswijze.domain.consultation import ExtensionStatus
from zienswijze.domain.decision_gate import InvitationFacts, Waiting, blocking
from zienswijze.domain.text import N_, Text
from zienswijze.services.errors import Conflict


@dataclass(frozen=True)
class Pending:
    """An invitation the decision waits for, and why."""

    invitation: Invitation
    stakeholder: Stakeholder
    why: Waiting

    @property
    def message(self) -> Text:
        name = self.stakeholder.name
        if self.why is Waiting.EXTENSION_REQUESTED:
            return N_("%(name)s heeft om verlenging gevraagd; daarover is nog niet beslist.", name=name)
        return N_(
            "%(name)s kan nog tot en met %(deadline)s een zienswijze geven.",
            name=name,
            deadline=self.invitation.deadline,
        )


class ViewsPending(Conflict):
    """The decision is refused while views can still come in; the handler may decide anyway, with a reason."""

    def __init__(self, pending: list[Pending]) -> None:
        super().__init__(
            {
                "override_reason": N_(
                    "Er kunnen nog zienswijzen binnenkomen. Wacht tot iedere termijn voorbij is en "
                    "over elk verzoek om verlenging is beslist, of geef de reden om nu al te besluiten."
                )
            }
        )
        self.pending = pending


def pending(session: Session, case: Case, today: date) -> list[Pending]:
    """Every invitation of every round of the case that still holds the decision back, by stakeholder code."""
    rows = session.exec(
        case_invitations(Invitation, Stakeholder, case_id=case.id)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .order_by(col(Stakeholder.code), col(Invitation.id))
    ).all()
    requested = _requested(session, case)
    facts = (((i, s), InvitationFacts(i.state, i.deadline, i.id in requested)) for i, s in rows)
    return [Pending(invitation, stakeholder, why) for (invitation, stakeholder), why in blocking(facts, today)]


def _requested(session: Session, case: Case) -> set[int]:
    """The invitations with an extension request not yet decided."""
    return set(
        session.exec(
            case_invitations(ExtensionRequest.invitation_id, case_id=case.id)
            .join(ExtensionRequest, col(ExtensionRequest.invitation_id) == Invitation.id)
            .where(ExtensionRequest.status == ExtensionStatus.AANGEVRAAGD)
        )
    )


def pending_count(session: Session, case: Case, today: date) -> int:
    """How many invitations hold the decision back, from their states and deadlines alone: the case page's count."""
    rows = session.exec(case_invitations(Invitation.id, Invitation.state, Invitation.deadline, case_id=case.id)).all()
    requested = _requested(session, case)
    facts = ((id_, InvitationFacts(state, deadline, id_ in requested)) for id_, state, deadline in rows)
    return len(blocking(facts, today))
