"""The weighing of interests (belangenafweging): the items to weigh, and the handler's record of each.

Items are every objection and extra-redaction request of the latest submitted view of each
invitation, and every invitation without a submitted view. Their weighing rows are made by the use
cases that create what is weighed (an invitation with its round, the items with their submission),
so every item has a stable id for the page and the API and reading the list writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

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
from zienswijze.db.queries import case_invitations, invitations_with_case
from zienswijze.domain import weighing as rules
from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.grounds import normalize_code
from zienswijze.domain.responses import Channel, WeighingOutcome
from zienswijze.domain.scheduling import amsterdam_date
from zienswijze.domain.text import N_
from zienswijze.services import audit, decision_gate, locks
from zienswijze.services.cases import case_by_id
from zienswijze.services.context import Actor
from zienswijze.services.errors import Conflict, Invalid, NotFound
from zienswijze.services.response_versions import contents_by_version, latest_submissions


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
    items: list[Item]
    grounds: dict[int, Ground]

    @property
    def progress(self) -> rules.Progress:
        return rules.progress((i.subject, i.weighing.outcome) for i in self.items)

    def groups(self) -> list[tuple[Document | None, list[Item]]]:
        """Per document (and within it per passage); invitations without a view come last."""
        groups: dict[int | None, tuple[Document | None, list[Item]]] = {}
        for item in sorted(self.items, key=lambda i: i.sort_key):
            key = item.document.id if item.document else None
            groups.setdefault(key, (item.document, []))[1].append(item)
        return list(groups.values())

    def item(self, weighing_id: int) -> Item:
        for item in self.items:
            if item.id == weighing_id:
                return item
        raise NotFound(f"afweging {weighing_id}")


def add_for_invitation(session: Session, invitation: Invitation) -> None:
    """The weighing of the stakeholder's interests should no view come in, made with the invitation."""
    session.add(Weighing(invitation_id=invitation.id))


def overview(session: Session, case: Case) -> Overview:
    """The items to weigh with their weighing rows; reads only, also inside another use case."""
    invitations = session.exec(
        case_invitations(Invitation, Stakeholder, case_id=case.id)
        .join(Stakeholder, col(Invitation.stakeholder_id) == Stakeholder.id)
        .where(col(Invitation.state) != InvitationState.INGETROKKEN)
        .order_by(col(Stakeholder.code), col(Invitation.id))
    ).all()
    latest = latest_submissions(session, [i.id for i, _ in invitations])
    items_of, attachments = contents_by_version(session, [v.id for v, _ in latest.values()])
    # Only the documents and redactions the views name: a big case has thousands the weighing never shows.
    named = [item for items in items_of.values() for item in items]
    documents = {
        d.id: d
        for d in session.exec(
            select(Document).where(
                Document.case_id == case.id, col(Document.id).in_({i.document_id for i in named if i.document_id})
            )
        )
    }
    redactions = {
        r.id: r
        for r in session.exec(
            select(ProposedRedaction).where(
                col(ProposedRedaction.document_id).in_(list(documents)),
                col(ProposedRedaction.id).in_({i.redaction_id for i in named if i.redaction_id}),
            )
        )
    }
    grounds = {g.id: g for g in session.exec(select(Ground).where(Ground.organisation_id == case.organisation_id))}
    existing_by_item, existing_by_invitation = _existing(session, invitations, items_of)
    marked = _marked(session, [w.id for w in existing_by_item.values()])
    items: list[Item] = []
    for invitation, stakeholder in invitations:
        if invitation.id not in latest:
            weighing = _row(existing_by_invitation, invitation.id, "invitation")
            items.append(Item(weighing, rules.Subject.GEEN_ZIENSWIJZE, invitation, stakeholder))
            continue
        version, channel = latest[invitation.id]
        for response_item in items_of.get(version.id, []):
            if not rules.is_weighed(response_item.kind):
                continue
            weighing = _row(existing_by_item, response_item.id, "response item")
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
                    channel=channel,
                    attachments=tuple(attachments.get(version.id, [])),
                    marked=tuple(marked.get(weighing.id, [])),
                )
            )
    return Overview(items, grounds)


T = TypeVar("T")


def _by_id(rows: dict[int, T], key: int | None) -> T | None:
    """The row an optional reference points to."""
    return rows.get(key) if key is not None else None


