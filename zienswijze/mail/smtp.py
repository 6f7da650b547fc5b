"""One SMTP conversation: connect, send a stored message, and say what the reply means.

Why ``smtplib`` and not Flask-Mail: Flask-Mail connects without a timeout, so a server that accepts
the connection and then says nothing would hold the scheduler for ever; it hides the reply codes that
decide between retrying and giving up; and its ``Message`` builds the MIME only inside a Flask
application context, which the dispatcher does not need and its tests do not have. ``EmailMessage``
builds each message with its stored Message-ID; ``smtplib`` sends it with ``timeout`` on every
socket operation.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from zienswijze.db import OutboxAttachment, OutboxMessage
from zienswijze.domain.mail_delivery import Delivery, classify_reply


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to reach the mail server; ``security`` is none, starttls or tls."""

    host: str
    port: int
    security: str = "none"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = "zienswijze@localhost"
    timeout: float = 30

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpSettings:
        security = "tls" if config["MAIL_USE_SSL"] else "starttls" if config["MAIL_USE_TLS"] else "none"
        return cls(
            host=config["MAIL_SERVER"],
            port=config["MAIL_PORT"],
            security=security,
            username=config.get("MAIL_USERNAME"),
            password=config.get("MAIL_PASSWORD"),
            sender=config["MAIL_DEFAULT_SENDER"],
            timeout=config["MAIL_TIMEOUT_SECONDS"],
        )


@dataclass(frozen=True)
class Attempt:
    """How one message fared; ``connection_lost`` means the rest of the batch cannot go over it."""

    delivery: Delivery
    error: str = ""
    connection_lost: bool = False


def build_email(message: OutboxMessage, *, sender: str, attachments: Sequence[OutboxAttachment] = ()) -> EmailMessage:
    """The message as it goes out; Date is when it was queued, so every retry is the same message."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        email.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return email


def connect(settings: SmtpSettings) -> smtplib.SMTP | Attempt:
    """An open, greeted and logged-in connection, or the temporary failure that stopped it."""
    context = ssl.create_default_context()
    # Connecting after construction, so a greeting that times out still closes the socket.
    connection = (
        smtplib.SMTP_SSL(timeout=settings.timeout, context=context)
        if settings.security == "tls"
        else smtplib.SMTP(timeout=settings.timeout)
    )
    try:
        connection.connect(settings.host, settings.port)
        # EHLO here, so a server refusing it is a connection failure, not a refused recipient.
        connection.ehlo_or_helo_if_needed()
        if settings.security == "starttls":
            connection.starttls(context=context)
        if settings.username:
            connection.login(settings.username, settings.password or "")
    except (smtplib.SMTPException, OSError) as error:
        connection.close()
        # A refused login or TLS handshake is the deployment's problem, not the recipient's: retry.
        return Attempt(Delivery.TEMPORARY, f"connecting: {_reason(error)}", connection_lost=True)
    return connection


def send(
    connection: smtplib.SMTP, message: OutboxMessage, *, sender: str, attachments: Sequence[OutboxAttachment] = ()
) -> Attempt:
    try:
        email = build_email(message, sender=sender, attachments=attachments)
    except ValueError as error:  # a header that cannot be written, such as one with a line break
        return Attempt(Delivery.PERMANENT, f"cannot build the message: {error}")
    try:
        connection.send_message(email, from_addr=parseaddr(sender)[1], to_addrs=[message.to_address])
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        return _refused(code, reply)
    except smtplib.SMTPSenderRefused as error:
        # Our own From address is refused: a setup fault that would refuse every message, not a bad recipient.
        return Attempt(
            Delivery.TEMPORARY,
            f"sender refused: {_refused(error.smtp_code, error.smtp_error).error}",
            connection_lost=True,
        )
    except smtplib.SMTPResponseException as error:  # the data refused
        return _refused(error.smtp_code, error.smtp_error)
    except smtplib.SMTPNotSupportedError as error:  # e.g. an address that needs SMTPUTF8
        return Attempt(Delivery.PERMANENT, _reason(error))
    except (smtplib.SMTPException, OSError) as error:  # dropped, reset or timed out
        return Attempt(Delivery.TEMPORARY, _reason(error), connection_lost=True)
    return Attempt(Delivery.ACCEPTED)


def _refused(code: int, reply: bytes | str) -> Attempt:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    # RFC 5321 §4.2.2: 421 means the server is closing the connection.
    return Attempt(classify_reply(code), f"{code} {text}".strip(), connection_lost=code == 421)


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".rstrip(": ")


def close(connection: smtplib.SMTP, *, polite: bool) -> None:
    """QUIT on a healthy connection; a broken one is only closed, never waited on again."""
    with suppress(smtplib.SMTPException, OSError):
        if polite:
            connection.quit()
    connection.close()
