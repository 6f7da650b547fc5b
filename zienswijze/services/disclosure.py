"""Per document: was a view asked, how was it weighed, and from when may it be disclosed (Woo art. 4.4 lid 5)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from zienswijze.db import Case, DecisionNotice, Document, Invitation
from zienswijze.db.queries import case_invitations, documents_by_stakeholder, documents_of
from zienswijze.domain import notices as notice_rules
from zienswijze.domain import weighing as rules
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.outcome import Outcome
from zienswijze.domain.responses import WeighingOutcome
from zienswijze.domain.text import N_
from zienswijze.services import outcomes, weighing_items

OBJECTIONS = frozenset({rules.Subject.BEZWAAR, rules.Subject.EXTRA_LAKKING})


@dataclass(frozen=True)
class DocumentDisclosure:
    document: Document
    final: Outcome  # the proposal as the weighing changed it (domain.outcome)
    view_asked: bool
    outcome: str  # Dutch summary of the weighing, "" when no view was asked
    held: bool  # a stakeholder it concerns may object: disclosure waits for their notice (Woo art. 4.4 lid 5)
    disclosure: date | None  # None: not disclosed, not yet decided, or blocked by a provisional measure
    held_back: bool  # disclosure waits today (Opgeschort)

    @property
    def disclosed(self) -> bool:
        return self.final.disclosed


def _summary(items: list[weighing_items.Item]) -> str:
    """The consultation's outcome for the inventory; a consent to disclose is never called an objection."""
    if not items:
        return ""
    if any(i.weighing.outcome is None and i.subject not in rules.OPTIONAL for i in items):
        return N_("nog niet gewogen")
    objections = {i.weighing.outcome for i in items if i.subject in OBJECTIONS}
    if objections == {WeighingOutcome.GEHONOREERD}:
        return N_("bezwaar gehonoreerd")
    if objections == {WeighingOutcome.NIET_GEHONOREERD}:
        return N_("bezwaar niet gehonoreerd")
    if objections:
        return N_("bezwaar deels gehonoreerd")
    if any(i.subject is rules.Subject.TOESTEMMING for i in items):
        return N_("toestemming voor openbaarmaking")
    return N_("geen zienswijze")


def plan(
    session: Session,
    case: Case,
    today: date,
    overview: weighing_items.Overview | None = None,
    window: tuple[int, int] | None = None,
) -> list[DocumentDisclosure]:
    """Every document of the case in inventory order, with its consultation and disclosure facts; or only
    a page of them (``window``: offset and limit), whose outcomes alone are worked out."""
    overview = overview or weighing_items.overview(session, case)
    concerned = documents_by_stakeholder(session, case.id)
    per_document: dict[int, list[weighing_items.Item]] = defaultdict(list)
    for item in overview.items:
        # A stakeholder without a view is weighed for every document that concerns them.
        targets = [item.document.id] if item.document is not None else concerned[item.stakeholder.id]
        for document_id in targets:
            per_document[document_id].append(item)
    asked = _invited_documents(session, case, concerned)
    documents = documents_of(session, case.id, window=window)
    final = outcomes.of_case(session, case, overview, documents if window else None)
    notices = notice_facts(session, case)
    result = []
    for document in documents:
        items = per_document.get(document.id, [])
        waiting_for = {i.stakeholder.id for i in items if _requires_hold(i)}
        held = bool(waiting_for)
        disclosed = final[document.id].disclosed
        when = (
            rules.disclosure_date(
                case.announced_date,
                held=held,
                held_until=notice_rules.hold_end(notices.get(s) for s in waiting_for) if held else None,
                provisional_measure=document.provisional_measure_pending,
            )
            if disclosed
            else None
        )
        outcome = _summary(items) or ("geen bezwaar" if document.id in asked else "")
        result.append(
            DocumentDisclosure(
                document,
                final[document.id],
                document.id in asked,
                outcome,
                held,
                when,
                disclosed
                and rules.held_back(today, when, held=held, provisional_measure=document.provisional_measure_pending),
            )
        )
    return result


def _requires_hold(item: weighing_items.Item) -> bool:
    return notice_rules.requires_hold(
        responded=item.subject is not rules.Subject.GEEN_ZIENSWIJZE,
        objection_not_honoured=rules.holds_disclosure(item.subject, item.weighing.outcome),
        no_objection_expected=item.stakeholder.no_objection_expected,
    )


def notice_facts(session: Session, case: Case) -> dict[int, notice_rules.NoticeFacts]:
    """Per stakeholder, when their decision notice reached them and whether it bounced."""
    return {
        notice.stakeholder_id: notice_rules.NoticeFacts(notice.reached_on, notice.bounced)
        for notice in session.exec(select(DecisionNotice).where(DecisionNotice.case_id == case.id))
    }


def _invited_documents(session: Session, case: Case, concerned: dict[int, set[int]]) -> set[int]:
    """Documents of stakeholders who were invited, whatever they answered."""
    invited = session.exec(
        case_invitations(Invitation.stakeholder_id, case_id=case.id).where(
            Invitation.state != InvitationState.INGETROKKEN
        )
    ).all()
    return {d for stakeholder_id in invited for d in concerned[stakeholder_id]}
