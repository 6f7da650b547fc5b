"""Per document: was a view asked, how was it weighed, and from when may it be disclosed (Woo art. 4.4 lid 5)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from zienswijze.db import Case, Document, Invitation
from zienswijze.db.queries import case_invitations, documents_by_stakeholder, documents_of
from zienswijze.domain import weighing as rules
from zienswijze.domain.cases import Assessment
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.responses import WeighingOutcome
from zienswijze.services import weighing

DISCLOSED = frozenset({Assessment.OPENBAAR, Assessment.DEELS_OPENBAAR})


@dataclass(frozen=True)
class DocumentDisclosure:
    document: Document
    view_asked: bool
    outcome: str  # Dutch summary of the weighing, "" when no view was asked
    held: bool  # an objection or request about it was not (fully) honoured
    disclosure: date | None  # None: not disclosed, not yet decided, or blocked by a provisional measure
    held_back: bool  # disclosure waits today (Opgeschort)

    @property
    def disclosed(self) -> bool:
        return self.document.assessment in DISCLOSED


def _summary(items: list[weighing.Item]) -> str:
    if not items:
        return ""
    if any(i.weighing.outcome is None for i in items):
        return "nog niet gewogen"
    if all(i.subject is rules.Subject.GEEN_ZIENSWIJZE for i in items):
        return "geen zienswijze"
    outcomes = {i.weighing.outcome for i in items if i.subject is not rules.Subject.GEEN_ZIENSWIJZE}
    if outcomes == {WeighingOutcome.GEHONOREERD}:
        return "bezwaar gehonoreerd"
    if WeighingOutcome.NIET_GEHONOREERD in outcomes and len(outcomes) == 1:
        return "bezwaar niet gehonoreerd"
    return "bezwaar deels gehonoreerd"


def plan(
    session: Session, case: Case, today: date, overview: weighing.Overview | None = None
) -> list[DocumentDisclosure]:
    """Every document of the case in inventory order, with its consultation and disclosure facts."""
    overview = overview or weighing.overview(session, case)
    concerned = documents_by_stakeholder(session, case.id)
    per_document: dict[int, list[weighing.Item]] = defaultdict(list)
    for item in overview.items:
        # A stakeholder without a view is weighed for every document that concerns them.
        targets = [item.document.id] if item.document is not None else concerned[item.stakeholder.id]
        for document_id in targets:
            per_document[document_id].append(item)
    asked = _invited_documents(session, case, concerned)
    result = []
    for document in documents_of(session, case.id):
        items = per_document.get(document.id, [])
        held = any(rules.holds_disclosure(i.subject, i.weighing.outcome) for i in items)
        disclosed = document.assessment in DISCLOSED
        when = (
            rules.disclosure_date(
                case.announced_date, held=held, provisional_measure=document.provisional_measure_pending
            )
            if disclosed
            else None
        )
        outcome = _summary(items) or ("geen bezwaar" if document.id in asked else "")
        result.append(
            DocumentDisclosure(
                document,
                document.id in asked,
                outcome,
                held,
                when,
                disclosed
                and rules.held_back(today, when, held=held, provisional_measure=document.provisional_measure_pending),
            )
        )
    return result


def _invited_documents(session: Session, case: Case, concerned: dict[int, set[int]]) -> set[int]:
    """Documents of stakeholders who were invited, whatever they answered."""
    invited = session.exec(
        case_invitations(Invitation.stakeholder_id, case_id=case.id).where(
            Invitation.state != InvitationState.INGETROKKEN
        )
    ).all()
    return {d for stakeholder_id in invited for d in concerned[stakeholder_id]}
