"""Appends to the audit trail: each event carries the hash of the event before it in its case.

Changing or deleting an earlier event breaks every later hash, so tampering shows when the chain
is verified. Events without a case (an organisation's closed days, say) chain per organisation among
themselves. The case row (or, without a case, the organisation row) is locked while appending so two
processes cannot fork a chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from zienswijze import clock
from zienswijze.db import AuditEvent, Case, Invitation, Organisation
from zienswijze.services.context import Actor


def event_hash(event: AuditEvent) -> str:
    canonical = json.dumps(
        {
            "organisation_id": event.organisation_id,
            "case_id": event.case_id,
            "invitation_id": event.invitation_id,
            "occurred_at": event.occurred_at.isoformat(),
            "actor": event.actor,
            "kind": event.kind,
            "details": event.details,
            "previous_hash": event.previous_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    session: Session,
    actor: Actor,
    kind: str,
    *,
    case: Case | None = None,
    invitation: Invitation | None = None,
    **details: Any,
) -> AuditEvent:
    """Adds an event to the session; the caller's use case commits it with the change it records.

    The event is the case's organisation's, or without a case the actor's.
    """
    return append(
        session,
        actor,
        kind,
        organisation_id=case.organisation_id if case is not None else actor.organisation,
        case_id=case.id if case is not None else None,
        invitation_id=invitation.id if invitation is not None else None,
        details=details,
    )


def append(
    session: Session,
    actor: Actor,
    kind: str,
    *,
    organisation_id: int,
    case_id: int | None = None,
    invitation_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """``record`` for a caller that knows only the ids, such as the outbox dispatcher."""
    if case_id is not None:
        session.exec(select(Case.id).where(Case.id == case_id).with_for_update()).one()
        same_chain: ColumnElement[bool] = col(AuditEvent.case_id) == case_id
    else:
        session.exec(select(Organisation.id).where(Organisation.id == organisation_id).with_for_update()).one()
        same_chain = (col(AuditEvent.organisation_id) == organisation_id) & col(AuditEvent.case_id).is_(None)
    # LIMIT 1 over the (case_id, id) index reads the chain's head only, not the whole chain.
    previous = session.exec(
        select(AuditEvent.hash).where(same_chain).order_by(col(AuditEvent.id).desc()).limit(1)
    ).first()
    event = AuditEvent(
        organisation_id=organisation_id,
        case_id=case_id,
        invitation_id=invitation_id,
        occurred_at=clock.now(),
        actor=actor.audit_name,
        kind=kind,
        details=json.loads(json.dumps(details or {}, default=str)),
        previous_hash=previous or "",
    )
    event.hash = event_hash(event)
    session.add(event)
    session.flush()
    return event


def _chain(event: AuditEvent) -> tuple[str, int]:
    return ("case", event.case_id) if event.case_id is not None else ("organisation", event.organisation_id)


def broken_links(events: list[AuditEvent]) -> list[int]:
    """Ids of events, in id order, whose hash or link to the previous event of their chain does not hold.

    ``events`` holds whole chains from their start: a case's events, or all of an organisation's.
    """
    broken: list[int] = []
    previous: dict[tuple[str, int], str] = {}
    for event in sorted(events, key=lambda e: e.id):
        chain = _chain(event)
        if event.previous_hash != previous.get(chain, "") or event.hash != event_hash(event):
            broken.append(event.id)
        previous[chain] = event.hash
    return broken


def events_of_case(session: Session, case_id: int) -> list[AuditEvent]:
    """The case's trail in the order it was written."""
    return list(session.exec(select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(col(AuditEvent.id))))


@dataclass(frozen=True)
class Verification:
    events: int
    broken: list[int]

    @property
    def intact(self) -> bool:
        return not self.broken

    @property
    def first_broken(self) -> int | None:
        return self.broken[0] if self.broken else None


def verify_case(session: Session, case_id: int) -> Verification:
    """Recomputes every hash of the case's chain; the first broken event is where tampering starts."""
    events = events_of_case(session, case_id)
    return Verification(len(events), broken_links(events))
