"""Woo requests (Woo-verzoeken): register, list, read and change them."""

from __future__ import annotations

import datetime as dt

from flask import url_for

from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.openapi import operation
from zienswijze.api.paging import Cursor
from zienswijze.api.schemas import CaseCreate, CaseList, CaseOut, CaseQuery, CaseSummaryOut, CaseUpdate
from zienswijze.db import Case
from zienswijze.db.queries import CaseSummary, case_summaries
from zienswijze.db.session import get_session
from zienswijze.services import cases as case_service

TAG = "zaken"
_CASES: Cursor[CaseSummary] = Cursor(tuple[int, dt.date, str, int], lambda summary: summary.urgency)


@bp.post("/cases")
@operation(tag=TAG, body=CaseCreate, response=(201, CaseOut), problems=())
def create_case(body: CaseCreate):
    """Register a Woo request; its decision deadline follows from the day it was received."""
    case = case_service.create_case(
        get_session(),
        caller(),
        reference=body.reference,
        subject=body.subject,
        received=body.received_on,
        requester_name=body.requester_name,
    )
    return case_out(case), {"Location": url_for("api.get_case", case_id=case.id)}


@bp.get("/cases")
@operation(tag=TAG, query=CaseQuery, response=(200, CaseList), problems=())
def list_cases(query: CaseQuery):
    """The organisation's Woo requests, most urgent first (nearest stakeholder or decision deadline)."""
    keyset = _CASES.keyset(query)
    summaries = case_summaries(
        get_session(),
        caller().organisation,
        search=query.q,
        status=query.status,
        reference=query.reference,
        keyset=keyset,
    )
    page = _CASES.page(summaries, keyset)
    return CaseList(cases=[_summary_out(summary) for summary in page.items], next=page.next), page.headers


@bp.get("/cases/<int:case_id>")
@operation(tag=TAG, response=(200, CaseOut))
def get_case(case_id: int):
    """One Woo request, with its decision deadline."""
    return case_out(own_case(case_id))


@bp.get("/cases/by-reference/<reference>")
@operation(tag=TAG, response=(200, CaseOut))
def get_case_by_reference(reference: str):
    """One Woo request, found by the reference the organisation gave it."""
    return case_out(case_service.case_by_reference(get_session(), caller(), reference))


@bp.patch("/cases/<int:case_id>")
@operation(tag=TAG, body=CaseUpdate, response=(200, CaseOut))
def update_case(case_id: int, body: CaseUpdate):
    """Change the fields given; the decision deadline is computed again."""
    changes = body.model_dump(exclude_unset=True)
    if "received_on" in changes:
        changes["received"] = changes.pop("received_on")
    case = case_service.update_case(get_session(), caller(), case_id=case_id, changes=changes)
    return case_out(case)


def case_out(case: Case) -> CaseOut:
    return CaseOut(
        id=case.id,
        reference=case.reference,
        subject=case.subject,
        received_on=case.received,
        requester_name=case.requester_name,
        status=case.status,
        postponed=case.postponed,
        decision_deadline=case_service.decision_deadline_of(case),
    )


def _summary_out(summary: CaseSummary) -> CaseSummaryOut:
    return CaseSummaryOut(
        **case_out(summary.case).model_dump(),
        open_invitations=summary.open_invitations,
        nearest_stakeholder_deadline=summary.nearest_deadline,
    )
