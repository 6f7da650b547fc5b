"""The dispatcher on its own: a real SMTP server and database, no application and no use case.

What a result means is the caller's ``on_results``; here it only records what it was given, so these
tests pin what the dispatcher promises any caller.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from tests.smtp import smtp_server
from zienswijze import clock
from zienswijze.db import Organisation, OutboxMessage
from zienswijze.db.session import make_engine
from zienswijze.domain.mail_delivery import OutboxState
from zienswijze.mail.dispatcher import OutboxPolicy, dispatch_due
from zienswijze.mail.smtp import SmtpSettings

ROOT = Path(__file__).resolve().parents[2]
REFUSED = "weg@example.com"
BUSY = "later@example.com"


class Server:
    """Refuses one address for good, one for now, and accepts every other."""

    def __init__(self) -> None:
        self.received: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 Onbekende ontvanger"
        if address == BUSY:
            return "451 4.3.0 Probeer het later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.extend(envelope.rcpt_tos)
        return "250 OK"


class Recorder:
    """An ``on_results`` that notes each result and queues a follow-up for it, as a use case would."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, OutboxState, int, datetime]] = []
        self.open_transaction: list[bool] = []
        self.transactions: list[object] = []

    def __call__(self, session: Session, results: Sequence[tuple[OutboxMessage, datetime]]) -> None:
        for message, now in results:
            self.calls.append((message.to_address, message.state, message.attempts, now))
            self.open_transaction.append(session.in_transaction())
            self.transactions.append(session.get_transaction())
            session.add(
                OutboxMessage(
                    organisation_id=message.organisation_id,
                    kind="follow-up",
                    message_id=f"<na-{message.id}@zienswijze.test>",
                    to_address="behandelaar@example.org",
                    subject=f"Uitslag {message.id}",
                    body_text=message.state.value,
                    next_attempt_at=now + timedelta(days=1),
                )
            )


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def queue(engine, *addresses: str) -> None:
    with Session(engine) as session:
        organisation = Organisation(name="Gemeente A")
        session.add(organisation)
        session.flush()
        session.add_all(
            OutboxMessage(
                organisation_id=organisation.id,
                kind="test",
                message_id=f"<alleen-{number}@zienswijze.test>",
                to_address=address,
                subject=f"Bericht {number}",
                body_text="Tekst",
                next_attempt_at=clock.now() - timedelta(seconds=1),
            )
            for number, address in enumerate(addresses)
        )
        session.commit()


def dispatch(engine, port: int, on_results, now: datetime):
    return dispatch_due(
        lambda: Session(engine, expire_on_commit=False),
        now=now,
        smtp=SmtpSettings(host="127.0.0.1", port=port, timeout=5),
        policy=OutboxPolicy(batch_size=10),
        on_results=on_results,
        jitter=lambda: 0.5,
    )


def test_every_result_goes_to_on_results_in_the_state_it_is_recorded_in(engine):
    queue(engine, "ontvanger@example.com", REFUSED, BUSY)
    recorder, server, now = Recorder(), Server(), clock.now()
    with smtp_server(server) as controller:
        report = dispatch(engine, controller.port, recorder, now)
    assert (report.sent, report.failed, report.retried) == (1, 1, 1)
    assert server.received == ["ontvanger@example.com"]
    assert [call[:3] for call in recorder.calls] == [
        ("ontvanger@example.com", OutboxState.SENT, 1),
        (REFUSED, OutboxState.FAILED, 1),
        (BUSY, OutboxState.RETRY, 1),
    ]
    assert all(now <= call[3] < now + timedelta(minutes=1) for call in recorder.calls)
    assert all(recorder.open_transaction)


def test_what_on_results_adds_is_committed_with_the_result(engine):
    queue(engine, "ontvanger@example.com", REFUSED)
    with smtp_server(Server()) as controller:
        dispatch(engine, controller.port, Recorder(), clock.now())
    with Session(engine) as session:
        follow_ups = session.exec(select(OutboxMessage.body_text).where(OutboxMessage.kind == "follow-up")).all()
        sent_at = session.exec(select(OutboxMessage.sent_at).where(OutboxMessage.to_address == "ontvanger@example.com"))
        assert sorted(follow_ups) == ["failed", "sent"] and sent_at.one() is not None


def test_the_results_of_a_batch_sent_within_its_lease_are_recorded_in_one_transaction(engine):
    queue(engine, "ontvanger@example.com", REFUSED, BUSY, "tweede@example.com")
    recorder = Recorder()
    with smtp_server(Server()) as controller:
        report = dispatch(engine, controller.port, recorder, clock.now())
    assert report.batches == 1 and len(recorder.transactions) == 4
    assert all(transaction is recorder.transactions[0] for transaction in recorder.transactions)


def test_a_server_that_cannot_be_reached_still_reports_each_message_to_on_results(engine):
    queue(engine, "ontvanger@example.com", "tweede@example.com")
    recorder = Recorder()
    with smtp_server(Server()) as controller:
        port = controller.port
    report = dispatch(engine, port, recorder, clock.now())
    assert report.deferred == 2
    assert [call[1] for call in recorder.calls] == [OutboxState.RETRY, OutboxState.RETRY]


def test_the_dispatcher_imports_no_use_case():
    check = (
        "import sys, zienswijze.mail.dispatcher; "
        "sys.exit(sorted(m for m in sys.modules if m.startswith('zienswijze.services')) or None)"
    )
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
