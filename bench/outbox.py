"""Messages per second from the outbox to a local SMTP sink, next to raw smtplib over one connection.

Both send the same messages to the same aiosmtpd sink in the same run, so the ratio shows what the
outbox costs: claiming in batches, a result and an audit event per message committed per batch,
lease renewal. Run
``.venv/bin/python -m bench.outbox --help`` for the options; see bench/README.md.
"""

from __future__ import annotations

import argparse
import smtplib
import statistics
import tempfile
import time
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from bench.support import free_port
from zienswijze import clock
from zienswijze.db import Organisation, OutboxMessage, migrate
from zienswijze.db.session import make_engine
from zienswijze.mail.dispatcher import OutboxPolicy, dispatch_due
from zienswijze.mail.smtp import SmtpSettings, build_email
from zienswijze.services import delivery

SENDER = "zienswijze@bench.test"


class CountingSink:
    """Accepts every message and counts it; nothing is parsed, so the sink is not what is measured."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.count += 1
        return "250 OK"


def queue(engine, count: int, round_: int) -> int:
    """``count`` messages due now, of an organisation of their own; returns its id."""
    with Session(engine) as session:
        organisation = Organisation(name=f"Bench {round_}")
        session.add(organisation)
        session.flush()
        body = "Geachte heer, mevrouw,\n\n" + "Dit is een testbericht van de benchmark.\n" * 30
        session.add_all(
            OutboxMessage(
                organisation_id=organisation.id,
                kind="bench",
                message_id=f"<bench-{round_}-{number}@zienswijze.test>",
                to_address=f"ontvanger-{number}@example.com",
                subject=f"Bericht {number}",
                body_text=body,
                body_html=f"<p>{body}</p>",
                next_attempt_at=clock.now() - timedelta(seconds=1),
            )
            for number in range(count)
        )
        session.commit()
        return organisation.id


def through_the_outbox(engine, smtp: SmtpSettings, batch_size: int) -> tuple[float, int]:
    started = time.perf_counter()
    report = dispatch_due(
        lambda: Session(engine, expire_on_commit=False),
        now=clock.now(),
        smtp=smtp,
        policy=OutboxPolicy(batch_size=batch_size),
        on_results=delivery.recorder("http://zienswijze.test"),
    )
    return time.perf_counter() - started, report.sent


def raw_smtplib(engine, smtp: SmtpSettings, organisation_id: int) -> tuple[float, int]:
    """The same messages, built the same way, sent over one connection with no database in between."""
    with Session(engine) as session:
        messages = session.exec(
            select(OutboxMessage).where(OutboxMessage.organisation_id == organisation_id).order_by(OutboxMessage.id)
        ).all()
    started = time.perf_counter()
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as connection:
        for message in messages:
            email = build_email(message, sender=SENDER)
            connection.send_message(email, from_addr=parseaddr(SENDER)[1], to_addrs=[message.to_address])
    return time.perf_counter() - started, len(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000, help="how many messages (default 2000)")
    parser.add_argument("--batch-size", type=int, default=50, help="the outbox batch size (default 50)")
    parser.add_argument(
        "--database-url", default=None, help="an empty database, e.g. PostgreSQL (default: a new SQLite file)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of both, each with new messages (default 3); the median counts"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = options.database_url or f"sqlite:///{Path(directory) / 'bench.db'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        sink = CountingSink()
        controller = Controller(sink, hostname="127.0.0.1", port=free_port())
        controller.start()
        print(f"database:        {engine.dialect.name}, {options.messages} messages, batch size {options.batch_size}")
        ratios = []
        try:
            smtp = SmtpSettings(host="127.0.0.1", port=controller.port, sender=SENDER, timeout=30)
            for round_ in range(1, options.rounds + 1):
                organisation_id = queue(engine, options.messages, round_)
                outbox_seconds, sent = through_the_outbox(engine, smtp, options.batch_size)
                raw_seconds, raw_sent = raw_smtplib(engine, smtp, organisation_id)
                outbox_rate, raw_rate = sent / outbox_seconds, raw_sent / raw_seconds
                ratios.append(outbox_rate / raw_rate)
                print(
                    f"round {round_}:         outbox {outbox_rate:.0f} messages/s ({sent} in {outbox_seconds:.2f} s),"
                    f" raw smtplib {raw_rate:.0f} ({raw_sent} in {raw_seconds:.2f} s), ratio {ratios[-1]:.2f}"
                )
        finally:
            controller.stop()
            engine.dispose()
    print(f"ratio:           the outbox runs at {statistics.median(ratios):.2f} of raw smtplib (median)")
    print(f"sink received:   {sink.count}")


if __name__ == "__main__":
    main()
