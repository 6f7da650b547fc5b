"""Whether the service can do its work: the scheduler's heartbeat, what the handler sees of it, and /healthz.

The scheduler writes one heartbeat row per process name; the case list shows the latest as "2 uur
geleden", and /healthz combines it with the database, the schema and the mail backlog.
"""

from __future__ import annotations

import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from zienswijze.db import OutboxMessage, SchedulerHeartbeat, migrate
from zienswijze.domain.mail_delivery import WAITING_STATES


@dataclass(frozen=True)
class Health:
    database_ok: bool
    schema_current: bool
    scheduler_heartbeat_age_seconds: float | None
    scheduler_ok: bool
    outbox_backlog: int | None
    outbox_oldest_wait_seconds: float | None
    outbox_ok: bool

    @property
    def healthy(self) -> bool:
        return self.database_ok and self.schema_current and self.scheduler_ok and self.outbox_ok

    def as_json(self) -> dict[str, object]:
        return {"status": "ok" if self.healthy else "unhealthy", **asdict(self)}


def check(session: Session, *, now: datetime, heartbeat_max_age: float, outbox_max_wait: float) -> Health:
    try:
        schema_current = migrate.is_current(session.connection())
        scheduler = scheduler_status(session, now=now, max_age_seconds=heartbeat_max_age)
        backlog, oldest = session.exec(
            select(func.count(col(OutboxMessage.id)), func.min(OutboxMessage.next_attempt_at)).where(
                col(OutboxMessage.state).in_(WAITING_STATES), OutboxMessage.next_attempt_at <= now
            )
        ).one()
    except sa.exc.SQLAlchemyError:
        session.rollback()
        return Health(False, False, None, False, None, None, False)
    oldest_wait = (now - oldest).total_seconds() if oldest else None
    return Health(
        database_ok=True,
        schema_current=schema_current,
        scheduler_heartbeat_age_seconds=scheduler.age_seconds,
        scheduler_ok=not scheduler.stale,
        outbox_backlog=backlog,
        outbox_oldest_wait_seconds=oldest_wait,
        outbox_ok=oldest_wait is None or oldest_wait <= outbox_max_wait,
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
