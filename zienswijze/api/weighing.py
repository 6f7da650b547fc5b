"""The weighing of interests (belangenafweging) over the API: the items of a case, and recording one."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from zienswijze import clock
from zienswijze.api.blueprint import bp, caller, own_case
from zienswijze.api.fields import PageQuery, RequestBody
from zienswijze.api.openapi import operation
from zienswijze.api.paging import Cursor
from zienswijze.db import Ground
from zienswijze.db.session import get_session
from zienswijze.db.weighing_rows import weighing_keys
from zienswijze.domain.limits import TextCap
from zienswijze.domain.responses import Channel, WeighingOutcome
from zienswijze.domain.weighing import Subject
from zienswijze.services import weighing as weighing_service
from zienswijze.services import weighing_items

TAG = "afweging"
_ITEMS: Cursor[weighing_items.Item] = Cursor(tuple[int, int, str, str, int], lambda item: item.sort_key)


class MarkedPassage(BaseModel):
    page: int = Field(ge=1)
    passage: str = Field(min_length=1, max_length=TextCap.PASSAGE)


class AttachmentOut(BaseModel):
    id: int = Field(description="Download at GET /cases/{case_id}/attachments/{id}.")
    filename: str


class WeighingItemOut(BaseModel):
    id: int = Field(description="The id to record the weighing with (PUT /weighing-items/{id}).")
    subject: Subject = Field(
        description="An objection, an extra-redaction request, a consent to disclose, or an invitation without a view."
    )
    invitation_id: int
    stakeholder_id: int
    stakeholder_code: str
    document_id: int | None
    document_number: int | None
    redaction_id: int | None
    page: int | None
    passage: str
    reasons: str
    requested_ground: str | None = Field(description="The ground a stakeholder named for an extra redaction.")
    channel: Channel | None = Field(description="How the view was given; oral and written views per Awb 4:9.")
    contact_name: str = Field(description="Whom the stakeholder names to contact about the view.")
    contact_phone: str
    attachments: list[AttachmentOut]
    outcome: WeighingOutcome | None = Field(description="Null while not yet weighed.")
    ground: str | None
    interests: str
    motivation: str
    marked: list[MarkedPassage] = Field(description="The passages withheld by partly honouring the item.")
    weighed_at: dt.datetime | None


class WeighingOut(BaseModel):
    total: int
    remaining: int
    complete: bool = Field(description="Every item is weighed.")
    items: list[WeighingItemOut]
    next: str | None = Field(description="The next page of items, as in the Link header; null on the last page.")


class WeighingUpdate(RequestBody):
    outcome: WeighingOutcome
    motivation: str = Field(max_length=TextCap.LONG)
    interests: str = Field("", max_length=TextCap.LONG)
    ground: str = Field(
        "",
        max_length=TextCap.NAME,
        description="The exception ground applied, e.g. 5.1.2e; required unless not honoured.",
    )
    marked: list[MarkedPassage] = Field(
        default_factory=list, description="Partly honoured: the passages that are withheld (at least one)."
    )
    override_reason: str = Field(
        "",
        max_length=TextCap.SENTENCE,
        description="Only to weigh a missing view while the stakeholder can still give one (otherwise 409); audited.",
    )


@bp.get("/cases/<int:case_id>/weighing")
@operation(tag=TAG, query=PageQuery, response=(200, WeighingOut))
def get_weighing(case_id: int, query: PageQuery):
    """Every objection and extra-redaction request of the latest submitted views, and every missing view.

    The totals count every item; ``items`` is one page of them, by document, page and passage.
    """
    session, case = get_session(), own_case(case_id)
    progress = weighing_items.progress(session, case)
    keyset = _ITEMS.keyset(query)
    found = weighing_items.of_ids(session, case, [key[-1] for key in weighing_keys(session, case.id, keyset=keyset)])
    page = _ITEMS.page(found.items, keyset)
    return WeighingOut(
        total=progress.total,
        remaining=progress.remaining,
        complete=progress.complete,
        items=[_item_out(i, found.grounds) for i in page.items],
        next=page.next,
    ), page.headers


@bp.put("/weighing-items/<int:item_id>")
@operation(tag=TAG, body=WeighingUpdate, response=(200, WeighingItemOut), problems=(404, 409))
def record_weighing(item_id: int, body: WeighingUpdate):
    """Record the weighing of one item; the documents' outcomes follow from it. 409 once the decision is recorded.

    A stakeholder's missing view is weighed once none can come any more (409 before that, unless
    ``override_reason`` says why not to wait).
    """
    session = get_session()
    case = weighing_service.case_of_weighing(session, caller(), item_id)
    weighing_service.record(
        session,
        caller(),
        case_id=case.id,
        weighing_id=item_id,
        outcome=body.outcome.value,
        motivation=body.motivation,
        interests=body.interests,
        ground_code=body.ground,
        marked=[(m.page, m.passage) for m in body.marked],
        override_reason=body.override_reason,
        now=clock.now(),
    )
    return _item_out(*weighing_items.one(session, case, item_id))


def _item_out(item: weighing_items.Item, grounds: dict[int, Ground]) -> WeighingItemOut:
    row = item.weighing
    ground = grounds.get(row.ground_id) if row.ground_id else None
    return WeighingItemOut(
        id=item.id,
        subject=item.subject,
        invitation_id=item.invitation.id,
        stakeholder_id=item.stakeholder.id,
        stakeholder_code=item.stakeholder.code,
        document_id=item.document.id if item.document else None,
        document_number=item.document.number if item.document else None,
        redaction_id=item.redaction.id if item.redaction else None,
        page=item.page,
        passage=item.passage,
        reasons=item.response_item.reasons if item.response_item else "",
        requested_ground=item.asked_ground.code if item.asked_ground else None,
        channel=item.channel,
        contact_name=item.version.contact_name if item.version else "",
        contact_phone=item.version.contact_phone if item.version else "",
        attachments=[AttachmentOut(id=a.id, filename=a.filename) for a in item.attachments],
        outcome=row.outcome,
        ground=ground.code if ground else None,
        interests=row.interests,
        motivation=row.motivation,
        marked=[MarkedPassage(page=m.page, passage=m.passage) for m in item.marked],
        weighed_at=row.weighed_at,
    )
