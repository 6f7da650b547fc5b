"""The scheduler's sign of life, one row per scheduler name."""

from __future__ import annotations

import os
import socket
from datetime import datetime

from sqlmodel import Session

from zienswijze.db import SchedulerHeartbeat


def beat(session: Session, *, name: str, now: datetime) -> None:
    row = session.get(SchedulerHeartbeat, name) or SchedulerHeartbeat(name=name)
    row.beat_at = now
    row.pid = os.getpid()
    row.host = socket.gethostname()[:200]
    session.add(row)
    session.commit()
