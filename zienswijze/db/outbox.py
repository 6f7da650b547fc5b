"""The mail outbox and the scheduler's heartbeat: the state jobs claim their work from."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, Index, SQLModel, UniqueConstraint

from zienswijze.db.types import OrganisationRow, enum_type, primary_key, timestamp
from zienswijze.domain.mail_delivery import OutboxState


class OutboxMessage(OrganisationRow, table=True):
    """One e-mail, written in the same transaction as the change it reports."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_state_next_attempt_at", "state", "next_attempt_at"),)

    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    invitation_id: int | None = Field(default=None, foreign_key="invitations.id", index=True)
    # The decision notice the mail carries; no foreign key, which SQLite could only add by rebuilding the table.
    decision_notice_id: int | None = Field(default=None, index=True)
    kind: str = Field(max_length=40)
    # Generated when queued, so a retry after a crash is recognisable as the same message.
    message_id: str = Field(max_length=250, unique=True)
    to_address: str = Field(max_length=320)
    subject: str = Field(max_length=500)
    body_text: str = Field(sa_type=sa.Text)
    body_html: str | None = Field(default=None, sa_type=sa.Text)
    state: OutboxState = Field(default=OutboxState.PENDING, sa_type=enum_type(OutboxState))
    # Replies about this message (to RCPT or DATA); only these move it towards failing.
    attempts: int = 0
    # Connection failures since the last reply (SMTP down, 421, our sender refused): its backoff, not attempts.
    deferrals: int = 0
    # Failed on a permanent reply (5xx), not given up after temporary ones: the address is wrong for good.
    bounced: bool = False
    next_attempt_at: datetime = timestamp()
    lease_until: datetime | None = timestamp(nullable=True)
    last_error: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = timestamp()
    # Indexed: /healthz asks when mail last went out.
    sent_at: datetime | None = timestamp(nullable=True, index=True)


class ReceivedBounce(OrganisationRow, table=True):
    """A report that came back later about a sent message (``services.bounces``), kept once per report."""

    __tablename__ = "received_bounces"
    __table_args__ = (UniqueConstraint("outbox_message_id", "report_key"),)

    outbox_message_id: int = Field(foreign_key="outbox_messages.id", index=True)
    # The report's Message-ID, or a digest of its body: the same report delivered twice is recorded once.
    report_key: str = Field(max_length=250)
    kind: str = Field(max_length=20)
    status: str = Field(default="", max_length=20)
    diagnostic: str = Field(default="", sa_type=sa.Text)
    received_at: datetime = timestamp()


class OutboxAttachment(SQLModel, table=True):
    """A file a queued message carries, kept with it so the dispatcher needs no file store."""

    __tablename__ = "outbox_attachments"

    id: int = primary_key()
    message_id: int = Field(foreign_key="outbox_messages.id", index=True)
    filename: str = Field(max_length=300)
    content_type: str = Field(max_length=100)
    data: bytes = Field(sa_type=sa.LargeBinary)


class SchedulerHeartbeat(SQLModel, table=True):
    """The last sign of life of a scheduler process, shown by /healthz and the dashboard."""

    __tablename__ = "scheduler_heartbeats"

    name: str = Field(primary_key=True, max_length=100)
    beat_at: datetime = timestamp()
    pid: int | None = None
    host: str = Field(default="", max_length=200)


class JobRun(SQLModel, table=True):
    """How each scheduled job last ended, so /healthz shows a job that keeps failing while the others run."""

    __tablename__ = "job_runs"

    name: str = Field(primary_key=True, max_length=100)
    ran_at: datetime = timestamp()
    failed: bool = False
    error: str = Field(default="", max_length=500)
    seconds: float = 0.0
