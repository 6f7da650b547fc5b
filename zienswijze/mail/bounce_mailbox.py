"""Bounces that come back later, read from a mailbox over IMAP (``ZIENSWIJZE_BOUNCE_IMAP``).

For a body whose mail server delivers the bounce address into a mailbox instead of handing it to the
scheduler's listener (``mail.bounce_listener``). Each run reads what is in the mailbox, passes every
report for one of our signed ``bounces+<token>@`` addresses to ``on_report``, and deletes a message only
once it is recorded: a run that breaks off (the database away) leaves the rest for the next one. The
address a report came to is in the headers the receiving server adds (``Delivered-To``,
``X-Original-To``, ``Envelope-To``), or else in its ``To``. Mail for no address of ours is deleted too:
the mailbox is the service's own, and what stays in it would be read again every minute.
"""

from __future__ import annotations

import imaplib
import logging
import ssl
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from zienswijze.mail.bounce_listener import OnReport
from zienswijze.mail.bounces import BounceAddress

logger = logging.getLogger(__name__)
# Headers that name the address a message was delivered to, most telling first.
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "To")
# Messages read per run: a flood of bounces is read over several runs, each short.
MESSAGES_PER_RUN = 200


@dataclass(frozen=True)
class MailboxSettings:
    """Where the bounces are: ``security`` is ``tls`` (imaps://), ``starttls`` or ``none`` (loopback only)."""

    security: str
    host: str
    port: int
    user: str
    mailbox: str
    password: str = field(default="", repr=False)


@dataclass(frozen=True)
class PollResult:
    recorded: int = 0
    ignored: int = 0


def poll(settings: MailboxSettings, bounces: BounceAddress, on_report: OnReport, *, timeout: float = 30) -> PollResult:
    """Reads the mailbox once; an error of ``on_report`` stops the run with that message kept."""
    recorded = ignored = 0
    with _connect(settings, timeout) as imap:
        imap.login(settings.user, settings.password)
        _ok(imap.select(_quoted(settings.mailbox)), f"select {settings.mailbox}")
        try:
            for uid in _ok(imap.uid("SEARCH", "UNDELETED"), "search")[0].decode().split()[:MESSAGES_PER_RUN]:
                raw = _message(imap, uid)
                outbox_id = _outbox_id(raw, bounces) if raw is not None else None
                if outbox_id is None:
                    ignored += 1
                else:
                    on_report(outbox_id, raw or b"")
                    recorded += 1
                _ok(imap.uid("STORE", uid, "+FLAGS", "(\\Deleted)"), "store")
        finally:
            imap.expunge()
    if ignored:
        logger.warning("bounce mailbox: deleted %d messages that are no report for an address of ours", ignored)
    return PollResult(recorded, ignored)


def _connect(settings: MailboxSettings, timeout: float) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    if settings.security == "tls":
        return imaplib.IMAP4_SSL(settings.host, settings.port, ssl_context=context, timeout=timeout)
    imap = imaplib.IMAP4(settings.host, settings.port, timeout=timeout)
    if settings.security == "starttls":
        imap.starttls(context)
    return imap


def _message(imap: imaplib.IMAP4, uid: str) -> bytes | None:
    for part in _ok(imap.uid("FETCH", uid, "(BODY.PEEK[])"), "fetch"):
        if isinstance(part, tuple):
            return part[1]
    return None


def _outbox_id(raw: bytes, bounces: BounceAddress) -> int | None:
    headers = BytesHeaderParser().parsebytes(raw)
    for name in RECIPIENT_HEADERS:
        for _name, address in getaddresses(headers.get_all(name, [])):
            outbox_id = bounces.outbox_id(address)
            if outbox_id is not None:
                return outbox_id
    return None


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(reply: tuple[str, list], what: str) -> list:
    status, data = reply
    if status != "OK":
        raise imaplib.IMAP4.error(f"{what}: {status} {data!r}")
    return data
