"""The scheduler's last sign of life as the handler sees it: how long ago, and whether that is too long."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from zienswijze.db import SchedulerHeartbeat


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
