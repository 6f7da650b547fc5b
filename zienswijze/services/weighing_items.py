"""The items of the weighing of interests (belangenafweging), read with what the handler needs beside each.

Items are every objection, extra-redaction request and consent of the latest submitted view of each
invitation, and every invitation without a submitted view (``db.weighing_rows`` chooses them). Their
weighing rows are made by the use cases that create what is weighed (an invitation with its round, the
items with their submission), so every item has a stable id for the page and the API and reading the
list writes nothing. A page reads its own items only; the services that judge the whole case read all.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from zienswijze.db import (
    Attachment,
    Case,
    Document,
    Ground,
    Invitation,
    ProposedRedaction,
    ResponseItem,
    ResponseVersion,
    Stakeholder,
    StakeholderResponse,
    Weighing,
    WeighingPassage,
)
from zienswijze.db.weighing_rows import WeighingFilter, weighing_keys, weighing_progress
from zienswijze.domain import weighing as rules
from zienswijze.domain.responses import Channel
from zienswijze.services.errors import NotFound
from zienswijze.services.response_versions import attachments_by_version


@dataclass(frozen=True)
class Item:
    """One thing to weigh, with what the handler needs beside it."""

    weighing: Weighing
    subject: rules.Subject
    invitation: Invitation
    stakeholder: Stakeholder
    document: Document | None = None
    response_item: ResponseItem | None = None
    redaction: ProposedRedaction | None = None
    asked_ground: Ground | None = None
    version: ResponseVersion | None = None
    channel: Channel | None = None
    attachments: tuple[Attachment, ...] = ()
    marked: tuple[WeighingPassage, ...] = ()

    @property
    def id(self) -> int:
        return self.weighing.id

    @property
    def page(self) -> int | None:
        if self.redaction is not None:
            return self.redaction.page
        return self.response_item.page if self.response_item else None

    @property
    def passage(self) -> str:
        if self.redaction is not None:
            return self.redaction.passage
        return self.response_item.passage if self.response_item else ""

    @property
    def sort_key(self) -> tuple[int, int, str, str, int]:
        number = self.document.number if self.document else 10**9
        return (number, self.page or 0, self.passage, self.stakeholder.code, self.id)


@dataclass(frozen=True)
class Overview:
    """Items of the case in the order of the weighing page: all of them, or one page."""

    items: list[Item]
    grounds: dict[int, Ground]

    @property
    def progress(self) -> rules.Progress:
        return rules.progress((i.subject, i.weighing.outcome) for i in self.items)

    def groups(self) -> list[tuple[Document | None, list[Item]]]:
        """Per document (and within it per passage); invitations without a view come last."""
        groups: dict[int | None, tuple[Document | None, list[Item]]] = {}
        for item in self.items:
            key = item.document.id if item.document else None
            groups.setdefault(key, (item.document, []))[1].append(item)
        return list(groups.values())

    def item(self, weighing_id: int) -> Item:
        for item in self.items:
            if item.id == weighing_id:
                return item
        raise NotFound(f"afweging {weighing_id}")


def overview(session: Session, case: Case) -> Overview:
    """Every item of the case; reads only, also inside another use case."""
    return of_ids(session, case, [key[-1] for key in weighing_keys(session, case.id)])


def of_documents(session: Session, case: Case, document_ids: Collection[int]) -> Overview:
    """The items about these documents of the case: what a page of documents needs for their outcomes."""
    keys = weighing_keys(session, case.id, WeighingFilter(document_ids=tuple(document_ids)))
    return of_ids(session, case, [key[-1] for key in keys])


def progress(session: Session, case: Case) -> rules.Progress:
    """How far the weighing of the whole case is, counted in SQL."""
    return rules.Progress(*weighing_progress(session, case.id))


def one(session: Session, case: Case, weighing_id: int) -> tuple[Item, dict[int, Ground]]:
    """One item of the case and the organisation's grounds; NotFound for a weighing of another case or none."""
    current = [key[-1] for key in weighing_keys(session, case.id, WeighingFilter(weighing_id=weighing_id))]
    found = of_ids(session, case, current)
    return found.item(weighing_id), found.grounds


