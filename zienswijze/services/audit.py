"""Appends to the audit trail: each event carries the hash of the one before it in its organisation.

Changing or deleting an earlier event breaks every later hash, so tampering shows when the chain
is verified. The organisation row is locked while appending so two processes cannot fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlmodel import Session, select

from zienswijze.db import AuditEvent, Organisation
from zienswijze.db.types import utcnow


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
    *,
    organisation_id: int,
    actor: str,
    kind: str,
    case_id: int | None = None,
    invitation_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Adds an event to the session; the caller's use case commits it with the change it records."""
    session.exec(select(Organisation.id).where(Organisation.id == organisation_id).with_for_update()).one()
    previous = session.exec(
        select(AuditEvent.hash).where(AuditEvent.organisation_id == organisation_id).order_by(AuditEvent.id.desc())
    ).first()
    event = AuditEvent(
        organisation_id=organisation_id,
        case_id=case_id,
        invitation_id=invitation_id,
        occurred_at=utcnow(),
        actor=actor,
        kind=kind,
        details=json.loads(json.dumps(details or {}, default=str)),
        previous_hash=previous or "",
    )
    event.hash = event_hash(event)
    session.add(event)
    session.flush()
    return event


def broken_links(events: list[AuditEvent]) -> list[int]:
    """Ids of events, in chain order, whose hash or link to the previous event does not hold."""
    broken, previous = [], ""
    for event in events:
        if event.previous_hash != previous or event.hash != event_hash(event):
            broken.append(event.id)
        previous = event.hash
    return broken
