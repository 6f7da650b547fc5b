"""The decision (besluit) over the API: its dates, after which every stakeholder concerned is told."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from zienswijze import clock
from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.fields import Day, RequestBody
from zienswijze.api.openapi import operation
from zienswijze.api.problems import ApiProblem, from_invalid
from zienswijze.api.schemas import OutcomeOut, WaitingInvitation, outcome_out
from zienswijze.db.session import get_session
from zienswijze.services import decision as decision_service
from zienswijze.services import disclosure
from zienswijze.services.decision_gate import ViewsPending

TAG = "besluit"


class DecisionCreate(RequestBody):
    decided_on: Day = Field(description="The date of the decision.")
    announced_on: Day = Field(
        description="The day it was made known; the disclosure hold and objection term run from it."
    )
    override_reason: str | None = Field(
        None,
        max_length=decision_service.MAX_REASON,
        description=(
            "Only to decide while a stakeholder can still give a view (otherwise 409, listing whom the decision "
            "waits for). Kept in the audit trail; the decision paragraph says the decision was taken before every "
            "term had ended, 'omdat' this reason."
        ),
    )


class DocumentDisclosureOut(BaseModel):
    document_id: int
    number: int
    outcome: OutcomeOut = Field(description="The decision on the document, as the weighing made it.")
    disclosed: bool = Field(description="The decision discloses (part of) the document.")
    held: bool = Field(
        description="A stakeholder's objection or request was not (fully) honoured (Woo art. 4.4 lid 5)."
    )
    provisional_measure_pending: bool
    disclosure_date: dt.date | None = Field(description="The first day of disclosure; null while blocked.")


class DecisionOut(BaseModel):
    decided_on: dt.date
    announced_on: dt.date
    notices: int = Field(description="Decision notices queued, one per contact of each stakeholder concerned.")
    documents: list[DocumentDisclosureOut]


@bp.post("/cases/<int:case_id>/decision")
@operation(tag=TAG, body=DecisionCreate, response=(201, DecisionOut), problems=(404, 409))
def record_decision(case_id: int, body: DecisionCreate):
    """Record the decision once; a notice goes to every stakeholder whose information is disclosed.

    Refused (409) while a stakeholder can still give a view, unless ``override_reason`` says why not to wait.
    """
    session = get_session()
    case = own_case(case_id)
    try:
        notices = decision_service.record_decision(
            session,
            caller(),
            case_id=case.id,
            decided_on=body.decided_on,
            announced_on=body.announced_on,
            today=clock.today(),
            override_reason=body.override_reason or "",
        )
    except ViewsPending as refused:
        raise ApiProblem(
            409,
            " ".join(p.message for p in refused.pending),
            errors=from_invalid(refused).errors,
            waiting_for=[
                WaitingInvitation(
                    invitation_id=p.invitation.id,
                    stakeholder_id=p.stakeholder.id,
                    stakeholder_code=p.stakeholder.code,
                    stakeholder_name=p.stakeholder.name,
                    reason=p.why.value,
                    deadline=p.invitation.deadline,
                )
                for p in refused.pending
            ],
        ) from None
    plan = disclosure.plan(session, case, clock.today())
    return DecisionOut(
        decided_on=case.decision_date,
        announced_on=case.announced_date,
        notices=notices,
        documents=[
            DocumentDisclosureOut(
                document_id=row.document.id,
                number=row.document.number,
                outcome=outcome_out(row.final),
                disclosed=row.disclosed,
                held=row.held,
                provisional_measure_pending=row.document.provisional_measure_pending,
                disclosure_date=row.disclosure,
            )
            for row in plan
        ],
    )