def of_ids(session: Session, case: Case, weighing_ids: Sequence[int]) -> Overview:
    """The items of ``weighing_ids`` in that order, each with what it is about; ids not of the case are left out."""
    weighings = {w.id: w for w in session.exec(select(Weighing).where(col(Weighing.id).in_(weighing_ids)))}
    item_ids = [w.item_id for w in weighings.values() if w.item_id is not None]
    response_items = {i.id: i for i in session.exec(select(ResponseItem).where(col(ResponseItem.id).in_(item_ids)))}
    versions = {
        version.id: (version, response)
        for version, response in session.exec(
            select(ResponseVersion, StakeholderResponse)
            .join(StakeholderResponse, col(ResponseVersion.response_id) == StakeholderResponse.id)
            .where(col(ResponseVersion.id).in_({i.version_id for i in response_items.values()}))
        )
    }
    invitation_ids = {r.invitation_id for _, r in versions.values()} | {
        w.invitation_id for w in weighings.values() if w.invitation_id is not None
    }
    invitations = {
        invitation.id: (invitation, stakeholder)
        for invitation, stakeholder in session.exec(
            select(Invitation, Stakeholder)
            .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
            .where(col(Invitation.id).in_(invitation_ids), Stakeholder.case_id == case.id)
        )
    }
    documents = _rows(session, Document, {i.document_id for i in response_items.values()}, Document.case_id == case.id)
    redactions = _rows(
        session,
        ProposedRedaction,
        {i.redaction_id for i in response_items.values() if i.redaction_id},
        col(ProposedRedaction.document_id).in_(list(documents)),
    )
    grounds = {g.id: g for g in session.exec(select(Ground).where(Ground.organisation_id == case.organisation_id))}
    attachments = attachments_by_version(session, list(versions))
    marked = _marked(session, list(weighings))
    items: list[Item] = []
    for weighing_id in weighing_ids:
        weighing = weighings.get(weighing_id)
        if weighing is None:
            continue
        if weighing.invitation_id is not None:
            if weighing.invitation_id in invitations:
                invitation, stakeholder = invitations[weighing.invitation_id]
                items.append(Item(weighing, rules.Subject.GEEN_ZIENSWIJZE, invitation, stakeholder))
            continue
        response_item = response_items[weighing.item_id or 0]
        version, response = versions[response_item.version_id]
        if response.invitation_id not in invitations:
            continue
        invitation, stakeholder = invitations[response.invitation_id]
        items.append(
            Item(
                weighing,
                rules.subject_of(response_item.kind),
                invitation,
                stakeholder,
                document=documents.get(response_item.document_id),
                response_item=response_item,
                redaction=_by_id(redactions, response_item.redaction_id),
                asked_ground=_by_id(grounds, response_item.ground_id),
                version=version,
                channel=response.channel,
                attachments=tuple(attachments.get(version.id, [])),
                marked=tuple(marked.get(weighing.id, [])),
            )
        )
    return Overview(items, grounds)


R = TypeVar("R", Document, ProposedRedaction)
T = TypeVar("T")


def _rows(session: Session, table: type[R], ids: Collection[int], scope: ColumnElement[bool] | bool) -> dict[int, R]:
    """The rows of ``table`` with these ids, within ``scope`` (the case)."""
    return {row.id: row for row in session.exec(select(table).where(col(table.id).in_(ids), scope))}


def _by_id(rows: dict[int, T], key: int | None) -> T | None:
    """The row an optional reference points to."""
    return rows.get(key) if key is not None else None


def _marked(session: Session, weighing_ids: list[int]) -> dict[int, list[WeighingPassage]]:
    rows = session.exec(
        select(WeighingPassage)
        .where(col(WeighingPassage.weighing_id).in_(weighing_ids))
        .order_by(col(WeighingPassage.page), col(WeighingPassage.id))
    )
    result: dict[int, list[WeighingPassage]] = {}
    for row in rows:
        result.setdefault(row.weighing_id, []).append(row)
    return result
