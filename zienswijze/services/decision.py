"""The decision (besluit): its dates, the provisional measure that blocks disclosure, the notices.

Woo art. 4.4 lid 6: the decision goes at the same time to every stakeholder whose information is
disclosed, also to those who gave no view, with the disclosure date and the objection term.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from zienswijze import clock
from zienswijze.db import Case, Contact, Document, Organisation
from zienswijze.db.queries import documents_by_stakeholder
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.deadlines import format_date_nl, term_end
from zienswijze.mail.queue import cancel_waiting, queue_mail
from zienswijze.services import audit, decision_gate, disclosure, paragraph, requester_notices, weighing
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Invalid, NotFound, require_date

# The reason for deciding early goes into the decision paragraph: a sentence, not a memo.
MAX_REASON = 1000


def record_decision(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    decided_on: object,
    announced_on: object,
    today: date,
    override_reason: str = "",
) -> int:
    """Records the decision once and queues a notice per contact; returns how many notices were queued.

    Refused (ViewsPending) while a stakeholder can still give a view, unless the handler gives the
    reason to decide now; that reason is kept for the paragraph and the audit trail.
    """
    case = case_by_id(session, actor, case_id)
    errors: dict[str, str] = {}
    decided = require_date(errors, "decided_on", decided_on)
    announced = require_date(errors, "announced_on", announced_on)
    if decided and announced and announced < decided:
        errors["announced_on"] = "Het besluit kan niet bekend zijn gemaakt vóór de dag waarop het is genomen."
    if case.decision_date is not None:
        errors[""] = "Het besluit in deze zaak is al vastgelegd; de belanghebbenden zijn al bericht."
    reason = override_reason.strip()
    if len(reason) > MAX_REASON:
        errors["override_reason"] = f"De reden mag hoogstens {MAX_REASON} tekens lang zijn."
    if errors or decided is None or announced is None:
        raise Invalid(errors)
    waiting = decision_gate.pending(session, case, today)
    if waiting and not reason:
        raise decision_gate.ViewsPending(waiting)
    case.decision_date, case.announced_date = decided, announced
    case.early_decision_reason = reason if waiting else None
    for still_open in waiting:  # a reminder would ask for a view that is no longer taken
        cancel_waiting(session, invitation_id=still_open.invitation.id, kind="reminder", reason="besluit genomen")
    case.status, case.updated_at = CaseStatus.BESLUIT_GENOMEN, clock.now()
    session.flush()
    sent = _queue_notices(session, case, decided, announced, today)
    audit.record(
        session,
        actor,
        "decision.recorded",
        case=case,
        decided_on=decided,
        announced_on=announced,
        notices=sent,
        override_reason=case.early_decision_reason,
        waiting_for=[{"stakeholder": p.stakeholder.code, "why": p.why.value} for p in waiting],
    )
    session.commit()
    return sent


def set_provisional_measure(
    session: Session, actor: Actor, *, case_id: int, document_id: int, pending: bool
) -> Document:
    """Awb 8:81: while a provisional measure is pending, the document it concerns is not disclosed."""
    case = case_by_id(session, actor, case_id)
    document = session.get(Document, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound(f"document {document_id}")
    document.provisional_measure_pending = pending
    kind = "provisional_measure.pending" if pending else "provisional_measure.lifted"
    audit.record(session, actor, kind, case=case, document=document.number)
    session.commit()
    return document


def _queue_notices(session: Session, case: Case, decided: date, announced: date, today: date) -> int:
    """One notice per contact of each stakeholder with a disclosed document, whether or not they answered."""
    plan = {p.document.id: p for p in disclosure.plan(session, case, today) if p.disclosed}
    documents: dict[int, list[disclosure.DocumentDisclosure]] = {}
    for stakeholder_id, document_ids in documents_by_stakeholder(session, case.id).items():
        disclosed = [plan[document_id] for document_id in document_ids if document_id in plan]
        if disclosed:
            documents[stakeholder_id] = disclosed
    organisation = session.get(Organisation, case.organisation_id)
    objection_end = term_end(announced, weeks=6)
    count = 0
    for contact in session.exec(
        select(Contact).where(col(Contact.stakeholder_id).in_(list(documents))).order_by(col(Contact.id))
    ):
        rows = sorted(documents[contact.stakeholder_id], key=lambda p: p.document.number)
        context = {
            "organisation": organisation,
            "case": case,
            "decided": format_date_nl(decided, weekday=False),
            "announced": format_date_nl(announced, weekday=False),
            "objection_end": format_date_nl(objection_end, weekday=False),
            "rows": [(p, format_date_nl(p.disclosure, weekday=False) if p.disclosure else None) for p in rows],
        }
        queue_mail(
            session,
            organisation_id=case.organisation_id,
            to=contact.email,
            subject=f"Besluit op het Woo-verzoek ({case.reference})",
            template="decision_notice",
            context=context,
            kind="decision_notice",
            case_id=case.id,
        )
        count += 1
    return count


@dataclass(frozen=True)
class Overview:
    """What the decision page shows: the requester's letters, disclosure per document, the paragraph."""

    suspended_letter: requester_notices.Letter
    resumed_letter: requester_notices.Letter
    suggested_end: date | None
    plan: list[disclosure.DocumentDisclosure]
    paragraph: str
    complete: bool
    pending: list[decision_gate.Pending]  # what the decision still waits for


def overview(session: Session, case: Case, today: date) -> Overview:
    current = weighing.overview(session, case)
    return Overview(
        requester_notices.letter(session, case, requester_notices.SUSPENDED, today),
        requester_notices.letter(session, case, requester_notices.RESUMED, today),
        requester_notices.suggested_end(session, case),
        disclosure.plan(session, case, today, current),
        paragraph.text(session, case),
        current.progress.complete,
        [] if case.decision_date else decision_gate.pending(session, case, today),
    )
