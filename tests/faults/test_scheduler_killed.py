"""The scheduler process killed (SIGKILL) while it sends a batch: a new scheduler sends the rest by
itself, once the killed one's lease runs out, and at most the mail in flight (sent, its result not yet
committed: at most one batch) goes out twice, under the same Message-ID (SMTP cannot tell whether it
arrived; see ``zienswijze.mail.dispatcher``).

``tests/services/test_dispatcher_crash.py`` kills a bare dispatcher loop several times; this kills the
scheduler itself, with all its jobs running on their intervals.
"""

from __future__ import annotations

import signal
from collections import Counter

from sqlmodel import Session, func, select

from tests.dispatcher_process import UNFINISHED
from tests.faults.processes import environment, start_scheduler, wait_for
from tests.services.test_dispatcher_crash import SlowSink, queue
from tests.smtp import smtp_server
from zienswijze.db import OutboxMessage
from zienswijze.db.session import make_engine

MESSAGES = 150
BATCH_SIZE = 20
# A short lease and a quick outbox interval, so the take-over happens within seconds instead of minutes.
SETTINGS = {"OUTBOX_LEASE_SECONDS": 2, "OUTBOX_INTERVAL_SECONDS": 0.5, "OUTBOX_BATCH_SIZE": BATCH_SIZE}


def unfinished(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count(OutboxMessage.id)).where(OutboxMessage.state.in_(UNFINISHED))).one()


def test_a_scheduler_killed_mid_batch_is_taken_over_and_doubles_at_most_the_mail_in_flight(database_url, tmp_path):
    expected = queue(database_url, MESSAGES, "planner")
    sink = SlowSink(delay=0.01)
    with smtp_server(sink) as server:
        environ = environment(database_url, tmp_path, server.port)
        killed = start_scheduler(environ, **SETTINGS)
        wait_for(lambda: len(sink.message_ids) >= 30, timeout=30, what="the first scheduler to send")
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=10)
        assert len(set(sink.message_ids)) < MESSAGES, "every message went out before the kill"
        successor, engine = start_scheduler(environ, **SETTINGS), make_engine(database_url)
        try:
            wait_for(lambda: not unfinished(engine), timeout=60, what="the new scheduler to send the rest")
        finally:
            successor.kill()
            successor.wait(timeout=10)
            engine.dispose()
    arrivals = Counter(sink.message_ids)
    assert set(arrivals) == expected
    assert sum(arrivals.values()) - len(arrivals) <= BATCH_SIZE
