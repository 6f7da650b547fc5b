"""The outbox dispatcher: claims due messages in the database and sends them over SMTP (SPEC §8).

What a result means for the rest of the service is the caller's: ``dispatch_due`` hands every result
to ``on_result`` in the transaction that records it (the scheduler passes the delivery use case), so
the dispatcher imports no use case and runs alone in its tests. How it talks SMTP is in ``smtp``;
what a reply means (an attempt, or an outage that is none) in ``domain.mail_delivery``.

How no mail is lost and none is sent twice by two processes:

- Due are messages pending or in retry whose ``next_attempt_at`` has come, and messages in sending
  whose lease ran out because their process died mid-send. Such a mail may have gone out already: it is
  the one message a crash can double, recognisable by its Message-ID.
- One ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`` claims a batch (sending, with a
  lease). On PostgreSQL another process skips the rows this one holds; SQLite has one writer.
- Each result is committed on its own with what ``on_result`` adds (its audit event and its effect
  on the invitation), so a crash loses at most the message in flight.

How long the lease is, and why a live process never loses it mid-send: a crashed process's mail
should go out within a minute, so the lease is short (``OUTBOX_LEASE_SECONDS``, 45 s: with a run
every 15 s the next run takes the mail over at most 60 s after the crash). It is renewed before every
SMTP exchange (connecting, and each message: in the commit that records the message before it, so a
message costs one commit, not two), only on rows that still carry this run's lease: a slow batch keeps
its messages, and one taken over is left alone. After a renewal the lease has its full length left,
so an exchange must end well within it. ``MAIL_TIMEOUT_SECONDS`` (30 s) does not
ensure that: it bounds each socket operation, and one message takes about eight (MAIL, RCPT, DATA,
the data, each reply), so a server answering each just in time could hold a send for four minutes,
the lease would expire and another process send the message a second time. So ``smtp`` cuts off any
exchange after ``EXCHANGE_SHARE`` of the lease (34 s), leaving a quarter (11 s) to record the result
before the lease could run out. A process paused for longer than that (a suspended VM) can still
double a message; SMTP cannot tell either.

A batch shares one connection. When it fails (refused, dropped, timed out, cut off, a 421 reply, or
our sender refused), every message of the batch still to go is deferred: retried later, without
counting an attempt. A failure after the server took the data may deliver a message twice.
"""

from __future__ import annotations

import random
import smtplib
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from zienswijze.db import OutboxAttachment, OutboxMessage
from zienswijze.domain.mail_delivery import WAITING_STATES, Delivery, OutboxState, retry_delay, state_after
from zienswijze.mail.smtp import Attempt, SmtpSettings, close, connect, send

MAX_ERROR_LENGTH = 300
# The part of the lease one SMTP exchange may take; the rest is the margin to record its result.
EXCHANGE_SHARE = 0.75
# Called with the session, the message in its new state and the time of the result, before the
# commit that records it; it must not commit itself.
OnResult = Callable[[Session, OutboxMessage, datetime], None]


@dataclass(frozen=True)
class OutboxPolicy:
    """How much to claim at once, how long a claim holds, and how to retry."""

    batch_size: int = 50
    max_attempts: int = 8
    lease_seconds: float = 45
    retry_base_seconds: float = 60
    retry_cap_seconds: float = 3600
    outage_retry_cap_seconds: float = 900

    @property
    def exchange_limit(self) -> float:
        """How long one SMTP exchange (connecting, or one message) may take, so it ends within the lease."""
        return self.lease_seconds * EXCHANGE_SHARE

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> OutboxPolicy:
        return cls(
            batch_size=config["OUTBOX_BATCH_SIZE"],
            max_attempts=config["OUTBOX_MAX_ATTEMPTS"],
            lease_seconds=config["OUTBOX_LEASE_SECONDS"],
            retry_base_seconds=config["OUTBOX_RETRY_BASE_SECONDS"],
            retry_cap_seconds=config["OUTBOX_RETRY_CAP_SECONDS"],
            outage_retry_cap_seconds=config["OUTBOX_OUTAGE_RETRY_CAP_SECONDS"],
        )


@dataclass
class DispatchReport:
    """What one run did: ``retried`` after a reply about the recipient, ``deferred`` after a connection
    failure; ``lost`` counts claimed messages another process took over first."""

    batches: int = 0
    sent: int = 0
    retried: int = 0
    deferred: int = 0
    failed: int = 0
    lost: int = 0


def dispatch_due(
    session_factory: Callable[[], AbstractContextManager[Session]],
    *,
    now: datetime,
    smtp: SmtpSettings,
    policy: OutboxPolicy,
    on_result: OnResult,
    jitter: Callable[[], float] = random.random,
) -> DispatchReport:
    """Sends every message due at ``now``, batch by batch, until none is left or the server fails.

    Each result goes to ``on_result`` before it is committed. Results are stamped ``now`` plus the
    time the run has taken so far, so a test can run the dispatcher at any moment; ``jitter`` (in
    [0, 1)) spreads the retries.
    """
    report = DispatchReport()
    with session_factory() as session:
        run = _Run(session, smtp, policy, on_result, jitter, report, now, time.monotonic())
        while batch := claim_due(
            session, now=now, limit=policy.batch_size, lease_seconds=policy.lease_seconds, leased_at=run.clock()
        ):
            report.batches += 1
            if not run.send_batch(batch):
                break
    return report


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


