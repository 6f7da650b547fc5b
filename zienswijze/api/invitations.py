"""Invitations (uitnodigingen): their live state, and what a handler does with one."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from zienswijze.api.blueprint import bp, caller, links, own_case
from zienswijze.api.openapi import operation
from zienswijze.api.paging import Cursor
from zienswijze.api.schemas import AddressCorrection, ExtensionDecision, ExtensionOut, InvitationOut, InvitationQuery
from zienswijze.db import ExtensionRequest, Invitation, OutboxMessage
from zienswijze.db.invitation_rows import InvitationRow, invitation_rows
from zienswijze.db.queries import case_invitations
from zienswijze.db.session import get_session
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.services import invitations as invitation_service

TAG = "uitnodigingen"
# Latest round first, by stakeholder name within a round; the id keeps two of the same name in one order.
_INVITATIONS: Cursor[InvitationRow] = Cursor(
    tuple[int, str, int], lambda row: (-row.round_number, row.stakeholder.name, row.invitation.id)
)


@bp.get("/cases/<int:case_id>/invitations")
@operation(tag=TAG, query=InvitationQuery, response=(200, list[InvitationOut]))
def list_invitations(case_id: int, query: InvitationQuery):
    """Every invitation of the case, latest round first: state, delivery, deadline and extension."""
    session = get_session()
    case = own_case(case_id)
    keyset = _INVITATIONS.keyset(query)
    page = _INVITATIONS.page(invitation_rows(session, case.id, keyset, state=query.state), keyset)
    return _outs(session, case.id, page.items), page.headers


@bp.post("/invitations/<int:invitation_id>/extension-decision")
@operation(tag=TAG, body=ExtensionDecision, response=(200, InvitationOut))
def decide_extension(invitation_id: int, body: ExtensionDecision):
    """Grant or refuse the open extension request, or grant one unasked (also after the deadline)."""
    invitation_service.decide_extension(
        get_session(),
        caller(),
        invitation_id=invitation_id,
        granted=body.granted,
        deadline=body.deadline,
        reason=body.reason,
    )
    return _one(invitation_id)


@bp.post("/invitations/<int:invitation_id>/revoke")
@operation(tag=TAG, response=(200, InvitationOut), problems=(404, 422))
def revoke(invitation_id: int):
    """Revoke the invitation; its link stops working at once."""
    invitation_service.revoke(get_session(), caller(), invitation_id=invitation_id)
    return _one(invitation_id)


@bp.post("/invitations/<int:invitation_id>/resend")
@operation(tag=TAG, response=(200, InvitationOut), problems=(404, 422))
def resend(invitation_id: int):
    """Mail a new link to every address of the stakeholder; the old link stops working."""
    invitation_service.resend(get_session(), caller(), invitation_id=invitation_id, links=links())
    return _one(invitation_id)


@bp.post("/invitations/<int:invitation_id>/correct-address")
@operation(tag=TAG, body=AddressCorrection, response=(200, InvitationOut))
def correct_address(invitation_id: int, body: AddressCorrection):
    """Correct one of the stakeholder's addresses (after a bounce) and mail them a new link."""
    invitation_service.correct_address(
        get_session(),
        caller(),
        invitation_id=invitation_id,
        contact_id=body.contact_id,
        email=body.email,
        links=links(),
    )
    return _one(invitation_id)


def invitations_of(
    session: Session, case_id: int, *, round_id: int | None = None, invitation_id: int | None = None
) -> list[InvitationOut]:
    """The case's invitations, or those of one round, or the one asked for."""
    return _outs(session, case_id, invitation_rows(session, case_id, round_id=round_id, invitation_id=invitation_id))


def _outs(session: Session, case_id: int, rows: list[InvitationRow]) -> list[InvitationOut]:
    """The rows' invitations in a fixed number of queries, however many there are."""
    ids = [row.invitation.id for row in rows]
    accepted = dict(
        session.exec(
            select(col(OutboxMessage.invitation_id), func.max(OutboxMessage.sent_at))
            .where(
                OutboxMessage.case_id == case_id,
                col(OutboxMessage.invitation_id).in_(ids),
                OutboxMessage.kind == "invitation",
                OutboxMessage.state == OutboxState.SENT,
            )
            .group_by(col(OutboxMessage.invitation_id))
        ).all()
    )
    extensions = {
        request.invitation_id: request
        for request in session.exec(
            case_invitations(ExtensionRequest, case_id=case_id)
            .join(ExtensionRequest, col(ExtensionRequest.invitation_id) == Invitation.id)
            .where(col(Invitation.id).in_(ids))
            .order_by(col(ExtensionRequest.id))
        )
    }
    return [
        InvitationOut(
            id=row.invitation.id,
            round_id=row.invitation.round_id,
            round_number=row.round_number,
            stakeholder_id=row.stakeholder.id,
            state=row.state,
            deadline=row.invitation.deadline,
            mail=row.mail_state,
            sent_at=accepted.get(row.invitation.id),
            opened_at=row.invitation.first_opened_at,
            submitted_at=row.invitation.submitted_at,
            extension=_extension_out(extensions.get(row.invitation.id)),
        )
        for row in rows
    ]


def _extension_out(request: ExtensionRequest | None) -> ExtensionOut | None:
    if request is None:
        return None
    return ExtensionOut(
        status=request.status, requested_until=request.requested_until, deadline=request.resulting_deadline
    )


def _one(invitation_id: int) -> InvitationOut:
    session = get_session()
    _invitation, _round, case = invitation_service.invitation_in_organisation(session, caller(), invitation_id)
    return invitations_of(session, case.id, invitation_id=invitation_id)[0]
