"""Appends to the audit trail: each event carries the hash of the event before it in its case.

Changing or deleting an earlier event breaks every later hash, so tampering shows when the chain
is verified. Events without a case (an organisation's closed days, say) chain per organisation among
themselves. The case row (or, without a case, the organisation row) is locked while appending so two
processes cannot fork a chain. Each chain's head (its last hash and its length) is kept in
``audit_chain_heads``: an append reads it instead of searching the chain, and deleting the last
events, which leaves a shorter chain that links up, no longer matches it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from zienswijze import clock
from zienswijze.db import AuditChainHead, AuditEvent, Case, Invitation, Organisation
from zienswijze.services.context import Actor

_HEADS_KEY = "audit.held_heads"
# Recorded when a case's personal data are erased at the end of the retention period (services/retention.py).
ERASURE_KIND = "retention.erased"


def event_hash(event: AuditEvent) -> str:
    """Covers the digest of the details rather than the details: an event whose personal data were erased
    at the end of the retention period keeps its stored digest and its place in the chain."""
    return _sha256(
        {
            "organisation_id": event.organisation_id,
            "case_id": event.case_id,
            "invitation_id": event.invitation_id,
            "occurred_at": event.occurred_at.isoformat(),
            "actor": event.actor,
            "kind": event.kind,
            "details_sha256": event.details_sha256 if event.erased else details_digest(event.details),
            "previous_hash": event.previous_hash,
        }
    )


def details_digest(details: dict[str, Any]) -> str:
    return _sha256(details)


def erased_ids_digest(event_ids: list[int]) -> str:
    """What a ``retention.erased`` event records of the events it erased, so no other event can be marked
    erased (and its details changed) unseen."""
    return _sha256(sorted(event_ids))


def _sha256(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":"), default=str).encode()).hexdigest()


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
    """``record`` for a caller that knows only the ids, such as the outbox dispatcher.

    The event is flushed with the session's next flush: the dispatcher appends one per message, and a
    batch's events go to the database together.
    """
    key = chain_key(case_id=case_id, organisation_id=organisation_id)
    heads = _held_heads(session)
    head = heads.get(key)
    if head is None:
        if case_id is not None:
            session.exec(select(Case.id).where(Case.id == case_id).with_for_update()).one()
        else:
            session.exec(select(Organisation.id).where(Organisation.id == organisation_id).with_for_update()).one()
        # Read after the lock, past the session's copy, so it is the head the last writer committed.
        head = session.exec(
            select(AuditChainHead).where(AuditChainHead.chain == key).execution_options(populate_existing=True)
        ).first() or AuditChainHead(chain=key)
        heads[key] = head
    event = AuditEvent(
        organisation_id=organisation_id,
        case_id=case_id,
        invitation_id=invitation_id,
        occurred_at=clock.now(),
        actor=actor.audit_name,
        kind=kind,
        details=json.loads(json.dumps(details or {}, default=str)),
        previous_hash=head.head_hash,
    )
    event.details_sha256 = details_digest(event.details)
    event.hash = event_hash(event)
    head.head_hash, head.events = event.hash, head.events + 1
    session.add_all([event, head])
    return event


def _held_heads(session: Session) -> dict[str, AuditChainHead]:
    """The heads of the chains the session's transaction has locked, by chain.

    The lock holds until the transaction ends, so no one else moves those heads meanwhile: a later
    append in the same transaction takes its head from here instead of locking and reading again.
    """
    session.connection()  # begins the transaction if none has begun, so it is the one compared
    transaction = session.get_transaction()
    held = session.info.get(_HEADS_KEY)
    if held is None or held[0] is not transaction:
        held = session.info[_HEADS_KEY] = (transaction, {})
    heads: dict[str, AuditChainHead] = held[1]
    return heads


def chain_key(*, case_id: int | None, organisation_id: int) -> str:
    return f"case:{case_id}" if case_id is not None else f"organisation:{organisation_id}"


def broken_links(events: list[AuditEvent]) -> list[int]:
    """Ids of events, in id order, whose hash or link to the previous event of their chain does not hold.

    ``events`` holds whole chains from their start: a case's events, or all of an organisation's.
    """
    broken: list[int] = []
    previous: dict[str, str] = {}
    for event in sorted(events, key=lambda e: e.id):
        chain = chain_key(case_id=event.case_id, organisation_id=event.organisation_id)
        if event.previous_hash != previous.get(chain, "") or event.hash != event_hash(event):
            broken.append(event.id)
        previous[chain] = event.hash
    return broken


def events_of_case(session: Session, case_id: int) -> list[AuditEvent]:
    """The case's trail in the order it was written."""
    return list(streamed_events(session, case_id))


def streamed_events(session: Session, case_id: int) -> Iterator[AuditEvent]:
    """The case's trail in the order it was written, fetched a thousand at a time."""
    query = select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(col(AuditEvent.id))
    yield from session.exec(query.execution_options(yield_per=1000))


@dataclass(frozen=True)
class Verification:
    """``recorded`` is how many events the chain's head says were written; ``end_holds`` whether the last
    event found is the head's."""

    events: int
    broken: list[int]
    recorded: int
    end_holds: bool

    @property
    def intact(self) -> bool:
        return not self.broken and self.end_holds

    @property
    def first_broken(self) -> int | None:
        return self.broken[0] if self.broken else None


class ChainCheck:
    """Verifies one case's chain event by event, in order, holding only the last hash: an export that
    streams a long trail checks it as it goes.

    An erased event holds only if a later ``retention.erased`` event names it (by the digest of the ids it
    erased): marking another event erased, to change its details, breaks the chain.
    """

    def __init__(self) -> None:
        self.last_hash, self.events, self.broken = "", 0, list[int]()
        self.erased = list[int]()

    def add(self, event: AuditEvent) -> None:
        holds = event.previous_hash == self.last_hash and event.hash == event_hash(event)
        if event.kind == ERASURE_KIND:
            holds = holds and event.details.get("erased_events_sha256") == erased_ids_digest(self.erased)
            self.erased = []
        if not holds:
            self.broken.append(event.id)
        if event.erased:
            self.erased.append(event.id)
        self.last_hash, self.events = event.hash, self.events + 1

    def verification(self, session: Session, case_id: int) -> Verification:
        """The result, with the end checked against the chain's head."""
        key = chain_key(case_id=case_id, organisation_id=0)
        head = session.get(AuditChainHead, key) or AuditChainHead(chain=key)
        end_holds = self.last_hash == head.head_hash and self.events == head.events
        return Verification(self.events, sorted({*self.broken, *self.erased}), head.events, end_holds)


def verification(session: Session, case_id: int, events: Iterable[AuditEvent]) -> Verification:
    """Every hash of the case's chain recomputed, and its end checked against the chain's head."""
    check = ChainCheck()
    for event in events:
        check.add(event)
    return check.verification(session, case_id)


def verify_case(session: Session, case_id: int) -> Verification:
    """The first broken event is where tampering starts; an end that misses the head means events were cut off."""
    return verification(session, case_id, events_of_case(session, case_id))
