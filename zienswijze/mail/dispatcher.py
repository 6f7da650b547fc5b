"""The outbox dispatcher: claims due messages in the database and sends them over SMTP (SPEC §8).

What a result means for the rest of the service is the caller's: ``dispatch_due`` hands the results
to ``on_results`` in the transaction that records them (the scheduler passes the delivery use case), so
the dispatcher imports no use case and runs alone in its tests. How messages are claimed under a lease
is in ``claim``; how it talks SMTP in ``smtp``; what a reply means (an attempt, or an outage that is
none) in ``domain.mail_delivery``.

How no mail is lost, and how many a crash can send twice: a batch's results are recorded together,
with what ``on_results`` adds (the audit events, the effects on the invitations), in one commit once the
batch is sent, or earlier when its lease is due for renewal. The messages sent since the last such
commit are in flight: a crash leaves them in sending, the next run takes them over when their lease
runs out and sends them again. So a crash loses nothing and doubles at most the messages in flight:
never more than one batch (``OUTBOX_BATCH_SIZE``), and with a slow server fewer, as the lease is
renewed every ``RENEWAL_SHARE`` of it. A commit per message would double at most one, but cost a
database round trip and, on PostgreSQL, a flush to disk per message: most of the time a message took.

How long the lease is, and why a live process never loses it mid-send: a crashed process's mail
should go out within a minute, so the lease is short (``OUTBOX_LEASE_SECONDS``, 45 s: with a run
every 15 s the next run takes the mail over at most 60 s after the crash). Before every SMTP
exchange (connecting, and each message), once ``RENEWAL_SHARE`` of it (2.25 s) has passed since it
was last set, the lease of the rest of the batch is renewed in the commit that records the results
so far. So an exchange starts with at least 95 % of the lease left. ``MAIL_TIMEOUT_SECONDS`` (30 s)
does not bound an exchange: it bounds each socket operation, and one message takes about eight (MAIL,
RCPT, DATA, the data, each reply), so a server answering each just in time could hold a send for four
minutes, the lease would expire and another process send the message a second time. So the
``watchdog`` cuts off any exchange after ``EXCHANGE_SHARE`` of the lease (34 s), leaving a fifth
(9 s) to record the results before the lease could run out. A process paused for longer than that (a
suspended VM) can still double a message; SMTP cannot tell either.

A run's batches share one connection. When it fails (refused, dropped, timed out, cut off, a 421
reply, or our sender refused), every message of the batch still to go is deferred: retried later,
without counting an attempt, and the run ends. A failure after the server took the data may deliver a message twice.
"""

from __future__ import annotations

import random
import smtplib
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from zienswijze.db import OutboxAttachment, OutboxMessage
from zienswijze.domain.mail_delivery import Delivery, OutboxState, retry_delay, state_after
from zienswijze.mail.claim import claim_due, extend_lease, keep
from zienswijze.mail.smtp import Attempt, SmtpSettings, close, connect, send
from zienswijze.mail.watchdog import Watchdog

MAX_ERROR_LENGTH = 300
# The part of the lease one SMTP exchange may take; what is left after it is the margin to record results.
EXCHANGE_SHARE = 0.75
# The part of the lease that may pass before it is renewed, with the results so far, ahead of an exchange.
RENEWAL_SHARE = 0.05
# Called with the session and the results recorded together, each message in its new state with the
# time of its result, before the commit that records them; it must not commit itself. It gets them
# together so it can lock what they touch in one order (see ``services.delivery``).
OnResults = Callable[[Session, Sequence[tuple[OutboxMessage, datetime]]], None]


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
    on_results: OnResults,
    jitter: Callable[[], float] = random.random,
) -> DispatchReport:
    """Sends every message due at ``now``, batch by batch, until none is left or the server fails.

    The results go to ``on_results`` before they are committed. Results are stamped ``now`` plus the
    time the run has taken so far, so a test can run the dispatcher at any moment; ``jitter`` (in
    [0, 1)) spreads the retries.
    """
    report = DispatchReport()
    with session_factory() as session, Watchdog(policy.exchange_limit) as watchdog:
        run = _Run(session, smtp, policy, on_results, jitter, report, now, time.monotonic(), watchdog)
        try:
            while batch := claim_due(
                session, now=now, limit=policy.batch_size, lease_seconds=policy.lease_seconds, leased_at=run.clock()
            ):
                report.batches += 1
                if not run.send_batch(batch):
                    break
        finally:
            run.hang_up(polite=True)
    return report


@dataclass(frozen=True)
class _Result:
    """A message sent (or deferred) whose result is not yet recorded, and when it came."""

    message: OutboxMessage
    attempt: Attempt
    at: datetime


