"""The outbox dispatcher: claims due messages in the database and sends them over SMTP (SPEC §8).

Why not Flask-Mail: it connects without a timeout, so a server that accepts the connection and then
says nothing would hold the scheduler for ever, and it hides the reply codes that decide between
retrying and giving up. ``EmailMessage`` builds each message with its stored Message-ID; ``smtplib``
sends it with a timeout on every socket operation.

How no mail is lost and none is sent twice by two processes:

- Due are messages pending or in retry whose ``next_attempt_at`` has come, and messages in sending
  whose lease ran out because their process died mid-send. Such a mail may have gone out already: it is
  the one message a crash can double, recognisable by its Message-ID.
- One ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`` claims a batch (sending, with a
  lease). On PostgreSQL another process skips the rows this one holds; SQLite has one writer.
- Once half the lease has passed, it is renewed before the next send, only on rows that still carry
  this run's lease: a slow batch keeps its messages, and one taken over is left alone.
- Each result is committed on its own with its audit event and its effect on the invitation, so a
  crash loses at most the message in flight.

A batch shares one connection. When it fails (refused, dropped, timed out, or a 421 reply), every
message of the batch still to go is retried later. A timeout after the server took the data may
deliver a message twice; SMTP cannot tell.
"""

from __future__ import annotations

import random
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from sqlalchemy import and_, or_, update
from sqlmodel import Session, select

from zienswijze.db import OutboxMessage
from zienswijze.domain.mail_delivery import (
    WAITING_STATES,
    Delivery,
    OutboxState,
    classify_reply,
    retry_delay,
    state_after,
)
from zienswijze.services import delivery

MAX_ERROR_LENGTH = 300


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to reach the mail server; ``security`` is none, starttls or tls."""

    host: str
    port: int
    security: str = "none"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = "zienswijze@localhost"
    timeout: float = 30

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpSettings:
        security = "tls" if config["MAIL_USE_SSL"] else "starttls" if config["MAIL_USE_TLS"] else "none"
        return cls(
            host=config["MAIL_SERVER"],
            port=config["MAIL_PORT"],
            security=security,
            username=config.get("MAIL_USERNAME"),
            password=config.get("MAIL_PASSWORD"),
            sender=config["MAIL_DEFAULT_SENDER"],
            timeout=config["SMTP_TIMEOUT_SECONDS"],
        )


@dataclass(frozen=True)
class OutboxPolicy:
    """How much to claim at once, how long a claim holds, and how to retry."""

    batch_size: int = 50
    max_attempts: int = 8
    lease_seconds: float = 300
    retry_base_seconds: float = 60
    retry_cap_seconds: float = 3600

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> OutboxPolicy:
        return cls(
            batch_size=config["OUTBOX_BATCH_SIZE"],
            max_attempts=config["OUTBOX_MAX_ATTEMPTS"],
            lease_seconds=config["OUTBOX_LEASE_SECONDS"],
            retry_base_seconds=config["OUTBOX_RETRY_BASE_SECONDS"],
            retry_cap_seconds=config["OUTBOX_RETRY_CAP_SECONDS"],
        )


@dataclass
class DispatchReport:
    """What one run did; ``lost`` counts claimed messages another process took over first."""

    batches: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    lost: int = 0


@dataclass(frozen=True)
class _Attempt:
    delivery: Delivery
    error: str = ""
    connection_lost: bool = False


def dispatch_due(
    session_factory: Callable[[], AbstractContextManager[Session]],
    *,
    now: datetime,
    smtp: SmtpSettings,
    policy: OutboxPolicy,
    base_url: str,
    jitter: Callable[[], float] = random.random,
) -> DispatchReport:
    """Sends every message due at ``now``, batch by batch, until none is left or the server fails.

    Results are stamped ``now`` plus the time the run has taken so far, so a test can run the
    dispatcher at any moment; ``jitter`` (in [0, 1)) spreads the retries.
    """
    report = DispatchReport()
    with session_factory() as session:
        run = _Run(session, smtp, policy, base_url, jitter, report, now, time.monotonic())
        while batch := claim_due(session, now=now, limit=policy.batch_size, lease_seconds=policy.lease_seconds):
            report.batches += 1
            if not run.send_batch(batch):
                break
    return report


def claim_due(session: Session, *, now: datetime, limit: int, lease_seconds: float) -> list[OutboxMessage]:
    """Marks up to ``limit`` due messages as sending under a lease, in a transaction of its own."""
    due = (
        select(OutboxMessage.id)
        .where(
            or_(
                and_(OutboxMessage.state.in_(WAITING_STATES), OutboxMessage.next_attempt_at <= now),
                and_(OutboxMessage.state == OutboxState.SENDING, OutboxMessage.lease_until < now),
            )
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due))
        .values(state=OutboxState.SENDING, lease_until=now + timedelta(seconds=lease_seconds))
        .returning(OutboxMessage)
    )
    claimed = session.exec(claim, execution_options={"synchronize_session": False}).scalars().all()
    session.commit()
    return sorted(claimed, key=lambda message: (message.next_attempt_at, message.id))


def build_email(message: OutboxMessage, *, sender: str) -> EmailMessage:
    """The message as it goes out; Date is when it was queued, so every retry is the same message."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


