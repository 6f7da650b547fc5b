"""Read queries for the handler's pages and the API, always scoped to one organisation.

Each returns what a page needs in a fixed number of statements, whatever the number of documents
or stakeholders (a test counts them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, overload

from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from zienswijze.db import (
    Case,
    Concern,
    ConsultationRound,
    Contact,
    Document,
    ExtensionRequest,
    Ground,
    Invitation,
    OutboxMessage,
    ProposedRedaction,
    ResponseVersion,
    Stakeholder,
)
from zienswijze.db.responses import StakeholderResponse
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.consultation import FINAL_STATES, ExtensionStatus, InvitationState
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.domain.responses import VersionStatus

T = TypeVar("T")

# The overloads type a query as SQLModel's ``select`` does: one table or column gives its values, more give rows.


@overload
def case_invitations(column: type[T], /, *, case_id: int) -> SelectOfScalar[T]: ...
@overload
def case_invitations(column: T, /, *, case_id: int) -> SelectOfScalar[T]: ...
@overload
def case_invitations(*columns: Any, case_id: int) -> Select[*tuple[Any, ...]]: ...
def case_invitations(*columns: Any, case_id: int) -> Select[*tuple[Any, ...]] | SelectOfScalar[Any]:
    """``columns`` about the invitations of every round of one case: the invitation → round join, written once."""
    return (
        select(*columns)
        .select_from(Invitation)
        .join(ConsultationRound, col(Invitation.round_id) == ConsultationRound.id)
        .where(ConsultationRound.case_id == case_id)
    )


@overload
def invitations_with_case(column: type[T], /) -> SelectOfScalar[T]: ...
@overload
def invitations_with_case(*columns: Any) -> Select[*tuple[Any, ...]]: ...
def invitations_with_case(*columns: Any) -> Select[*tuple[Any, ...]] | SelectOfScalar[Any]:
    """``columns`` about invitations joined to their round and case, to filter by organisation or invitation."""
    return (
        select(*columns)
        .select_from(Invitation)
        .join(ConsultationRound, col(Invitation.round_id) == ConsultationRound.id)
        .join(Case, col(ConsultationRound.case_id) == Case.id)
    )


@dataclass(frozen=True)
class CaseSummary:
    case: Case
    open_invitations: int
    nearest_deadline: date | None

    @property
    def urgency(self) -> tuple[bool, date, str]:
        dates = [d for d in (self.nearest_deadline, self.case.decision_deadline) if d]
        closed = self.case.status in (CaseStatus.AFGESLOTEN, CaseStatus.BESLUIT_GENOMEN)
        return (closed, min(dates) if dates else date.max, self.case.reference)


def case_summaries(
    session: Session,
    organisation_id: int,
    *,
    search: str = "",
    status: CaseStatus | None = None,
    reference: str | None = None,
) -> list[CaseSummary]:
    """The organisation's cases, most urgent first: nearest stakeholder or decision deadline."""
    open_per_case = (
        select(
            col(ConsultationRound.case_id).label("case_id"),
            func.count(col(Invitation.id)).label("open_count"),
            func.min(Invitation.deadline).label("nearest"),
        )
        .join(Invitation, col(Invitation.round_id) == ConsultationRound.id)
        .where(col(Invitation.state).not_in(FINAL_STATES))
        .group_by(col(ConsultationRound.case_id))
        .subquery()
    )
    query = (
        select(Case, open_per_case.c.open_count, open_per_case.c.nearest)
        .join(open_per_case, open_per_case.c.case_id == Case.id, isouter=True)
        .where(Case.organisation_id == organisation_id)
    )
    if search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(func.lower(Case.reference).like(pattern) | func.lower(Case.subject).like(pattern))
    if status is not None:
        query = query.where(Case.status == status)
    if reference is not None:
        query = query.where(Case.reference == reference)
    summaries = [CaseSummary(case, count or 0, nearest) for case, count, nearest in session.exec(query)]
    return sorted(summaries, key=lambda s: s.urgency)


def cases_of(session: Session, organisation_id: int) -> list[Case]:
    return [summary.case for summary in case_summaries(session, organisation_id)]


def case_of(session: Session, organisation_id: int, reference: str) -> Case | None:
    """The case with this reference if it belongs to the organisation; another body's case is None."""
    return session.exec(
        select(Case).where(Case.organisation_id == organisation_id, Case.reference == reference)
    ).first()


