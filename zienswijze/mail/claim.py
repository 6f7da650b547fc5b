"""Claiming due messages under a lease, and renewing it: how two dispatchers never send the same mail.

- Due are messages pending or in retry whose ``next_attempt_at`` has come, and messages in sending
  whose lease ran out because their process died mid-send. Such a mail may have gone out already:
  it is one of the messages a crash can double, recognisable by its Message-ID.
- One ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`` claims a batch (sending, with a
  lease). On PostgreSQL another process skips the rows this one holds; SQLite has one writer.
- A renewal extends the lease only of rows that still carry this run's lease: a slow batch keeps its
  messages, and one taken over is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from zienswijze.db import OutboxMessage
from zienswijze.domain.mail_delivery import WAITING_STATES, OutboxState


def claim_due(
    session: Session, *, now: datetime, limit: int, lease_seconds: float, leased_at: datetime | None = None
) -> list[OutboxMessage]:
    """Marks up to ``limit`` messages due at ``now`` as sending under a lease, in a transaction of its own.

    The lease runs from ``leased_at`` (``now`` unless given): a run claims what was due when it began,
    but each batch's lease from the moment it is claimed.
    """
    due = (
        select(OutboxMessage.id)
        .where(
            or_(
                and_(col(OutboxMessage.state).in_(WAITING_STATES), col(OutboxMessage.next_attempt_at) <= now),
                and_(col(OutboxMessage.state) == OutboxState.SENDING, col(OutboxMessage.lease_until) < now),
            )
        )
        .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(due))
        .values(state=OutboxState.SENDING, lease_until=(leased_at or now) + timedelta(seconds=lease_seconds))
        .returning(OutboxMessage)
    )
    claimed = session.exec(claim, execution_options={"synchronize_session": False}).scalars().all()
    session.commit()
    return sorted(claimed, key=lambda message: (message.next_attempt_at, message.id))


def extend_lease(session: Session, rest: Sequence[OutboxMessage], current: datetime, renewed: datetime) -> set[int]:
    """Moves the lease of the rest of a batch from ``current`` to ``renewed``, not yet committed; returns
    the ids of the messages that still carried ``current``, so still this run's."""
    if not rest:
        return set()
    return set(
        session.exec(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id).in_([message.id for message in rest]),
                col(OutboxMessage.state) == OutboxState.SENDING,
                col(OutboxMessage.lease_until) == current,
            )
            .values(lease_until=renewed)
            .returning(col(OutboxMessage.id)),
            execution_options={"synchronize_session": False},
        ).scalars()
    )


def keep(rest: Sequence[OutboxMessage], renewed: datetime, kept: set[int]) -> None:
    """Marks the renewed lease on the messages that kept it, once committed; the others show as lost."""
    for message in rest:
        if message.id in kept:
            # As loaded, not as a change: a flush would hold a write lock through the SMTP exchange.
            set_committed_value(message, "lease_until", renewed)