@dataclass
class _Run:
    """One dispatcher run: its session, settings and the report it fills in."""

    session: Session
    smtp: SmtpSettings
    policy: OutboxPolicy
    on_results: OnResults
    jitter: Callable[[], float]
    report: DispatchReport
    now: datetime
    started: float
    watchdog: Watchdog
    # Kept from batch to batch: connecting costs more than claiming the next batch.
    connection: smtplib.SMTP | None = None

    def clock(self) -> datetime:
        return self.now + timedelta(seconds=time.monotonic() - self.started)

    def send_batch(self, batch: list[OutboxMessage]) -> bool:
        """Sends one claimed batch over the run's connection; False when the connection failed."""
        lease_until = batch[0].lease_until
        if lease_until is None:
            raise ValueError("send_batch takes only messages that claim_due leased")
        attachments = self.attachments_of(batch)
        results: list[_Result] = []
        broken: Attempt | None = None
        try:
            for index, message in enumerate(batch):
                if broken is None and self.renewal_due(lease_until):
                    lease_until = self.record(results, batch[index:], lease_until)
                if broken is None and self.connection is None:
                    opened = connect(self.smtp, watchdog=self.watchdog)
                    if isinstance(opened, Attempt):
                        broken = opened
                    else:
                        self.connection = opened
                        if self.renewal_due(lease_until):
                            lease_until = self.record(results, batch[index:], lease_until)
                if message.lease_until != lease_until:
                    self.report.lost += 1
                    continue
                attempt = broken
                if attempt is None and self.connection is not None:
                    attempt = send(
                        self.connection,
                        message,
                        sender=self.smtp.sender,
                        return_path=self.smtp.return_path(message),
                        attachments=attachments.get(message.id, []),
                        watchdog=self.watchdog,
                    )
                    broken = attempt if attempt.connection_lost else None
                if attempt is not None:
                    results.append(_Result(message, attempt, self.clock()))
        finally:
            if broken is not None:
                self.hang_up(polite=False)
        self.record(results, [], lease_until)
        return broken is None

    def hang_up(self, *, polite: bool) -> None:
        if self.connection is not None:
            close(self.connection, polite=polite)
            self.connection = None

    def attachments_of(self, batch: Sequence[OutboxMessage]) -> dict[int, list[OutboxAttachment]]:
        """The files of every message of the batch, read at once."""
        files: dict[int, list[OutboxAttachment]] = defaultdict(list)
        for attachment in self.session.exec(
            select(OutboxAttachment)
            .where(col(OutboxAttachment.message_id).in_([message.id for message in batch]))
            .order_by(col(OutboxAttachment.id))
        ):
            files[attachment.message_id].append(attachment)
        self.session.commit()
        return files

    def renewal_due(self, lease_until: datetime) -> bool:
        """Whether ``RENEWAL_SHARE`` of the lease has passed since it was set."""
        held = timedelta(seconds=self.policy.lease_seconds * (1 - RENEWAL_SHARE))
        return self.clock() > lease_until - held

    def record(self, results: list[_Result], rest: Sequence[OutboxMessage], lease_until: datetime) -> datetime:
        """Records ``results`` with what ``on_results`` makes of them, renews the lease of ``rest`` and
        commits them together; empties ``results`` and returns the lease of ``rest``."""
        session = self.session
        if results:
            rows = {
                row.id: row
                for row in session.exec(
                    select(OutboxMessage)
                    .where(col(OutboxMessage.id).in_([result.message.id for result in results]))
                    .with_for_update()
                    .execution_options(populate_existing=True)
                )
            }
            recorded = []
            for result in results:
                row = rows[result.message.id]
                if row.state is not OutboxState.SENDING or row.lease_until != lease_until:
                    self.report.lost += 1
                else:
                    self.apply(row, result.attempt, result.at)
                    recorded.append((row, result.at))
            self.on_results(session, recorded)
            results.clear()
        renewed = self.clock() + timedelta(seconds=self.policy.lease_seconds)
        kept = extend_lease(session, rest, lease_until, renewed)
        session.commit()
        keep(rest, renewed, kept)
        return renewed if rest else lease_until

    def apply(self, row: OutboxMessage, attempt: Attempt, at: datetime) -> None:
        """The message's state after this attempt at ``at``, not yet committed."""
        policy, report = self.policy, self.report
        delivery = attempt.delivery
        if delivery.counts_as_attempt:
            row.attempts, row.deferrals = row.attempts + 1, 0
        else:
            row.deferrals += 1
        row.state = state_after(delivery, attempts=row.attempts, max_attempts=policy.max_attempts)
        row.bounced = delivery is Delivery.PERMANENT
        row.lease_until = None
        if row.state is OutboxState.SENT:
            row.sent_at = at
            report.sent += 1
        elif row.state is OutboxState.RETRY:
            row.last_error = attempt.error[:MAX_ERROR_LENGTH]
            row.next_attempt_at = at + self.wait_before_retry(row)
            if delivery.counts_as_attempt:
                report.retried += 1
            else:
                report.deferred += 1
        else:
            row.last_error = attempt.error[:MAX_ERROR_LENGTH]
            report.failed += 1

    def wait_before_retry(self, row: OutboxMessage) -> timedelta:
        """The wait after a reply counts its attempts; an outage backs off from its own first failure."""
        policy = self.policy
        if row.deferrals:
            count, cap = row.deferrals, policy.outage_retry_cap_seconds
        else:
            count, cap = row.attempts, policy.retry_cap_seconds
        return retry_delay(count, base_seconds=policy.retry_base_seconds, cap_seconds=cap, jitter=self.jitter())
