"""Restart safety: a real dispatcher process killed with SIGKILL mid-send loses nothing and doubles little.

Every kill may double the messages in flight: sent, but their results not yet committed, which is at
most one batch (see ``zienswijze.mail.dispatcher``). The lease lets the next process take over what
the killed one had claimed, within a minute. Messages are told apart by the Message-ID stored when
they were queued.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, func, select

from tests.faults.processes import ROOT, environment, wait_for
from tests.helpers import make_config
from tests.outbox import dispatch
from tests.smtp import smtp_server
from zienswijze import clock, create_app
from zienswijze.db import Organisation, OutboxMessage
from zienswijze.db.session import ENGINE_KEY, make_engine
from zienswijze.domain.mail_delivery import OutboxState

MESSAGES = 500
KILLS = 4
BATCH_SIZE = 25


class SlowSink:
    """Accepts every mail a little slowly, so a kill lands mid-batch, and keeps each Message-ID."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.message_ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        for line in envelope.original_content.splitlines():
            if line.lower().startswith(b"message-id:"):
                self.message_ids.append(line.partition(b":")[2].strip().decode())
        return "250 OK"


def queue(database_url: str, count: int, prefix: str) -> set[str]:
    engine = make_engine(database_url)
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        session.add(organisation)
        session.flush()
        ids = [f"<{prefix}-{number}@zienswijze.test>" for number in range(count)]
        session.add_all(
            OutboxMessage(
                organisation_id=organisation.id,
                kind="test",
                message_id=message_id,
                to_address=f"ontvanger-{number}@example.com",
                subject=f"Bericht {number}",
                body_text="Tekst",
                next_attempt_at=clock.now() - timedelta(seconds=1),
            )
            for number, message_id in enumerate(ids)
        )
        session.commit()
    engine.dispose()
    return set(ids)


def dispatcher(database_url: str, smtp_port: int, tmp_path: Path, **extra: str) -> subprocess.Popen:
    """A scheduler process configured only through its environment, as a deployment is."""
    environ = environment(database_url, tmp_path, smtp_port, **extra)
    return subprocess.Popen([sys.executable, str(ROOT / "tests" / "dispatcher_process.py")], cwd=ROOT, env=environ)


def test_a_dispatcher_killed_mid_send_several_times_loses_nothing_and_doubles_at_most_a_batch_per_kill(
    database_url, tmp_path
):
    expected = queue(database_url, MESSAGES, "herstart")
    sink = SlowSink(delay=0.004)
    lease = {
        "TEST_OUTBOX_LEASE_SECONDS": "1",
        "TEST_OUTBOX_BATCH_SIZE": str(BATCH_SIZE),
        "TEST_TIME_LIMIT_SECONDS": "180",
    }
    with smtp_server(sink) as server:
        for _ in range(KILLS):
            process = dispatcher(database_url, server.port, tmp_path, **lease)
            before = len(sink.message_ids)
            wait_for(lambda before=before: len(sink.message_ids) >= before + 40, timeout=20)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            assert process.returncode == -signal.SIGKILL
        assert len(set(sink.message_ids)) < MESSAGES, "every message went out before the last kill"
        last = dispatcher(database_url, server.port, tmp_path, **lease)
        assert last.wait(timeout=180) == 0  # generous: a loaded CI machine is slow, the check is what arrives
    arrivals = Counter(sink.message_ids)
    assert set(arrivals) == expected
    assert sum(arrivals.values()) - len(arrivals) <= KILLS * BATCH_SIZE


def count_in(database_url: str, state: OutboxState) -> int:
    engine = make_engine(database_url)
    with Session(engine) as session:
        count = session.exec(select(func.count(col(OutboxMessage.id))).where(OutboxMessage.state == state)).one()
    engine.dispose()
    return count


def test_a_killed_dispatchers_mail_goes_out_with_the_first_run_a_minute_after_the_crash(database_url, tmp_path):
    """With the configured lease: runs come every OUTBOX_INTERVAL_SECONDS, so the run at 60 s minus
    one interval after the crash is the latest one that must take the mail over."""
    expected = queue(database_url, 120, "binnen-een-minuut")
    sink = SlowSink(delay=0.01)
    with smtp_server(sink) as server:
        process = dispatcher(database_url, server.port, tmp_path)
        wait_for(lambda: len(sink.message_ids) >= 10, timeout=20)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        crashed = clock.now()
        assert count_in(database_url, OutboxState.SENDING) > 0, "the killed process held no claim"
        app = create_app(
            make_config(database_url, tmp_path, ZIENSWIJZE_SMTP_HOST="127.0.0.1", ZIENSWIJZE_SMTP_PORT=str(server.port))
        )
        next_run = crashed + timedelta(seconds=60 - app.config["OUTBOX_INTERVAL_SECONDS"])
        dispatch(app, now=next_run)
        app.extensions[ENGINE_KEY].dispose()
    assert count_in(database_url, OutboxState.SENT) == len(expected)
    assert set(sink.message_ids) == expected
