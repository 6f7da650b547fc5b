"""How far a case is, for the overview on the case page and the next step it marks (domain.case_steps)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col

from zienswijze.db import Case, ConsultationRound, Document, Stakeholder
from zienswijze.db.queries import count_of
from zienswijze.domain import weighing as rules
from zienswijze.domain.case_steps import CaseProgress, Step, next_step
from zienswijze.services import decision_gate, weighing_items


@dataclass(frozen=True)
class Standing:
    progress: CaseProgress
    weighing: rules.Progress
    step: Step


def standing(session: Session, case: Case, today: date) -> Standing:
    """Reads only; the weighing and what the decision waits for are only read once a round was started."""
    rounds = count_of(session, col(ConsultationRound.case_id) == case.id)
    pending = decision_gate.pending_count(session, case, today) if rounds else 0
    weighed = weighing_items.progress(session, case) if rounds else rules.Progress(0, 0)
    progress = CaseProgress(
        documents=count_of(session, col(Document.case_id) == case.id),
        stakeholders=count_of(session, col(Stakeholder.case_id) == case.id),
        rounds=rounds,
        views_pending=pending,
        to_weigh=weighed.remaining,
        decided=case.decision_date is not None,
    )
    return Standing(progress, weighed, next_step(progress))
