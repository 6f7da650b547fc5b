"""Stakeholders (derde-belanghebbenden) of a case, their addresses and the documents that concern them."""

from __future__ import annotations

from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.fields import PageQuery
from zienswijze.api.openapi import operation
from zienswijze.api.paging import Cursor
from zienswijze.api.schemas import ConcernsUpdate, ContactOut, StakeholderCreate, StakeholderOut
from zienswijze.db import Case
from zienswijze.db.queries import StakeholderView, stakeholders_of
from zienswijze.db.session import get_session
from zienswijze.services import stakeholders as stakeholder_service

TAG = "belanghebbenden"
_STAKEHOLDERS: Cursor[StakeholderView] = Cursor(tuple[int], lambda view: (view.stakeholder.id,))


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
@operation(tag=TAG, query=PageQuery, response=(200, list[StakeholderOut]))
def list_stakeholders(case_id: int, query: PageQuery):
    """The case's stakeholders in the order they were added."""
    keyset = _STAKEHOLDERS.keyset(query)
    page = _STAKEHOLDERS.page(stakeholders_of(get_session(), own_case(case_id).id, keyset), keyset)
    return [_out(view) for view in page.items], page.headers


@bp.put("/cases/<int:case_id>/stakeholders/<int:stakeholder_id>/documents")
@operation(tag=TAG, body=ConcernsUpdate, response=(200, StakeholderOut))
def set_documents(case_id: int, stakeholder_id: int, body: ConcernsUpdate):
    """Replace the documents that concern a stakeholder: the only ones their invitation shows."""
    case = own_case(case_id)
    stakeholder_service.set_concerns(
        get_session(), caller(), case_id=case.id, stakeholder_id=stakeholder_id, document_ids=body.document_ids
    )
    return _one(case, stakeholder_id)


def _one(case: Case, stakeholder_id: int) -> StakeholderOut:
    return _out(stakeholders_of(get_session(), case.id, stakeholder_id=stakeholder_id)[0])


def _out(view: StakeholderView) -> StakeholderOut:
    return StakeholderOut(
        id=view.stakeholder.id,
        code=view.stakeholder.code,
        name=view.stakeholder.name,
        kind=view.stakeholder.kind,
        emails=[contact.email for contact in view.contacts],
        contacts=[ContactOut(id=contact.id, email=contact.email) for contact in view.contacts],
        document_ids=view.document_ids,
    )
