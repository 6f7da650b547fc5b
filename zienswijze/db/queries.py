"""Read queries for the handler's pages and the API, always scoped to one organisation.

Each returns what a page needs in a fixed number of statements, whatever the number of documents
or stakeholders (a test counts them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, overload

from sqlalchemy import ColumnElement
from sqlalchemy import case as sql_case
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from zienswijze.db import (
    Case,
    Concern,
    ConsultationRound,
    Contact,
    Document,
    Ground,
    Invitation,
    ProposedRedaction,
    Stakeholder,
)
from zienswijze.db.paging import Keyset, ordered_page
from zienswijze.domain.cases import CaseStatus
from zienswijze.domain.consultation import FINAL_STATES

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
    urgency: tuple[int, date, str, int]


# Closed cases last; then the nearest of the stakeholder and the decision deadlines (none: last of all).
_CLOSED = sql_case((col(Case.status).in_([CaseStatus.AFGESLOTEN, CaseStatus.BESLUIT_GENOMEN]), 1), else_=0)


def _nearest(first: Any, second: Any) -> Any:
    """The earlier of two dates that may be missing, in SQL: SQLite's min() is null when one is."""
    return sql_case(
        (first.is_(None), func.coalesce(second, date.max)),
        (second.is_(None) | (first < second), first),
        else_=second,
    )


def case_summaries(
    session: Session,
    organisation_id: int,
    *,
    search: str = "",
    status: CaseStatus | None = None,
    reference: str | None = None,
    keyset: Keyset | None = None,
    window: tuple[int, int] | None = None,
) -> list[CaseSummary]:
    """The organisation's cases, most urgent first: nearest stakeholder or decision deadline; all of them, a
    keyset page or a numbered page (``window``: offset and limit)."""
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
    urgency = [
        _CLOSED,
        _nearest(open_per_case.c.nearest, col(Case.decision_deadline)),
        col(Case.reference),
        col(Case.id),
    ]
    query = (
        select(Case, open_per_case.c.open_count, open_per_case.c.nearest, *urgency)
        .join(open_per_case, open_per_case.c.case_id == Case.id, isouter=True)
        .where(Case.organisation_id == organisation_id)
    )
    if reference is not None:
        query = query.where(Case.reference == reference)
    query = ordered_page(query.where(*_case_filter(search, status)), urgency, keyset)
    if window is not None:
        query = query.offset(window[0]).limit(window[1])
    rows: list[Any] = list(session.exec(query))
    return [CaseSummary(case, count or 0, nearest, tuple(key)) for case, count, nearest, *key in rows]


def case_count(session: Session, organisation_id: int, *, search: str = "", status: CaseStatus | None = None) -> int:
    """How many cases ``case_summaries`` lists for this search."""
    query = select(func.count()).where(Case.organisation_id == organisation_id, *_case_filter(search, status))
    return session.exec(query).one()


def _case_filter(search: str, status: CaseStatus | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if search.strip():
        pattern = f"%{search.strip().lower()}%"
        conditions.append(func.lower(Case.reference).like(pattern) | func.lower(Case.subject).like(pattern))
    if status is not None:
        conditions.append(col(Case.status) == status)
    return conditions


def cases_of(session: Session, organisation_id: int) -> list[Case]:
    return [summary.case for summary in case_summaries(session, organisation_id)]


def case_of(session: Session, organisation_id: int, reference: str) -> Case | None:
    """The case with this reference if it belongs to the organisation; another body's case is None."""
    return session.exec(
        select(Case).where(Case.organisation_id == organisation_id, Case.reference == reference)
    ).first()


def count_of(session: Session, condition: ColumnElement[bool]) -> int:
    """The rows of the one table ``condition`` is about."""
    return session.exec(select(func.count()).where(condition)).one()


def documents_of(
    session: Session, case_id: int, keyset: Keyset | None = None, *, window: tuple[int, int] | None = None
) -> list[Document]:
    """The case's documents in inventory order (by number, then id): all of them, a keyset page, or a numbered
    page (``window``: offset and limit)."""
    query = ordered_page(
        select(Document).where(Document.case_id == case_id), [col(Document.number), col(Document.id)], keyset
    )
    return list(session.exec(query.offset(window[0]).limit(window[1]) if window else query))


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
    document_ids: list[int]


def stakeholders_of(
    session: Session,
    case_id: int,
    keyset: Keyset | None = None,
    *,
    stakeholder_id: int | None = None,
    window: tuple[int, int] | None = None,
) -> list[StakeholderView]:
    """The case's stakeholders in the order they were added: all of them, a keyset page, a numbered page
    (``window``: offset and limit), or the one asked for."""
    query = select(Stakeholder).where(Stakeholder.case_id == case_id)
    if stakeholder_id is not None:
        query = query.where(Stakeholder.id == stakeholder_id)
    query = ordered_page(query, [col(Stakeholder.id)], keyset)
    stakeholders = session.exec(query.offset(window[0]).limit(window[1]) if window else query).all()
    whole = keyset is None and stakeholder_id is None and window is None
    ids = None if whole else [s.id for s in stakeholders]
    contacts = contacts_by_stakeholder(session, case_id, ids)
    documents: dict[int, list[tuple[int, int]]] = defaultdict(list)
    concerns = (
        select(Concern.stakeholder_id, Document.number, Document.id)
        .join(Document, col(Concern.document_id) == Document.id)
        .order_by(col(Document.number))
    )
    # The stakeholders are the case's, so a page's concerns are found from them, not from the case's documents.
    concerns = concerns.where(Document.case_id == case_id if ids is None else col(Concern.stakeholder_id).in_(ids))
    for owner, number, document_id in session.exec(concerns):
        documents[owner].append((number, document_id))
    return [
        StakeholderView(s, contacts[s.id], [n for n, _ in documents[s.id]], [d for _, d in documents[s.id]])
        for s in stakeholders
    ]


def contacts_by_stakeholder(
    session: Session, case_id: int, stakeholder_ids: Collection[int] | None = None
) -> defaultdict[int, list[Contact]]:
    """The e-mail contacts of every stakeholder of the case, or of ``stakeholder_ids`` only, in one statement."""
    query = select(Contact).join(Stakeholder).where(Stakeholder.case_id == case_id).order_by(col(Contact.id))
    if stakeholder_ids is not None:
        query = query.where(col(Contact.stakeholder_id).in_(stakeholder_ids))
    contacts: defaultdict[int, list[Contact]] = defaultdict(list)
    for contact in session.exec(query):
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
