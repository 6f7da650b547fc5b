"""Stakeholders (derde-belanghebbenden) of a case, their addresses and the documents that concern them."""

from __future__ import annotations

from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.openapi import operation
from zienswijze.api.schemas import ConcernsUpdate, ContactOut, StakeholderCreate, StakeholderOut
from zienswijze.db import Case
from zienswijze.db.queries import StakeholderView, documents_of, stakeholders_of
from zienswijze.db.session import get_session
from zienswijze.services import stakeholders as stakeholder_service

TAG = "belanghebbenden"


@bp.post("/cases/<int:case_id>/stakeholders")
@operation(tag=TAG, body=StakeholderCreate, response=(201, StakeholderOut))
def add_stakeholder(case_id: int, body: StakeholderCreate):
    """Add a stakeholder with one or more e-mail addresses and the documents that concern them."""
    case = own_case(case_id)
    stakeholder = stakeholder_service.add_stakeholder(
        get_session(),
        caller(),
        case_id=case.id,
        name=body.name,
        kind=body.kind,
        emails=body.email,
        document_ids=body.document_ids,
    )
    return _one(case, stakeholder.id)


@bp.get("/cases/<int:case_id>/stakeholders")
@operation(tag=TAG, response=(200, list[StakeholderOut]))
def list_stakeholders(case_id: int):
    """The case's stakeholders in the order they were added."""
    return _all(own_case(case_id))


@bp.put("/cases/<int:case_id>/stakeholders/<int:stakeholder_id>/documents")
@operation(tag=TAG, body=ConcernsUpdate, response=(200, StakeholderOut))
def set_documents(case_id: int, stakeholder_id: int, body: ConcernsUpdate):
    """Replace the documents that concern a stakeholder: the only ones their invitation shows."""
    case = own_case(case_id)
    stakeholder_service.set_concerns(
        get_session(), caller(), case_id=case.id, stakeholder_id=stakeholder_id, document_ids=body.document_ids
    )
    return _one(case, stakeholder_id)


def _all(case: Case) -> list[StakeholderOut]:
    session = get_session()
    document_ids = {document.number: document.id for document in documents_of(session, case.id)}
    return [_out(view, document_ids) for view in stakeholders_of(session, case.id)]


def _one(case: Case, stakeholder_id: int) -> StakeholderOut:
    return next(s for s in _all(case) if s.id == stakeholder_id)


def _out(view: StakeholderView, document_ids: dict[int, int]) -> StakeholderOut:
    return StakeholderOut(
        id=view.stakeholder.id,
        code=view.stakeholder.code,
        name=view.stakeholder.name,
        kind=view.stakeholder.kind,
        emails=[contact.email for contact in view.contacts],
        contacts=[ContactOut(id=contact.id, email=contact.email) for contact in view.contacts],
        document_ids=[document_ids[number] for number in view.document_numbers],
    )
