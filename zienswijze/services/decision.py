"""The decision (besluit): its dates, the provisional measure that blocks disclosure, the notices.

Woo art. 4.4 lid 6: the decision goes at the same time to every stakeholder whose information is
disclosed, also to those who gave no view, with the disclosure date and the objection term; the
notices themselves are ``services.notices``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session

from zienswijze import clock
from zienswijze.db import Case, Document, Stakeholder
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.decision_paragraph import DETAILED
from zienswijze.domain.limits import TextCap, length_error
from zienswijze.domain.text import N_
from zienswijze.domain.weighing import Subject
from zienswijze.mail.queue import cancel_waiting
from zienswijze.services import (
    audit,
    decision_gate,
    notices,
    paragraph,
    requester_notices,
    weighing_items,
)
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict, Invalid, NotFound, require_date


def record_decision(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    decided_on: object,
    announced_on: object,
    today: date,
    upload_dir: Path,
    override_reason: str = "",
) -> int:
    """Records the decision once; with its letter uploaded, the notices go out. Returns how many mails were queued.

    Refused (ViewsPending) while a stakeholder can still give a view, unless the handler gives the
    reason to decide now; that reason is kept for the paragraph and the audit trail.
    """
    case = case_by_id(session, actor, case_id)
    errors: dict[str, str] = {}
    decided = require_date(errors, "decided_on", decided_on)
    announced = require_date(errors, "announced_on", announced_on)
    if decided and announced and announced < decided:
        errors["announced_on"] = N_("Het besluit kan niet bekend zijn gemaakt vóór de dag waarop het is genomen.")
    if case.decision_date is not None:
        errors[""] = N_("Het besluit in deze zaak is al vastgelegd; de belanghebbenden zijn al bericht.")
    reason = override_reason.strip()
    # The reason for deciding early goes into the decision paragraph: a sentence, not a memo.
    if too_long := length_error(reason, TextCap.SENTENCE):
        errors["override_reason"] = too_long
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
    sent = notices.send_when_ready(session, case, upload_dir=upload_dir, today=today)
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
    """Awb 8:81: while a provisional measure is pending, the document it concerns is not disclosed.

    It is asked against a decision, so none is pending before the decision is recorded.
    """
    case = case_by_id(session, actor, case_id)
    document = session.get(Document, document_id)
    if document is None or document.case_id != case.id:
        raise NotFound(f"document {document_id}")
    if pending and case.decision_date is None:
        raise Conflict(N_("Een voorlopige voorziening wordt tegen het besluit gevraagd; leg eerst het besluit vast."))
    document.provisional_measure_pending = pending
    kind = "provisional_measure.pending" if pending else "provisional_measure.lifted"
    audit.record(session, actor, kind, case=case, document=document.number)
    session.commit()
    return document


@dataclass(frozen=True)
class Overview:
    """What the decision page shows: the requester's letters, disclosure per document, the paragraph."""

    suspended_letter: requester_notices.Letter
    resumed_letter: requester_notices.Letter
    suggested_end: date | None
    weighing: weighing_items.Overview  # read once; the disclosure per document is worked out a page at a time
    paragraph: str  # in the form asked for
    complete: bool
    notices: list[notices.NoticeRow]
    silent: list[Stakeholder]  # consulted, gave no view: the hold waits for them unless no objection is expected
    pending: list[decision_gate.Pending]  # what the decision still waits for


def overview(session: Session, case: Case, today: date, paragraph_form: str = DETAILED) -> Overview:
    """Everything the page shows, from one reading of the weighing: a big case's takes a good part of a second."""
    current = weighing_items.overview(session, case)
    return Overview(
        requester_notices.letter(session, case, requester_notices.SUSPENDED, today),
        requester_notices.letter(session, case, requester_notices.RESUMED, today),
        requester_notices.suggested_end(session, case),
        current,
        paragraph.text(session, case, paragraph_form, current),
        current.progress.complete,
        notices.notices_of(session, case),
        list({i.stakeholder.id: i.stakeholder for i in current.items if i.subject is Subject.GEEN_ZIENSWIJZE}.values()),
        [] if case.decision_date else decision_gate.pending(session, case, today),
    )