@dataclass
class _Run:
    """One dispatcher run: its session, settings and the report it fills in."""

    session: Session
    smtp: SmtpSettings
    policy: OutboxPolicy
    base_url: str
    jitter: Callable[[], float]
    report: DispatchReport
    now: datetime
    started: float

    def clock(self) -> datetime:
        return self.now + timedelta(seconds=time.monotonic() - self.started)

    def send_batch(self, batch: list[OutboxMessage]) -> bool:
        """Sends one claimed batch over one connection; False when the connection failed."""
        lease_until = batch[0].lease_until
        connection: smtplib.SMTP | None = None
        broken: _Attempt | None = None
        try:
            for index, message in enumerate(batch):
                if broken is None and self.clock() >= lease_until - timedelta(seconds=self.policy.lease_seconds / 2):
                    lease_until = self.renew_lease(batch[index:], lease_until)
                if broken is None and message.lease_until != lease_until:
                    self.report.lost += 1
                    continue
                if broken is None and connection is None:
                    connection, broken = _connect(self.smtp)
                attempt = broken or _send(connection, message, sender=self.smtp.sender)
                if attempt.connection_lost:
                    broken = attempt
                self.settle(message, attempt, lease_until=lease_until)
        finally:
            if connection is not None:
                _close(connection, polite=broken is None)
        return broken is None

    def renew_lease(self, rest: list[OutboxMessage], current: datetime) -> datetime:
        """Extends the lease of the rest of the batch, as far as it is still this run's."""
        renewed = self.clock() + timedelta(seconds=self.policy.lease_seconds)
        kept = set(
            self.session.exec(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_([message.id for message in rest]),
                    OutboxMessage.state == OutboxState.SENDING,
                    OutboxMessage.lease_until == current,
                )
                .values(lease_until=renewed)
                .returning(OutboxMessage.id),
                execution_options={"synchronize_session": False},
            ).scalars()
        )
        self.session.commit()
        for message in rest:
            if message.id in kept:
                message.lease_until = renewed
        return renewed

    def settle(self, message: OutboxMessage, attempt: _Attempt, *, lease_until: datetime) -> None:
        """Records one result with what it means for its invitation, and commits it on its own."""
        session, policy, report, now = self.session, self.policy, self.report, self.clock()
        row = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.id == message.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        if row.state is not OutboxState.SENDING or row.lease_until != lease_until:
            session.rollback()
            report.lost += 1
            return
        row.attempts += 1
        row.state = state_after(attempt.delivery, attempts=row.attempts, max_attempts=policy.max_attempts)
        row.lease_until = None
        if row.state is OutboxState.SENT:
            row.sent_at = now
            report.sent += 1
        elif row.state is OutboxState.RETRY:
            row.last_error = attempt.error[:MAX_ERROR_LENGTH]
            row.next_attempt_at = now + retry_delay(
                row.attempts,
                base_seconds=policy.retry_base_seconds,
                cap_seconds=policy.retry_cap_seconds,
                jitter=self.jitter(),
            )
            report.retried += 1
        else:
            row.last_error = attempt.error[:MAX_ERROR_LENGTH]
            report.failed += 1
        delivery.record_result(session, row, now=now, base_url=self.base_url)
        session.commit()


def _connect(settings: SmtpSettings) -> tuple[smtplib.SMTP | None, _Attempt | None]:
    """An open, greeted and logged-in connection, or the temporary failure that stopped it."""
    context = ssl.create_default_context()
    connection_class = smtplib.SMTP_SSL if settings.security == "tls" else smtplib.SMTP
    options = {"context": context} if settings.security == "tls" else {}
    # Connecting after construction, so a greeting that times out still closes the socket.
    connection = connection_class(timeout=settings.timeout, **options)
    try:
        connection.connect(settings.host, settings.port)
        # EHLO here, so a server refusing it is a connection failure, not a refused recipient.
        connection.ehlo_or_helo_if_needed()
        if settings.security == "starttls":
            connection.starttls(context=context)
        if settings.username:
            connection.login(settings.username, settings.password or "")
    except (smtplib.SMTPException, OSError) as error:
        connection.close()
        # A refused login or TLS handshake is the deployment's problem, not the recipient's: retry.
        return None, _Attempt(Delivery.TEMPORARY, f"connecting: {_reason(error)}", connection_lost=True)
    return connection, None


def _send(connection: smtplib.SMTP, message: OutboxMessage, *, sender: str) -> _Attempt:
    try:
        email = build_email(message, sender=sender)
    except ValueError as error:  # a header that cannot be written, such as one with a line break
        return _Attempt(Delivery.PERMANENT, f"cannot build the message: {error}")
    try:
        connection.send_message(email, from_addr=parseaddr(sender)[1], to_addrs=[message.to_address])
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        return _refused(code, reply)
    except smtplib.SMTPSenderRefused as error:
        # Our own From address is refused: a setup fault that would refuse every message, not a bad recipient.
        return _Attempt(
            Delivery.TEMPORARY,
            f"sender refused: {_refused(error.smtp_code, error.smtp_error).error}",
            connection_lost=True,
        )
    except smtplib.SMTPResponseException as error:  # the data refused
        return _refused(error.smtp_code, error.smtp_error)
    except smtplib.SMTPNotSupportedError as error:  # e.g. an address that needs SMTPUTF8
        return _Attempt(Delivery.PERMANENT, _reason(error))
    except (smtplib.SMTPException, OSError) as error:  # dropped, reset or timed out
        return _Attempt(Delivery.TEMPORARY, _reason(error), connection_lost=True)
    return _Attempt(Delivery.ACCEPTED)


def _refused(code: int, reply: bytes | str) -> _Attempt:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    # RFC 5321 §4.2.2: 421 means the server is closing the connection.
    return _Attempt(classify_reply(code), f"{code} {text}".strip(), connection_lost=code == 421)


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".rstrip(": ")


def _close(connection: smtplib.SMTP, *, polite: bool) -> None:
    """QUIT on a healthy connection; a broken one is only closed, never waited on again."""
    with suppress(smtplib.SMTPException, OSError):
        if polite:
            connection.quit()
    connection.close()
