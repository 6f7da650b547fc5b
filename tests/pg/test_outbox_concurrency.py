"""PostgreSQL-only: two dispatchers at once never claim, and so never send, the same message."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from tests.smtp import smtp_server
from zienswijze import clock
from zienswijze.db import Organisation, OutboxMessage
from zienswijze.mail.claim import claim_due
from zienswijze.mail.dispatcher import OutboxPolicy, dispatch_due
from zienswijze.mail.smtp import SmtpSettings
from zienswijze.services import delivery

pytestmark = pytest.mark.skipif(
    not os.environ.get("ZIENSWIJZE_TEST_DATABASE_URL"), reason="needs ZIENSWIJZE_TEST_DATABASE_URL (PostgreSQL)"
)


class Sink:
    """Accepts every mail and keeps its Message-ID."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        for line in envelope.original_content.splitlines():
            if line.lower().startswith(b"message-id:"):
                self.message_ids.append(line.partition(b":")[2].strip().decode())
        return "250 OK"


def queue(engine, count: int) -> set[int]:
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        session.add(organisation)
        session.flush()
        rows = [
            OutboxMessage(
                organisation_id=organisation.id,
                kind="test",
                message_id=f"<bericht-{number}@zienswijze.test>",
                to_address=f"ontvanger-{number}@example.com",
                subject=f"Bericht {number}",
                body_text="Tekst",
                next_attempt_at=clock.now() - timedelta(seconds=1),
            )
            for number in range(count)
        ]
        session.add_all(rows)
        session.commit()
        return {row.id for row in rows}


def in_two_threads(work) -> list:
    """Runs ``work()`` in two threads released at the same moment; returns both results."""
    start = threading.Barrier(2)

    def released():
        start.wait(timeout=10)
        return work()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(released) for _ in range(2)]
        return [future.result(timeout=60) for future in futures]


def test_two_sessions_claiming_at_once_never_claim_the_same_message(engine):
    queued = queue(engine, 300)
    now = clock.now()

    def claim_all() -> list[int]:
        claimed = []
        with Session(engine, expire_on_commit=False) as session:
            while batch := claim_due(session, now=now, limit=7, lease_seconds=300):
                claimed.extend(message.id for message in batch)
        return claimed

    first, second = in_two_threads(claim_all)
    assert len(first) + len(second) == len(queued)
    assert set(first) | set(second) == queued and not set(first) & set(second)


def test_a_claim_skips_rows_another_transaction_holds_instead_of_waiting_for_them(engine):
    queued = queue(engine, 10)
    held = sorted(queued)[:4]
    with Session(engine) as other, Session(engine, expire_on_commit=False) as session:
        other.exec(select(OutboxMessage.id).where(OutboxMessage.id.in_(held)).with_for_update()).all()
        session.exec(sa.text("SET lock_timeout = '2s'"))
        claimed = {message.id for message in claim_due(session, now=clock.now(), limit=10, lease_seconds=300)}
        other.rollback()
    assert claimed == queued - set(held)


def test_two_dispatchers_at_once_deliver_every_message_exactly_once(engine):
    queue(engine, 200)
    sink = Sink()
    with smtp_server(sink) as server:
        smtp = SmtpSettings(host="127.0.0.1", port=server.port, timeout=5)

        def dispatch():
            return dispatch_due(
                lambda: Session(engine, expire_on_commit=False),
                now=clock.now(),
                smtp=smtp,
                policy=OutboxPolicy(batch_size=10),
                on_results=delivery.recorder("http://zienswijze.test"),
            )

        first, second = in_two_threads(dispatch)
    assert first.sent + second.sent == 200 and first.lost + second.lost == 0
    assert len(sink.message_ids) == 200 and len(set(sink.message_ids)) == 200
    with Session(engine) as session:
        assert set(session.exec(select(OutboxMessage.state)).all()) == {"sent"}
