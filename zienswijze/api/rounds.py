"""Consultation rounds: one sending of invitations, with its term and extension policy."""

from __future__ import annotations

from zienswijze import clock
from zienswijze.api.blueprint import bp, caller, links, own_case
from zienswijze.api.invitations import invitations_of
from zienswijze.api.openapi import operation
from zienswijze.api.problems import invalid
from zienswijze.api.schemas import InvitationOut, RoundCreate, RoundOut, TermPreviewOut
from zienswijze.db import ConsultationRound
from zienswijze.db.queries import rounds_of
from zienswijze.db.session import get_session
from zienswijze.services import rounds as round_service

TAG = "rondes"


@bp.post("/cases/<int:case_id>/rounds")
@operation(tag=TAG, body=RoundCreate, response=(201, RoundOut))
def start_round(case_id: int, body: RoundCreate):
    """Start a round: one invitation per stakeholder, their mails queued in the outbox in the same transaction."""
    session = get_session()
    case = own_case(case_id)
    round_ = round_service.start_round(session, caller(), case_id=case.id, settings=_settings(body), links=links())
    return _round_out(round_, invitations_of(session, case.id, round_id=round_.id))


@bp.post("/cases/<int:case_id>/rounds/preview")
@operation(tag=TAG, body=RoundCreate, response=(200, TermPreviewOut))
def preview_round(case_id: int, body: RoundCreate):
    """The deadline a round would get and how it follows from the Algemene termijnenwet; nothing is sent."""
    preview = round_service.preview_term(
        get_session(), case=own_case(case_id), settings=_settings(body), today=clock.today()
    )
    return TermPreviewOut(
        term_start=preview.term_start,
        term_days=preview.term_days,
        deadline=preview.deadline,
        deadline_explanation=preview.explanation,
    )


@bp.get("/cases/<int:case_id>/rounds")
@operation(tag=TAG, response=(200, list[RoundOut]))
def list_rounds(case_id: int):
    """The case's rounds in the order they were sent, each with its invitations."""
    session = get_session()
    case = own_case(case_id)
    invitations = invitations_of(session, case.id)
    return [_round_out(r, [i for i in invitations if i.round_id == r.id]) for r in rounds_of(session, case.id)]


def _settings(body: RoundCreate) -> round_service.RoundSettings:
    if body.term_days is not None and body.deadline is not None:
        raise invalid([("deadline", "Kies een termijn in dagen of een uiterste datum, niet allebei.")])
    allow = body.allow_extensions if body.allow_extensions is not None else body.extension_max_days > 0
    return round_service.RoundSettings(
        stakeholder_ids=body.stakeholder_ids,
        term_days=body.term_days,
        deadline=body.deadline,
        allow_extensions=allow,
        max_extension_days=body.extension_max_days,
        auto_grant_extensions=body.auto_grant_extensions,
        verify_email=body.verify_email,
        note=body.note,
        extension_reason=body.extension_reason,
    )


def _round_out(round_: ConsultationRound, invitations: list[InvitationOut]) -> RoundOut:
    return RoundOut(
        id=round_.id,
        number=round_.number,
        deadline=round_.deadline,
        deadline_explanation=round_.deadline_explanation,
        term_days=round_.term_days,
        allow_extensions=round_.allow_extensions,
        extension_max_days=round_.max_extension_days,
        auto_grant_extensions=round_.auto_grant_extensions,
        extension_reason=round_.extension_reason,
        invitations=invitations,
    )
