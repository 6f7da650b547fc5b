"""A scheduler process for the restart and concurrency tests: runs every job until no mail waits.

Configured like a deployment, by ``ZIENSWIJZE_*`` environment variables (database, SMTP host and
port, ``ZIENSWIJZE_ENV=testing``), plus ``TEST_OUTBOX_LEASE_SECONDS`` and ``TEST_OUTBOX_BATCH_SIZE``
so a test can make a lease short enough to see a killed process's messages taken over; without them
the configured ones hold. Run it with
the repository as working directory and on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import sys
import time

from sqlmodel import func, select

from zienswijze import create_app
from zienswijze.db import OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.jobs import run_once

UNFINISHED = (OutboxState.PENDING, OutboxState.RETRY, OutboxState.SENDING)


def unfinished(app) -> int:
    with app.app_context(), new_session() as session:
        return session.exec(select(func.count(OutboxMessage.id)).where(OutboxMessage.state.in_(UNFINISHED))).one()


def main() -> int:
    app = create_app()
    if lease := os.environ.get("TEST_OUTBOX_LEASE_SECONDS"):
        app.config["OUTBOX_LEASE_SECONDS"] = float(lease)
    if batch_size := os.environ.get("TEST_OUTBOX_BATCH_SIZE"):
        app.config["OUTBOX_BATCH_SIZE"] = int(batch_size)
    give_up = time.monotonic() + float(os.environ.get("TEST_TIME_LIMIT_SECONDS", "120"))
    while time.monotonic() < give_up:
        run_once(app)
        if not unfinished(app):
            return 0
        time.sleep(0.05)
    return 1


if __name__ == "__main__":
    sys.exit(main())
