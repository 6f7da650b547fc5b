"""The case's audit trail with its ids resolved to the people and things a jurist knows.

The trail stores who acted as ``user:<id>``, ``stakeholder`` or a job's name, and what was touched
as ids in the details; the timeline page writes sentences from the names found here. The trail
itself and its exports stay as stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from zienswijze.db import AuditEvent, ConsultationRound, Document, Invitation, ResponseItem, Stakeholder, User, Weighing

USER_PREFIX = "user:"
STAKEHOLDER_ACTOR = "stakeholder"
# The detail that holds the day an event is about, per kind.
DAY_DETAIL = {
    "case.postponed": "decision_deadline",
    "closed_day.added": "day",
    "closed_day.removed": "day",
    "decision.notice_posted": "posted_on",
    "decision.recorded": "decided_on",
    "extension.granted": "deadline",
    "extension.requested": "requested_until",
    "invitation.deadline_recomputed": "new",
    "invitation.expired": "deadline",
    "requester.suspension_end_notice_sent": "ended_on",
    "requester.suspension_notice_sent": "sent_on",
    "round.started": "deadline",
}


class ActorKind(StrEnum):
    USER = "user"
    STAKEHOLDER = "stakeholder"
    SYSTEM = "system"


@dataclass(frozen=True)
class Party:
    """A stakeholder as the case knows it: code and name."""

    code: str
    name: str


@dataclass(frozen=True)
class Entry:
    """One event with its actor and subject resolved; a name that cannot be found is left empty."""

    event: AuditEvent
    actor_kind: ActorKind
    user_name: str  # the acting handler's display name
    stakeholder: Party | None  # the stakeholder who acted or whom the event concerns
    document: int | None  # the document's number
    round: int | None
    day: date | None
    page: int | None
    address: str  # the mail's recipient

    @property
    def kind(self) -> str:
        return self.event.kind


def event_count(session: Session, case_id: int) -> int:
    return session.exec(select(func.count()).where(AuditEvent.case_id == case_id)).one()


def timeline(session: Session, case_id: int, *, offset: int = 0, limit: int | None = None) -> list[Entry]:
    """The case's events in the order they were written, each with names instead of ids; ``offset`` and
    ``limit`` choose a page of them, and only that page's names are looked up."""
    query = select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(col(AuditEvent.id))
    events = list(session.exec(query.offset(offset).limit(limit)))
    users = _users(session, {_user_id(e.actor) for e in events} - {None})
    invitations = _invitations(session, {e.invitation_id for e in events} - {None})
    stakeholders = _stakeholders(session, case_id, events, invitations)
    weighed = _weighed_documents(session, {d for e in events if isinstance(d := e.details.get("weighing"), int)})
    return [_entry(event, users, invitations, stakeholders, weighed) for event in events]


def _stakeholders(
    session: Session, case_id: int, events: list[AuditEvent], invitations: dict[int, tuple[int, int]]
) -> dict[int, Stakeholder]:
    """The stakeholders the events name, by their invitation, id or code: not all of a case's hundreds."""
    named = [e.details.get("stakeholder_id", e.details.get("stakeholder")) for e in events]
    ids = {stakeholder_id for stakeholder_id, _ in invitations.values()} | {n for n in named if isinstance(n, int)}
    codes = {n for n in named if isinstance(n, str)}
    query = select(Stakeholder).where(
        Stakeholder.case_id == case_id, or_(col(Stakeholder.id).in_(ids), col(Stakeholder.code).in_(codes))
    )
    return {s.id: s for s in session.exec(query)}


def _entry(
    event: AuditEvent,
    users: dict[int, str],
    invitations: dict[int, tuple[int, int]],
    stakeholders: dict[int, Stakeholder],
    weighed: dict[int, int],
) -> Entry:
    details = event.details
    stakeholder_id, round_number = invitations.get(event.invitation_id or 0, (None, details.get("round")))
    stakeholder = stakeholders.get(stakeholder_id or _stakeholder_of(details, stakeholders) or 0)
    user_id = _user_id(event.actor)
    document = details.get("document")
    if not isinstance(document, int):
        document = weighed.get(details.get("weighing") or 0)
    return Entry(
        event=event,
        actor_kind=_actor_kind(event.actor),
        user_name=users.get(user_id or 0, ""),
        stakeholder=Party(stakeholder.code, stakeholder.name) if stakeholder is not None else None,
        document=document,
        round=round_number if isinstance(round_number, int) else None,
        day=_day(details.get(DAY_DETAIL.get(event.kind, ""))),
        page=details.get("page") if isinstance(details.get("page"), int) else None,
        address=str(details.get("to") or ""),
    )


def _actor_kind(actor: str) -> ActorKind:
    if actor.startswith(USER_PREFIX):
        return ActorKind.USER
    return ActorKind.STAKEHOLDER if actor == STAKEHOLDER_ACTOR else ActorKind.SYSTEM


def _user_id(actor: str) -> int | None:
    number = actor.removeprefix(USER_PREFIX)
    return int(number) if actor.startswith(USER_PREFIX) and number.isdigit() else None


def _stakeholder_of(details: dict[str, Any], stakeholders: dict[int, Stakeholder]) -> int | None:
    """The stakeholder named in the details: by id (``stakeholder_id``, or ``stakeholder`` of a notice) or by code."""
    named = details.get("stakeholder_id", details.get("stakeholder"))
    if isinstance(named, int):
        return named
    return next((s.id for s in stakeholders.values() if named is not None and s.code == named), None)


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _users(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    return {u.id: u.display_name or u.email for u in session.exec(select(User).where(col(User.id).in_(wanted)))}


def _invitations(session: Session, ids: Iterable[int | None]) -> dict[int, tuple[int, int]]:
    """Each invitation's stakeholder id and round number."""
    wanted = [i for i in ids if i is not None]
    rows = session.exec(
        select(Invitation.id, Invitation.stakeholder_id, ConsultationRound.number)
        .join(ConsultationRound, col(ConsultationRound.id) == Invitation.round_id)
        .where(col(Invitation.id).in_(wanted))
    )
    return {invitation_id: (stakeholder_id, number) for invitation_id, stakeholder_id, number in rows}


def _weighed_documents(session: Session, weighing_ids: set[int]) -> dict[int, int]:
    """The number of the document each weighing is about; a weighing of a missing view has none."""
    rows = session.exec(
        select(Weighing.id, Document.number)
        .join(ResponseItem, col(ResponseItem.id) == Weighing.item_id)
        .join(Document, col(Document.id) == ResponseItem.document_id)
        .where(col(Weighing.id).in_(weighing_ids))
    )
    return {weighing_id: number for weighing_id, number in rows}
