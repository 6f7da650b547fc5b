"""What a delivery result means: an audit event for every outcome, and for an invitation mail its state.

The outbox dispatcher calls this (as its ``on_results``, see ``recorder``) in the transaction that
records a batch's results, so the outbox, the invitation and the audit trail never disagree; nothing here
commits. An invitation is undeliverable (SPEC §4 ``onbestelbaar``) only when every mail that carries
its current link bounced, refused for good (see ``domain.mail_delivery``): a stakeholder with two
contacts, one of them a wrong address, still got the invitation through the other one; and a mail
given up after temporary refusals leaves its invitation open, as its address may yet work.
Either way the handler is told about each address that failed, so it can be corrected; the case
page shows the same from the outbox, also while mail cannot go out. A decision
notice's result goes to ``notices.record_result``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import not_, or_
from sqlmodel import Session, col, select

from zienswijze.db import Case, DecisionNotice, Invitation, OutboxMessage, Stakeholder
from zienswijze.db.queries import invitations_with_case
from zienswijze.domain.consultation import TRANSITIONS, InvitationState, sent_on_delivery, transition
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.mail.dispatcher import OnResults
from zienswijze.services import audit, notices
from zienswijze.services.context import Actor
from zienswijze.services.deadlines import record_told
from zienswijze.services.invitations import notify_handlers

ACTOR = Actor.system("system:outbox")
INVITATION_KIND = "invitation"
UNDELIVERABLE_KIND = "undeliverable"
EVENT_KINDS = {OutboxState.SENT: "mail.sent", OutboxState.RETRY: "mail.retry", OutboxState.FAILED: "mail.failed"}


def recorder(base_url: str) -> OnResults:
    """``record_results`` as the dispatcher's ``on_results``, with the base URL of the handler's links."""

    def on_results(session: Session, results: Sequence[tuple[OutboxMessage, datetime]]) -> None:
        record_results(session, results, base_url=base_url)

    return on_results


def record_results(session: Session, results: Sequence[tuple[OutboxMessage, datetime]], *, base_url: str) -> None:
    """``record_result`` for each of a batch's results, in one transaction that may hold many locks.

    So two dispatchers, or a dispatcher and a request (which locks an invitation before its case),
    cannot deadlock, the rows are locked in one order: first the decision notices and the invitations,
    each in id order, then the chains of the audit trail in order, by taking the results per
    organisation and then per case.
    """
    messages = [message for message, _ in results]
    notice_ids = {m.decision_notice_id for m in messages if m.decision_notice_id is not None}
    invitation_ids = {m.invitation_id for m in messages if m.kind == INVITATION_KIND and m.invitation_id is not None}
    _lock_in_id_order(session, DecisionNotice, notice_ids)
    _lock_in_id_order(session, Invitation, invitation_ids)
    for message, now in sorted(results, key=lambda result: _chain_order(result[0])):
        record_result(session, message, now=now, base_url=base_url)


def _lock_in_id_order(session: Session, model: type[DecisionNotice] | type[Invitation], ids: set[int]) -> None:
    if ids:
        session.exec(select(model.id).where(col(model.id).in_(ids)).order_by(col(model.id)).with_for_update()).all()


def _chain_order(message: OutboxMessage) -> tuple[bool, int]:
    """Events without a case lock their organisation, the others their case (see ``audit.append``)."""
    if message.case_id is None:
        return False, message.organisation_id
    return True, message.case_id


def record_result(
    session: Session, message: OutboxMessage, *, now: datetime, base_url: str, event_kind: str | None = None
) -> None:
    """Audits the message's new state (sent, retry or failed) and applies it to its invitation.

    ``event_kind`` names the audit event when it is not the state's, as for a bounce that came back later.
    """
    details = {
        "message_id": message.message_id,
        "to": message.to_address,
        "attempts": message.attempts,
        "error": "" if message.state is OutboxState.SENT else message.last_error,
    }
    if message.decision_notice_id is not None and message.state is not OutboxState.RETRY:
        notices.record_result(session, message, now=now, base_url=base_url)
    invitation = None
    if message.kind == INVITATION_KIND and message.invitation_id is not None:
        invitation = session.exec(
            select(Invitation).where(Invitation.id == message.invitation_id).with_for_update()
        ).one()
    if invitation is not None and message.state is not OutboxState.RETRY:
        before = invitation.state
        if message.state is OutboxState.SENT:
            _sent(invitation)
        else:
            _failed(session, message, invitation, now=now, base_url=base_url)
        if invitation.state is not before:
            details["invitation_state"] = {"from": before.value, "to": invitation.state.value}
    audit.append(
        session,
        ACTOR,
        event_kind or EVENT_KINDS[message.state],
        organisation_id=message.organisation_id,
        case_id=message.case_id,
        invitation_id=message.invitation_id,
        details=details,
    )


def _sent(invitation: Invitation) -> None:
    if sent_on_delivery(invitation.state):
        invitation.state = transition(invitation.state, InvitationState.VERZONDEN)
        invitation.closed_at = None
    record_told(invitation)


def _failed(session: Session, message: OutboxMessage, invitation: Invitation, *, now: datetime, base_url: str) -> None:
    undeliverable = (
        message.bounced
        and InvitationState.ONBESTELBAAR in TRANSITIONS[invitation.state]
        and not _other_link_mail_unbounced(session, message, invitation)
    )
    if undeliverable:
        invitation.state = transition(invitation.state, InvitationState.ONBESTELBAAR)
        invitation.closed_at = now
    _notify_handlers(session, message, invitation, undeliverable=undeliverable, base_url=base_url)


def _other_link_mail_unbounced(session: Session, message: OutboxMessage, invitation: Invitation) -> bool:
    """Whether another mail with the invitation's current link was not refused for good: accepted,
    still being tried, or given up after temporary refusals."""
    query = select(OutboxMessage.id).where(
        OutboxMessage.invitation_id == invitation.id,
        OutboxMessage.kind == INVITATION_KIND,
        OutboxMessage.id != message.id,
        or_(col(OutboxMessage.state) != OutboxState.FAILED, not_(col(OutboxMessage.bounced))),
    )
    if invitation.token_issued_at is not None:
        # Mails queued before the current link was issued carry a link that no longer works.
        query = query.where(OutboxMessage.created_at >= invitation.token_issued_at)
    return session.exec(query.limit(1)).first() is not None


def _notify_handlers(
    session: Session, message: OutboxMessage, invitation: Invitation, *, undeliverable: bool, base_url: str
) -> None:
    """Mails the case's contact address, or else every active handler of the organisation."""
    case, stakeholder = session.exec(
        invitations_with_case(Case, Stakeholder)
        .join(Stakeholder, col(Stakeholder.id) == Invitation.stakeholder_id)
        .where(Invitation.id == invitation.id)
    ).one()
    notify_handlers(
        session,
        case,
        invitation,
        stakeholder,
        subject=f"Uitnodiging niet bezorgd: {stakeholder.name}",
        template="undeliverable",
        kind=UNDELIVERABLE_KIND,
        base_url=base_url,
        address=message.to_address,
        reason=message.last_error,
        attempts=message.attempts,
        undeliverable=undeliverable,
        gave_up=not message.bounced,
    )
