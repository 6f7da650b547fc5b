"""The scheduler's inbound mail listener for bounces that come back later (``ZIENSWIJZE_BOUNCE_LISTEN``).

It speaks LMTP (behind the body's own mail server, which hands it the mail for the bounce address)
or SMTP (as the relay target of a forwarding rule), and takes mail only for a ``bounces+<token>@``
form of the bounce address whose token we signed (``mail.bounces``); anything else is refused at
RCPT, so it is no open mailbox. What a report means is the caller's: each accepted report goes to
``on_report`` with the outbox id its recipient names, in a worker thread, as the database is
synchronous. A report that could not be recorded is answered 451, so the sending server tries again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session

from zienswijze.mail.bounces import BounceAddress

logger = logging.getLogger(__name__)
# Called with the outbox id and the report as received; it commits what it records.
OnReport = Callable[[int, bytes], None]
# A report may quote the whole message, attachments included (RFC 3464 §2).
MAX_REPORT_BYTES = 64 * 1024 * 1024
ACCEPTED = "250 2.0.0 Bounce recorded"
TRY_LATER = "451 4.3.0 Bounce not recorded; try again later"


class BounceHandler:
    """aiosmtpd's handler: checks each recipient, then passes the report on once per recipient."""

    def __init__(self, bounces: BounceAddress, on_report: OnReport, *, lmtp: bool) -> None:
        self.bounces, self.on_report, self.lmtp = bounces, on_report, lmtp

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not self.bounces.is_verp(address):
            return "550 5.1.1 Not a bounce address of this service"
        if self.bounces.outbox_id(address) is None:
            # The token is left out: it would let whoever reads the log forge reports.
            logger.warning("bounce listener: refused a bounce address whose token we did not sign")
            return "550 5.1.1 Unknown bounce address"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        loop = asyncio.get_running_loop()
        replies = []
        for recipient in envelope.rcpt_tos:
            outbox_id = self.bounces.outbox_id(recipient)
            try:
                if outbox_id is not None:
                    await loop.run_in_executor(None, self.on_report, outbox_id, raw)
                replies.append(ACCEPTED)
            except Exception:  # the report is kept by the sender, who tries again; the listener goes on
                logger.exception("bounce listener: a report about outbox message %s could not be recorded", outbox_id)
                replies.append(TRY_LATER)
        if self.lmtp:  # RFC 2033 §4.2: one reply per recipient
            return "\r\n".join(replies)
        return TRY_LATER if TRY_LATER in replies else ACCEPTED


class BounceController(Controller):
    """aiosmtpd's threaded server, speaking LMTP or SMTP."""

    def __init__(self, handler: BounceHandler, *, hostname: str, port: int, **options: Any) -> None:
        super().__init__(handler, hostname=hostname, port=port, data_size_limit=MAX_REPORT_BYTES, **options)
        self.lmtp = handler.lmtp

    def factory(self) -> SMTP:
        server_class = LMTP if self.lmtp else SMTP
        return server_class(self.handler, **self.SMTP_kwargs)


def start(listen: tuple[str, str, int], bounces: BounceAddress, on_report: OnReport) -> BounceController:
    """Starts listening on ``(protocol, host, port)`` in a thread of its own; ``stop()`` ends it."""
    protocol, host, port = listen
    controller = BounceController(BounceHandler(bounces, on_report, lmtp=protocol == "lmtp"), hostname=host, port=port)
    try:
        controller.start()
    except OSError:  # the port is taken or cannot be bound: the thread has ended, its loop is left open
        controller.stop(no_assert=True)
        controller.loop.close()
        raise
    logger.info("bounce listener: %s on %s port %d", protocol.upper(), host, port)
    return controller
