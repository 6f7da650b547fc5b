"""Whether the service can do its work: the scheduler's heartbeat, what the handler sees of it, and /healthz.

The scheduler writes one heartbeat row per process name; the case list shows the latest as "2 uur
geleden", and /healthz combines it with the database, the schema and the mail backlog.

The outbox is unhealthy when mail is stuck: a message that is not waiting on its recipient (due and
not picked up, held by a crashed run, or deferred because the mail server cannot be reached) was
queued longer than ``outbox_max_wait`` ago, and no mail went out in that time either. Mail waiting
for a retry because a recipient's server said "later" is normal and counted, not alarming; nor is a
long backlog that is going out.
"""

from __future__ import annotations

import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import and_, or_
from sqlmodel import Session, col, func, select

from zienswijze.db import JobRun, OutboxMessage, SchedulerHeartbeat, migrate
from zienswijze.domain.mail_delivery import UNSENT_STATES, OutboxState


@dataclass(frozen=True)
class Health:
    database_ok: bool
    schema_current: bool
    scheduler_heartbeat_age_seconds: float | None
    scheduler_ok: bool
    outbox_backlog: int | None  # not gone out: pending, being sent, or waiting for a retry
    outbox_retrying: int | None  # of which waiting for a retry, whenever it is due
    outbox_oldest_wait_seconds: float | None  # since the oldest of them was queued
    outbox_last_sent_age_seconds: float | None
    outbox_ok: bool
    failing_jobs: dict[str, str]  # job name: the error of its last run, which failed

    @property
    def healthy(self) -> bool:
        return (
            self.database_ok and self.schema_current and self.scheduler_ok and self.outbox_ok and not self.failing_jobs
        )

    def as_json(self) -> dict[str, object]:
        return {"status": "ok" if self.healthy else "unhealthy", **asdict(self)}


def check(session: Session, *, now: datetime, heartbeat_max_age: float, outbox_max_wait: float) -> Health:
    try:
        schema_current = migrate.is_current(session.connection())
        scheduler = scheduler_status(session, now=now, max_age_seconds=heartbeat_max_age)
        outbox = outbox_status(session, now=now, max_wait_seconds=outbox_max_wait)
        failing = failing_jobs(session)
    except sa.exc.SQLAlchemyError:
        session.rollback()
        return Health(False, False, None, False, None, None, None, None, False, {})
    return Health(
        database_ok=True,
        schema_current=schema_current,
        scheduler_heartbeat_age_seconds=scheduler.age_seconds,
        scheduler_ok=not scheduler.stale,
        outbox_backlog=outbox.backlog,
        outbox_retrying=outbox.retrying,
        outbox_oldest_wait_seconds=outbox.oldest_wait_seconds,
        outbox_last_sent_age_seconds=outbox.last_sent_age_seconds,
        outbox_ok=not outbox.stuck,
        failing_jobs=failing,
    )


@dataclass(frozen=True)
class OutboxStatus:
    backlog: int
    retrying: int
    oldest_wait_seconds: float | None
    last_sent_age_seconds: float | None
    stuck: bool


def outbox_status(session: Session, *, now: datetime, max_wait_seconds: float) -> OutboxStatus:
    """How much mail has not gone out, how long the oldest has waited, and whether mail is stuck."""
    state, due = col(OutboxMessage.state), col(OutboxMessage.next_attempt_at) <= now
    # A message queued to go out later is not waiting yet.
    waiting = and_(state.in_(UNSENT_STATES), or_(state != OutboxState.PENDING, due))
    not_on_recipient = or_(
        state == OutboxState.PENDING,
        and_(state == OutboxState.SENDING, col(OutboxMessage.lease_until) < now),
        and_(state == OutboxState.RETRY, col(OutboxMessage.deferrals) > 0),
    )
    backlog, retrying, oldest, oldest_stuck = session.exec(
        select(
            func.count(col(OutboxMessage.id)),
            func.count(col(OutboxMessage.id)).filter(state == OutboxState.RETRY),
            func.min(OutboxMessage.created_at),
            func.min(OutboxMessage.created_at).filter(not_on_recipient),
        ).where(waiting)
    ).one()
    last_sent = session.exec(select(func.max(OutboxMessage.sent_at))).one()
    last_sent_age = None if last_sent is None else max((now - last_sent).total_seconds(), 0.0)
    stuck = (
        oldest_stuck is not None
        and (now - oldest_stuck).total_seconds() > max_wait_seconds
        and (last_sent_age is None or last_sent_age > max_wait_seconds)
    )
    return OutboxStatus(
        backlog=backlog,
        retrying=retrying,
        oldest_wait_seconds=None if oldest is None else max((now - oldest).total_seconds(), 0.0),
        last_sent_age_seconds=last_sent_age,
        stuck=stuck,
    )


def beat(session: Session, *, name: str, now: datetime) -> None:
    row = session.get(SchedulerHeartbeat, name) or SchedulerHeartbeat(name=name)
    row.beat_at = now
    row.pid = os.getpid()
    row.host = socket.gethostname()[:200]
    session.add(row)
    session.commit()


@dataclass(frozen=True)
class SchedulerStatus:
    """``age_seconds`` is None when no scheduler ever beat; ``stale`` then too, since no mail goes out."""

    last_beat: datetime | None
    age_seconds: float | None
    stale: bool

    @property
    def ago(self) -> timedelta | None:
        """The age as a moment in the past, as Babel's ``format_timedelta`` words it ("2 uur geleden")."""
        return None if self.age_seconds is None else -timedelta(seconds=self.age_seconds)


def scheduler_status(session: Session, *, now: datetime, max_age_seconds: float) -> SchedulerStatus:
    """The latest heartbeat of any scheduler process, as /healthz reads it."""
    latest = session.exec(select(func.max(SchedulerHeartbeat.beat_at))).one()
    if latest is None:
        return SchedulerStatus(None, None, True)
    age = max((now - latest).total_seconds(), 0.0)
    return SchedulerStatus(latest, age, age > max_age_seconds)


def record_job_run(session: Session, *, name: str, now: datetime, seconds: float, error: str | None = None) -> None:
    """Keeps how the job's run ended and how long it took; a later good run clears a failure."""
    row = session.get(JobRun, name) or JobRun(name=name)
    row.ran_at, row.failed, row.error, row.seconds = now, error is not None, (error or "")[:500], seconds
    session.add(row)
    session.commit()


def failing_jobs(session: Session) -> dict[str, str]:
    """The jobs whose last run failed, with the error."""
    return {
        row.name: row.error for row in session.exec(select(JobRun).where(col(JobRun.failed)).order_by(col(JobRun.name)))
    }
