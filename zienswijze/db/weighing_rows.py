"""The weighing items of a case as one query: chosen, counted and paged in SQL, so a page of a case with
thousands of objections reads the ids of its own items only.

An item is a weighing row of an objection, extra-redaction request or consent in the latest submitted
view of an invitation, or of an invitation without a submitted view; revoked invitations have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from zienswijze.db import (
    ConsultationRound,
    Document,
    Invitation,
    ProposedRedaction,
    ResponseItem,
    ResponseVersion,
    Stakeholder,
    StakeholderResponse,
    Weighing,
)
from zienswijze.db.paging import Keyset, ordered_page
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.responses import VersionStatus
from zienswijze.domain.weighing import OPTIONAL, Subject

# Items without a document (a missing view) sort after every document, as on the weighing page.
NO_DOCUMENT = 10**9


@dataclass(frozen=True)
class WeighingFilter:
    """Which items a handler asks for; the search matches a document's number or title or a stakeholder's name."""

    stakeholder_id: int | None = None
    document_number: int | None = None
    subject: Subject | None = None
    weighed: bool | None = None
    search: str = ""
    weighing_id: int | None = None
    document_ids: tuple[int, ...] | None = None  # of a page of documents


def _items(case_id: int) -> sa.Subquery:
    """Every item of the case with its sort values (document number, page, passage, stakeholder code, id)."""
    later = aliased(ResponseVersion)
    superseded = (
        select(later.id)
        .where(
            later.response_id == ResponseVersion.response_id,
            later.status == VersionStatus.INGEDIEND,
            later.number > ResponseVersion.number,
        )
        .exists()
    )
    of_views: sa.Select[*tuple[Any, ...]] = (
        sa.select(
            col(Weighing.id).label("id"),
            func.coalesce(Document.number, NO_DOCUMENT).label("number"),
            func.coalesce(ProposedRedaction.page, ResponseItem.page, 0).label("page"),
            func.coalesce(ProposedRedaction.passage, ResponseItem.passage, "").label("passage"),
            col(Stakeholder.code).label("code"),
            sa.type_coerce(ResponseItem.kind, sa.String).label("subject"),
            col(Weighing.outcome).label("outcome"),
            col(Invitation.id).label("invitation_id"),
            col(Stakeholder.id).label("stakeholder_id"),
            col(Stakeholder.name).label("stakeholder_name"),
            col(Document.title).label("title"),
            col(Document.id).label("document_id"),
        )
        .select_from(Weighing)
        .join(ResponseItem, col(Weighing.item_id) == ResponseItem.id)
        .join(ResponseVersion, col(ResponseItem.version_id) == ResponseVersion.id)
        .join(StakeholderResponse, col(ResponseVersion.response_id) == StakeholderResponse.id)
        .join(Invitation, col(StakeholderResponse.invitation_id) == Invitation.id)
        .join(ConsultationRound, col(Invitation.round_id) == ConsultationRound.id)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .join(Document, col(ResponseItem.document_id) == Document.id, isouter=True)
        .join(ProposedRedaction, col(ResponseItem.redaction_id) == ProposedRedaction.id, isouter=True)
        .where(
            col(ConsultationRound.case_id) == case_id,
            col(Invitation.state) != InvitationState.INGETROKKEN,
            col(ResponseVersion.status) == VersionStatus.INGEDIEND,
            ~superseded,
        )
    )
    submitted = (
        select(ResponseVersion.id)
        .join(StakeholderResponse, col(ResponseVersion.response_id) == StakeholderResponse.id)
        .where(StakeholderResponse.invitation_id == Invitation.id, ResponseVersion.status == VersionStatus.INGEDIEND)
        .exists()
    )
    without_view: sa.Select[*tuple[Any, ...]] = (
        sa.select(
            col(Weighing.id).label("id"),
            sa.literal(NO_DOCUMENT).label("number"),
            sa.literal(0).label("page"),
            sa.literal("").label("passage"),
            col(Stakeholder.code).label("code"),
            sa.literal(Subject.GEEN_ZIENSWIJZE.value).label("subject"),
            col(Weighing.outcome).label("outcome"),
            col(Invitation.id).label("invitation_id"),
            col(Stakeholder.id).label("stakeholder_id"),
            col(Stakeholder.name).label("stakeholder_name"),
            sa.literal("").label("title"),
            sa.null().label("document_id"),
        )
        .select_from(Weighing)
        .join(Invitation, col(Weighing.invitation_id) == Invitation.id)
        .join(ConsultationRound, col(Invitation.round_id) == ConsultationRound.id)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .where(
            col(ConsultationRound.case_id) == case_id,
            col(Invitation.state) != InvitationState.INGETROKKEN,
            ~submitted,
        )
    )
    return sa.union_all(of_views, without_view).subquery("items")


def _chosen(items: sa.Subquery, chosen: WeighingFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if chosen.weighing_id is not None:
        conditions.append(items.c.id == chosen.weighing_id)
    if chosen.stakeholder_id is not None:
        conditions.append(items.c.stakeholder_id == chosen.stakeholder_id)
    if chosen.document_ids is not None:
        conditions.append(items.c.document_id.in_(chosen.document_ids))
    if chosen.document_number is not None:
        conditions.append(items.c.number == chosen.document_number)
    if chosen.subject is not None:
        conditions.append(items.c.subject == chosen.subject.value)
    if chosen.weighed is not None:
        conditions.append(items.c.outcome.is_not(None) if chosen.weighed else items.c.outcome.is_(None))
    if search := chosen.search.strip():
        pattern = f"%{search}%"
        matches: list[sa.ColumnElement[bool]] = [items.c.title.ilike(pattern), items.c.stakeholder_name.ilike(pattern)]
        if search.isdigit() and len(search) < 10:
            matches.append(items.c.number == int(search))
        conditions.append(sa.or_(*matches))
    return conditions


def _order(items: sa.Subquery) -> list[Any]:
    return [items.c.number, items.c.page, items.c.passage, items.c.code, items.c.id]


def weighing_keys(
    session: Session, case_id: int, chosen: WeighingFilter = WeighingFilter(), keyset: Keyset | None = None
) -> list[tuple[int, int, str, str, int]]:
    """The sort values of the chosen items, ending in the weighing id: all, or one keyset page (one row more)."""
    items = _items(case_id)
    order = _order(items)
    query = select(*order).where(*_chosen(items, chosen))
    return [tuple(row) for row in session.exec(ordered_page(query, order, keyset))]


def weighing_ids(session: Session, case_id: int, chosen: WeighingFilter, *, offset: int, limit: int) -> list[int]:
    """The ids of one numbered page of the chosen items, in the order of the weighing page."""
    items = _items(case_id)
    query = select(items.c.id).where(*_chosen(items, chosen)).order_by(*_order(items))
    return list(session.exec(query.offset(offset).limit(limit)))


def weighing_count(session: Session, case_id: int, chosen: WeighingFilter) -> int:
    items = _items(case_id)
    return session.exec(select(func.count()).select_from(items).where(*_chosen(items, chosen))).one()


def weighing_progress(session: Session, case_id: int) -> tuple[int, int]:
    """How many items must be weighed, and how many of those are: a consent need not be."""
    items = _items(case_id)
    required = items.c.subject.not_in([subject.value for subject in OPTIONAL])
    weighed = sa.and_(required, items.c.outcome.is_not(None))
    total, done = session.exec(
        select(
            func.count().filter(required),
            func.count().filter(weighed),
        ).select_from(items)
    ).one()
    return total, done


def weighed_invitations(session: Session, case_id: int) -> list[tuple[Invitation, Stakeholder]]:
    """The invitations with something to weigh, by stakeholder: those a view can still be recorded for."""
    items = _items(case_id)
    return list(
        session.exec(
            select(Invitation, Stakeholder)
            .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
            .where(col(Invitation.id).in_(select(items.c.invitation_id)))
            .order_by(col(Stakeholder.code), col(Invitation.id))
        ).all()
    )
