"""The decision (besluit) over the API: its dates, after which every stakeholder concerned is told."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import current_app
from pydantic import BaseModel, Field

from zienswijze import clock
from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.documents import max_upload_bytes, upload_within_limit
from zienswijze.api.fields import Day, RequestBody, Upload
from zienswijze.api.openapi import operation
from zienswijze.api.problems import ApiProblem, from_invalid
from zienswijze.api.schemas import OutcomeOut, WaitingInvitation, outcome_out
from zienswijze.db.session import get_session
from zienswijze.domain.limits import TextCap
from zienswijze.services import decision as decision_service
from zienswijze.services import disclosure, notices
from zienswijze.services.decision_gate import ViewsPending

TAG = "besluit"


class DecisionCreate(RequestBody):
    decided_on: Day = Field(description="The date of the decision.")
    announced_on: Day = Field(
        description="The day it was made known; the disclosure hold and objection term run from it."
    )
    override_reason: str | None = Field(
        None,
        max_length=TextCap.SENTENCE,
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
    notices: int = Field(
        description="Notice mails queued, one per contact of each stakeholder concerned who agreed to e-mail;"
        " 0 until the decision letter is uploaded."
    )
    documents: list[DocumentDisclosureOut]


class DecisionLetterForm(RequestBody):
    file: Upload = Field(description="The signed decision letter as a PDF, checked by its content.")


class DecisionLetterOut(BaseModel):
    file_name: str
    sha256: str
    notices: int = Field(description="Notice mails queued now; 0 until the decision is recorded.")


@bp.post("/cases/<int:case_id>/decision")
@operation(tag=TAG, body=DecisionCreate, response=(201, DecisionOut), problems=(404, 409))
def record_decision(case_id: int, body: DecisionCreate):
    """Record the decision once; with its letter uploaded, a notice goes to every stakeholder whose
    information is disclosed.

    Refused (409) while a stakeholder can still give a view, unless ``override_reason`` says why not to wait.
    """
    session = get_session()
    case = own_case(case_id)
    try:
        queued = decision_service.record_decision(
            session,
            caller(),
            case_id=case.id,
            decided_on=body.decided_on,
            announced_on=body.announced_on,
            today=clock.today(),
            upload_dir=Path(current_app.config["UPLOAD_DIR"]),
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
        notices=queued,
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


@bp.put("/cases/<int:case_id>/decision/letter")
@operation(tag=TAG, form=DecisionLetterForm, response=(200, DecisionLetterOut))
def upload_decision_letter(case_id: int, form: DecisionLetterForm):
    """Upload the signed decision letter (multipart field `file`), before or after recording the decision;
    the notices go out, with it attached, once both exist."""
    session = get_session()
    case = own_case(case_id)
    sent = notices.upload_letter(
        session,
        caller(),
        case_id=case.id,
        data=upload_within_limit(form.file) or b"",
        file_name=form.file.filename,
        upload_dir=Path(current_app.config["UPLOAD_DIR"]),
        max_bytes=max_upload_bytes(),
        today=clock.today(),
    )
    return DecisionLetterOut(
        file_name=case.decision_letter_name or "", sha256=case.decision_letter_sha256 or "", notices=sent
    )