def _existing(
    session: Session, invitations: Sequence[tuple[Invitation, Stakeholder]], items_of: dict[int, list[ResponseItem]]
) -> tuple[dict[int, Weighing], dict[int, Weighing]]:
    item_ids = [i.id for items in items_of.values() for i in items]
    invitation_ids = [i.id for i, _ in invitations]
    rows = session.exec(
        select(Weighing).where(col(Weighing.item_id).in_(item_ids) | col(Weighing.invitation_id).in_(invitation_ids))
    ).all()
    return (
        {w.item_id: w for w in rows if w.item_id is not None},
        {w.invitation_id: w for w in rows if w.invitation_id is not None},
    )


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


def _row(existing: dict[int, Weighing], key: int, subject: str) -> Weighing:
    if key not in existing:  # made outside the use cases that add the rows
        raise LookupError(f"{subject} {key} has no weighing row")
    return existing[key]


def record(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    weighing_id: int,
    outcome: str | None,
    motivation: str,
    interests: str = "",
    ground_code: str = "",
    marked: Sequence[tuple[int | None, str]] = (),
    override_reason: str = "",
    now: datetime,
) -> Item:
    """Records the handler's weighing of one item; what it changes follows from ``domain.outcome``.

    ``marked`` are the (page, passage) pairs withheld when the item is partly honoured. A missing view
    is weighed once none can come any more, or earlier with ``override_reason``, kept in the audit trail.
    """
    case = case_by_id(session, actor, case_id)
    locks.refuse_after_decision(case)
    current = overview(session, case)
    item = current.item(weighing_id)
    early = _early_reason(session, case, item, now, override_reason.strip())
    chosen = next((member for member in WeighingOutcome if member == outcome), None)
    codes = {g.code: g for g in current.grounds.values()}
    ground = codes.get(normalize_code(ground_code)) if ground_code.strip() else None
    passages = [(page, text.strip()) for page, text in marked if text.strip()]
    errors = rules.weighing_errors(item.subject, chosen, motivation, ground.code if ground else "", len(passages))
    if ground_code.strip() and ground is None:
        errors["ground"] = N_("Kies een weigeringsgrond uit de lijst.")
    if any(page is None or page < 1 for page, _ in passages):
        errors["marked"] = N_("Vul bij elke passage het paginanummer in.")
    if errors or chosen is None:  # weighing_errors names a missing outcome
        raise Invalid(errors)
    weighing = item.weighing
    weighing.outcome, weighing.motivation = chosen, motivation.strip()
    weighing.interests, weighing.ground_id = interests.strip(), ground.id if ground else None
    weighing.weighed_by_id, weighing.weighed_at = actor.user_id, now
    for old in item.marked:
        session.delete(old)
    kept = passages if chosen is WeighingOutcome.DEELS_GEHONOREERD else []
    session.add_all(WeighingPassage(weighing_id=weighing.id, page=page or 1, passage=text) for page, text in kept)
    session.flush()
    audit.record(
        session,
        actor,
        "weighing.recorded",
        case=case,
        invitation=item.invitation,
        weighing=weighing.id,
        subject=item.subject.value,
        outcome=chosen.value,
        ground=ground.code if ground else None,
        marked=[{"page": page, "passage": text} for page, text in kept],
        override_reason=early,
    )
    session.commit()
    return item


def _early_reason(session: Session, case: Case, item: Item, now: datetime, reason: str) -> str | None:
    """The reason a missing view is weighed while one can still come (Conflict without it); None when none can."""
    if item.subject is not rules.Subject.GEEN_ZIENSWIJZE:
        return None
    for waiting in decision_gate.pending(session, case, amsterdam_date(now)):
        if waiting.invitation.id == item.invitation.id:
            if not reason:
                raise Conflict(
                    N_(
                        "%(waiting)s Weeg de belangen van deze belanghebbende daarna, of geef de reden om dat nu "
                        "al te doen.",
                        waiting=waiting.message,
                    )
                )
            return reason
    return None


def case_of_weighing(session: Session, actor: Actor, weighing_id: int) -> Case:
    """The case a weighing belongs to, if it is the actor's organisation's; NotFound otherwise."""
    row = session.get(Weighing, weighing_id)
    invitation_id = row.invitation_id if row else None
    if row is not None and row.item_id is not None:
        invitation_id = session.exec(
            select(StakeholderResponse.invitation_id)
            .join(ResponseVersion, col(ResponseVersion.response_id) == StakeholderResponse.id)
            .join(ResponseItem, col(ResponseItem.version_id) == ResponseVersion.id)
            .where(ResponseItem.id == row.item_id)
        ).first()
    case = session.exec(
        invitations_with_case(Case).where(
            col(Invitation.id) == invitation_id, col(Case.organisation_id) == actor.organisation_id
        )
    ).first()
    if case is None:
        raise NotFound(f"afweging {weighing_id}")
    return case