def documents_of(session: Session, case_id: int) -> list[Document]:
    return list(session.exec(select(Document).where(Document.case_id == case_id).order_by(col(Document.number))))


def redactions_by_document(
    session: Session, case_id: int, document_ids: Collection[int] | None = None
) -> dict[int, list[tuple[ProposedRedaction, Ground]]]:
    """The proposed redactions of the case's documents, or only of ``document_ids``: a page that shows a few
    documents of a big case reads theirs, not the case's fifteen thousand."""
    query = (
        select(ProposedRedaction, Ground)
        .join(Document, col(ProposedRedaction.document_id) == Document.id)
        .join(Ground, col(ProposedRedaction.ground_id) == Ground.id)
        .where(Document.case_id == case_id)
        .order_by(col(Document.number), col(ProposedRedaction.page), col(ProposedRedaction.id))
    )
    if document_ids is not None:
        query = query.where(col(ProposedRedaction.document_id).in_(document_ids))
    rows = session.exec(query)
    grouped: dict[int, list[tuple[ProposedRedaction, Ground]]] = defaultdict(list)
    for redaction, ground in rows:
        grouped[redaction.document_id].append((redaction, ground))
    return grouped


@dataclass(frozen=True)
class StakeholderView:
    stakeholder: Stakeholder
    contacts: list[Contact]
    document_numbers: list[int]


def stakeholders_of(session: Session, case_id: int) -> list[StakeholderView]:
    stakeholders = session.exec(select(Stakeholder).where(Stakeholder.case_id == case_id).order_by(col(Stakeholder.id)))
    contacts = contacts_by_stakeholder(session, case_id)
    numbers: dict[int, list[int]] = defaultdict(list)
    for stakeholder_id, number in session.exec(
        select(Concern.stakeholder_id, Document.number)
        .join(Document, col(Concern.document_id) == Document.id)
        .where(Document.case_id == case_id)
        .order_by(col(Document.number))
    ):
        numbers[stakeholder_id].append(number)
    return [StakeholderView(s, contacts[s.id], numbers[s.id]) for s in stakeholders]


def contacts_by_stakeholder(session: Session, case_id: int) -> defaultdict[int, list[Contact]]:
    """The e-mail contacts of every stakeholder of the case, in one statement."""
    contacts: defaultdict[int, list[Contact]] = defaultdict(list)
    for contact in session.exec(
        select(Contact).join(Stakeholder).where(Stakeholder.case_id == case_id).order_by(col(Contact.id))
    ):
        contacts[contact.stakeholder_id].append(contact)
    return contacts


def documents_by_stakeholder(session: Session, case_id: int) -> defaultdict[int, set[int]]:
    """The ids of the documents that concern each stakeholder of the case, in one statement."""
    documents: defaultdict[int, set[int]] = defaultdict(set)
    for stakeholder_id, document_id in session.exec(
        select(Concern.stakeholder_id, Concern.document_id)
        .join(Stakeholder, col(Concern.stakeholder_id) == Stakeholder.id)
        .where(Stakeholder.case_id == case_id)
    ):
        documents[stakeholder_id].add(document_id)
    return documents


def stakeholders_with_concern_counts(session: Session, case_id: int) -> list[tuple[Stakeholder, int]]:
    return [(view.stakeholder, len(view.document_numbers)) for view in stakeholders_of(session, case_id)]


def rounds_of(session: Session, case_id: int) -> list[ConsultationRound]:
    return list(
        session.exec(
            select(ConsultationRound)
            .where(ConsultationRound.case_id == case_id)
            .order_by(col(ConsultationRound.number))
        )
    )


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


def invitation_rows(session: Session, case_id: int, *, state: InvitationState | None = None) -> list[InvitationRow]:
    latest_mail = (
        select(OutboxMessage.state)
        .where(OutboxMessage.invitation_id == Invitation.id, OutboxMessage.kind == "invitation")
        .order_by(col(OutboxMessage.id).desc())
        .limit(1)
        .correlate(Invitation)
        .scalar_subquery()
    )
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
        .order_by(col(ConsultationRound.number).desc(), col(Stakeholder.name))
    )
    if state is not None:
        query = query.where(Invitation.state == state)
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
