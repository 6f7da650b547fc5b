"""The live status of a case's invitations: one row per invitation for the matrix and the API, and the
invitation mail the handler must know about, each read in one statement however many there are."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from zienswijze.db import (
    ConsultationRound,
    ExtensionRequest,
    Invitation,
    OutboxMessage,
    ResponseVersion,
    Stakeholder,
)
from zienswijze.db.paging import Keyset, ordered_page
from zienswijze.db.queries import case_invitations
from zienswijze.db.responses import StakeholderResponse
from zienswijze.domain.consultation import ExtensionStatus, InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.domain.responses import VersionStatus


@dataclass(frozen=True)
class InvitationRow:
    """One line of the live status matrix."""

    invitation: Invitation
    round_number: int
    stakeholder: Stakeholder
    mail_state: OutboxState | None
    has_draft: bool
    extension: ExtensionStatus | None
    extension_until: date | None

    @property
    def state(self) -> InvitationState:
        return self.invitation.state

    def days_left(self, today: date) -> int | None:
        if self.invitation.state.is_final:
            return None
        return (self.invitation.deadline - today).days

    @property
    def opened_at(self) -> datetime | None:
        return self.invitation.first_opened_at


def invitation_rows(
    session: Session,
    case_id: int,
    keyset: Keyset | None = None,
    *,
    state: InvitationState | None = None,
    round_id: int | None = None,
    invitation_id: int | None = None,
    window: tuple[int, int] | None = None,
) -> list[InvitationRow]:
    """The case's invitations, latest round first and by stakeholder within it: all, a keyset page, a numbered
    page (``window``: offset and limit), or those asked for."""
    latest_mail = _latest_mail()
    latest_extension = (
        select(ExtensionRequest.id)
        .where(ExtensionRequest.invitation_id == Invitation.id)
        .order_by(col(ExtensionRequest.id).desc())
        .limit(1)
        .correlate(Invitation)
        .scalar_subquery()
    )
    draft = (
        select(func.count(col(ResponseVersion.id)))
        .join(StakeholderResponse, col(ResponseVersion.response_id) == StakeholderResponse.id)
        .where(StakeholderResponse.invitation_id == Invitation.id, ResponseVersion.status == VersionStatus.CONCEPT)
        .correlate(Invitation)
        .scalar_subquery()
    )
    query = (
        case_invitations(
            Invitation, ConsultationRound.number, Stakeholder, latest_mail, draft, ExtensionRequest, case_id=case_id
        )
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .join(ExtensionRequest, col(ExtensionRequest.id) == latest_extension, isouter=True)
    )
    if state is not None:
        query = query.where(Invitation.state == state)
    if round_id is not None:
        query = query.where(Invitation.round_id == round_id)
    if invitation_id is not None:
        query = query.where(Invitation.id == invitation_id)
    order = [-col(ConsultationRound.number), col(Stakeholder.name), col(Invitation.id)]
    query = ordered_page(query, order, keyset)
    if window is not None:
        query = query.offset(window[0]).limit(window[1])
    return [
        InvitationRow(
            invitation,
            number,
            stakeholder,
            OutboxState(mail) if mail else None,
            bool(drafts),
            extension.status if extension else None,
            extension.requested_until if extension else None,
        )
        for invitation, number, stakeholder, mail, drafts, extension in session.exec(query)
    ]


def _latest_mail():
    """The state of the invitation's latest invitation mail."""
    return (
        select(OutboxMessage.state)
        .where(OutboxMessage.invitation_id == Invitation.id, OutboxMessage.kind == "invitation")
        .order_by(col(OutboxMessage.id).desc())
        .limit(1)
        .correlate(Invitation)
        .scalar_subquery()
    )


@dataclass(frozen=True)
class InvitationCounts:
    """Of every invitation of the case: how many per state and per state of its latest mail, and the last
    deadline of those still open, counted in SQL however many there are."""

    states: Counter[InvitationState]
    mails: Counter[OutboxState]
    last_open_deadline: date | None


def invitation_counts(session: Session, case_id: int) -> InvitationCounts:
    states: Counter[InvitationState] = Counter()
    mails: Counter[OutboxState] = Counter()
    mail = _latest_mail().label("mail")
    grouped = case_invitations(Invitation.state, mail, func.count(), func.max(Invitation.deadline), case_id=case_id)
    last: date | None = None
    for state, latest, count, deadline in session.exec(grouped.group_by(col(Invitation.state), mail)):
        state = InvitationState(state)
        states[state] += count
        if latest is not None:
            mails[OutboxState(latest)] += count
        if not state.is_final and deadline is not None:
            last = max(last, deadline) if last else deadline
    return InvitationCounts(states, mails, last)


@dataclass(frozen=True)
class MailProblem:
    """An invitation mail with the current link that failed or waits for a retry, as the outbox has it."""

    message: OutboxMessage
    stakeholder: Stakeholder
    round_number: int

    @property
    def failed(self) -> bool:
        return self.message.state is OutboxState.FAILED

    @property
    def server_unreachable(self) -> bool:
        """Deferred because our mail server could not be reached, not because of this address."""
        return self.message.state is OutboxState.RETRY and self.message.deferrals > 0


def mail_problems(session: Session, case_id: int) -> list[MailProblem]:
    """What the handler must know of the case's invitation mail, read from the outbox so the case page
    shows it while mail (also the mail that tells the handler) cannot go out."""
    current_link = (col(Invitation.token_issued_at).is_(None)) | (
        col(OutboxMessage.created_at) >= col(Invitation.token_issued_at)
    )
    query = (
        case_invitations(OutboxMessage, Stakeholder, ConsultationRound.number, case_id=case_id)
        .join(OutboxMessage, col(OutboxMessage.invitation_id) == Invitation.id)
        .join(Stakeholder, col(Stakeholder.id) == Invitation.stakeholder_id)
        .where(
            OutboxMessage.kind == "invitation",
            col(OutboxMessage.state).in_([OutboxState.FAILED, OutboxState.RETRY]),
            current_link,
        )
        .order_by(col(ConsultationRound.number).desc(), col(Stakeholder.name), col(OutboxMessage.id))
    )
    return [MailProblem(message, stakeholder, number) for message, stakeholder, number in session.exec(query)]