@dataclass
class _Run:
    """One dispatcher run: its session, settings and the report it fills in."""

    session: Session
    smtp: SmtpSettings
    policy: OutboxPolicy
    on_result: OnResult
    jitter: Callable[[], float]
    report: DispatchReport
    now: datetime
    started: float

    def clock(self) -> datetime:
        return self.now + timedelta(seconds=time.monotonic() - self.started)

    def send_batch(self, batch: list[OutboxMessage]) -> bool:
        """Sends one claimed batch over one connection; False when the connection failed."""
        lease_until = batch[0].lease_until
        if lease_until is None:
            raise ValueError("send_batch takes only messages that claim_due leased")
        connection: smtplib.SMTP | None = None
        broken: Attempt | None = None
        limit = self.policy.exchange_limit
        try:
            for index, message in enumerate(batch):
                if broken is None and connection is None:
                    lease_until = self.renew_lease(batch[index:], lease_until)
                    opened = connect(self.smtp, limit=limit)
                    if isinstance(opened, Attempt):
                        broken = opened
                    else:
                        connection, lease_until = opened, self.renew_lease(batch[index:], lease_until)
                if message.lease_until != lease_until:
                    self.report.lost += 1
                    continue
                attempt = broken
                if attempt is None and connection is not None:
                    attachments = self.attachments_of(message)
                    attempt = send(
                        connection,
                        message,
                        sender=self.smtp.sender,
                        return_path=self.smtp.return_path(message),
                        attachments=attachments,
                        limit=limit,
                    )
                    broken = attempt if attempt.connection_lost else None
                if attempt is not None:
                    rest = batch[index + 1 :] if broken is None else []
                    lease_until = self.settle(message, attempt, lease_until=lease_until, rest=rest)
        finally:
            if connection is not None:
                close(connection, polite=broken is None)
        return broken is None

    def attachments_of(self, message: OutboxMessage) -> list[OutboxAttachment]:
        return list(
            self.session.exec(
                select(OutboxAttachment)
                .where(OutboxAttachment.message_id == message.id)
                .order_by(col(OutboxAttachment.id))
            )
        )

    def renew_lease(self, rest: list[OutboxMessage], current: datetime) -> datetime:
        """Extends the lease of the rest of the batch, as far as it is still this run's, and commits."""
        renewed, kept = self.extend_lease(rest, current)
        self.session.commit()
        return self.keep(rest, renewed, kept)

    def extend_lease(self, rest: list[OutboxMessage], current: datetime) -> tuple[datetime, set[int]]:
        """The new lease of the rest of the batch and the messages that still carried this run's lease."""
        renewed = self.clock() + timedelta(seconds=self.policy.lease_seconds)
        if not rest:
            return renewed, set()
        kept = set(
            self.session.exec(
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
        return renewed, kept

    @staticmethod
    def keep(rest: list[OutboxMessage], renewed: datetime, kept: set[int]) -> datetime:
        """Marks the renewed lease on the messages that kept it, once committed; the others show as lost."""
        for message in rest:
            if message.id in kept:
                # As loaded, not as a change: a flush would hold a write lock through the SMTP exchange.
                set_committed_value(message, "lease_until", renewed)
        return renewed

    def settle(
        self, message: OutboxMessage, attempt: Attempt, *, lease_until: datetime, rest: list[OutboxMessage]
    ) -> datetime:
        """Records one result with what ``on_result`` makes of it and commits it, with the lease of ``rest``
        renewed in the same commit; returns that lease."""
        session, report = self.session, self.report
        row = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.id == message.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        if row.state is not OutboxState.SENDING or row.lease_until != lease_until:
            report.lost += 1
        else:
            self.record(row, attempt)
        renewed, kept = self.extend_lease(rest, lease_until)
        session.commit()
        return self.keep(rest, renewed, kept) if rest else lease_until

    def record(self, row: OutboxMessage, attempt: Attempt) -> None:
        """The message's state after this attempt, and what ``on_result`` adds, not yet committed."""
        session, policy, report, now = self.session, self.policy, self.report, self.clock()
        delivery = attempt.delivery
        if delivery.counts_as_attempt:
            row.attempts, row.deferrals = row.attempts + 1, 0
        else:
            row.deferrals += 1
        row.state = state_after(delivery, attempts=row.attempts, max_attempts=policy.max_attempts)
        row.bounced = delivery is Delivery.PERMANENT
        row.lease_until = None
        if row.state is OutboxState.SENT:
            row.sent_at = now
            report.sent += 1
        elif row.state is OutboxState.RETRY:
            row.last_error = attempt.error[:MAX_ERROR_LENGTH]
            row.next_attempt_at = now + self.wait_before_retry(row)
            if delivery.counts_as_attempt:
                report.retried += 1
            else:
                report.deferred += 1
        else:
            row.last_error = attempt.error[:MAX_ERROR_LENGTH]
            report.failed += 1
        self.on_result(session, row, now)

    def wait_before_retry(self, row: OutboxMessage) -> timedelta:
        """The wait after a reply counts its attempts; an outage backs off from its own first failure."""
        policy = self.policy
        if row.deferrals:
            count, cap = row.deferrals, policy.outage_retry_cap_seconds
        else:
            count, cap = row.attempts, policy.retry_cap_seconds
        return retry_delay(count, base_seconds=policy.retry_base_seconds, cap_seconds=cap, jitter=self.jitter())
