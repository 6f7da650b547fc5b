"""PostgreSQL-only: two schedulers at once never double a mail: outbox, reminders and completion."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest

from tests.helpers import PG_URL
from tests.scheduled import consultation, queued, update_invitation
from tests.services.test_dispatcher_crash import SlowSink, dispatcher, queue
from tests.smtp import smtp_server
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import InvitationState
from zienswijze.services.completion import complete_finished_rounds
from zienswijze.services.reminders import send_due_reminders

pytestmark = pytest.mark.skipif(PG_URL is None, reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)")

MESSAGES = 2000


def test_two_scheduler_processes_deliver_every_message_exactly_once(database_url, tmp_path):
    """Each process mails through an SMTP server of its own, so what each sent is known: both take part."""
    expected = queue(database_url, MESSAGES, "twee")
    sinks = [SlowSink(delay=0), SlowSink(delay=0)]
    settings = {"TEST_OUTBOX_BATCH_SIZE": "50", "TEST_TIME_LIMIT_SECONDS": "90"}
    with smtp_server(sinks[0]) as first, smtp_server(sinks[1]) as second:
        processes = [dispatcher(database_url, server.port, tmp_path, **settings) for server in (first, second)]
        assert [process.wait(timeout=120) for process in processes] == [0, 0]
    assert all(sink.message_ids for sink in sinks), "one scheduler sent nothing: the two never ran at the same time"
    arrivals = Counter(sinks[0].message_ids + sinks[1].message_ids)
    assert set(arrivals) == expected
    assert max(arrivals.values()) == 1


def in_two_threads(app, work) -> list:
    """Runs ``work(session)`` in two threads with sessions of their own, released at the same moment."""
    start = threading.Barrier(2)

    def released():
        with app.app_context(), new_session() as session:
            start.wait(timeout=10)
            return work(session)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return [future.result(timeout=60) for future in [pool.submit(released) for _ in range(2)]]


def test_two_schedulers_reminding_at_once_send_each_reminder_once(app):
    consultation(app, deadline=date(2024, 12, 30))
    now = datetime(2024, 12, 20, 8, tzinfo=UTC)
    results = in_two_threads(app, lambda session: send_due_reminders(session, today=date(2024, 12, 20), now=now))
    assert sum(results) == 2
    assert len(queued(app, "reminder")) == 3


def test_two_schedulers_completing_at_once_send_one_summary(app):
    invitations = consultation(app, deadline=date(2024, 7, 24))
    for invitation_id in invitations.values():
        update_invitation(app, invitation_id, state=InvitationState.VERLOPEN)
    now = datetime(2024, 7, 25, 8, tzinfo=UTC)
    results = in_two_threads(
        app, lambda session: complete_finished_rounds(session, now=now, base_url=app.config["BASE_URL"])
    )
    assert sorted(len(completed) for completed in results) == [0, 1]
    assert len(queued(app, "round_complete")) == 1
