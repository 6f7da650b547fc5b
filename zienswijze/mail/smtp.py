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
from functools import cache
from typing import Any

from zienswijze.db import OutboxAttachment, OutboxMessage
from zienswijze.domain.mail_delivery import Delivery, Stage, classify_reply
from zienswijze.mail.bounces import BounceAddress
from zienswijze.mail.watchdog import Watchdog, describe


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
    # With a bounce address every message has its own envelope sender (``mail.bounces``).
    bounces: BounceAddress | None = None

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
            bounces=bounce_address(config),
        )

    def return_path(self, message: OutboxMessage) -> str:
        """The envelope sender (MAIL FROM) of ``message``: where a bounce of it goes."""
        if self.bounces is None:
            return parseaddr(self.sender)[1]
        return self.bounces.for_message(message.id)


def bounce_address(config: Mapping[str, Any]) -> BounceAddress | None:
    """The configured bounce address with the keys of its tokens, or None when bounces go to the sender."""
    if not config.get("BOUNCE_ADDRESS"):
        return None
    return BounceAddress(config["BOUNCE_ADDRESS"], config["SECRET_KEY"], config.get("SECRET_KEY_FALLBACKS", ()))


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


@cache
def tls_context() -> ssl.SSLContext:
    """One per process: creating it loads the system's certificates, which cost more than a message."""
    return ssl.create_default_context()


def connect(settings: SmtpSettings, *, watchdog: Watchdog) -> smtplib.SMTP | Attempt:
    """An open, greeted and logged-in connection, or the failure that stopped it; ``watchdog`` bounds
    the whole of it, however slowly the server answers each step."""
    context = tls_context()
    # Connecting after construction, so a greeting that times out still closes the socket.
    connection = (
        smtplib.SMTP_SSL(timeout=settings.timeout, context=context)
        if settings.security == "tls"
        else smtplib.SMTP(timeout=settings.timeout)
    )
    with watchdog.watching(connection):
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
            # A refused login or TLS handshake is the deployment's problem, not the recipient's.
            return Attempt(Delivery.UNREACHED, f"connecting: {watchdog.reason(error)}", connection_lost=True)
    if watchdog.fired:  # cut off just after the last step went through
        connection.close()
        return Attempt(Delivery.UNREACHED, f"connecting: {watchdog.reason(None)}", connection_lost=True)
    return connection


def send(
    connection: smtplib.SMTP,
    message: OutboxMessage,
    *,
    sender: str,
    return_path: str | None = None,
    attachments: Sequence[OutboxAttachment] = (),
    watchdog: Watchdog,
) -> Attempt:
    """Sends one message over an open connection; ``watchdog`` bounds the whole exchange.

    ``return_path`` is the envelope sender, the From address when None.
    """
    try:
        email = build_email(message, sender=sender, attachments=attachments)
    except ValueError as error:  # a header that cannot be written, such as one with a line break
        return Attempt(Delivery.PERMANENT, f"cannot build the message: {error}")
    with watchdog.watching(connection):
        try:
            connection.send_message(email, from_addr=return_path or parseaddr(sender)[1], to_addrs=[message.to_address])
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            return _refused(code, reply, Stage.RCPT)
        except smtplib.SMTPSenderRefused as error:
            # Our own From address refused would refuse every message; a too large SIZE only this one.
            return _refused(error.smtp_code, error.smtp_error, Stage.MAIL)
        except smtplib.SMTPDataError as error:  # the message itself refused
            return _refused(error.smtp_code, error.smtp_error, Stage.DATA)
        except smtplib.SMTPNotSupportedError as error:  # e.g. an address that needs SMTPUTF8
            return Attempt(Delivery.PERMANENT, describe(error))
        except (smtplib.SMTPException, OSError) as error:  # dropped, reset, timed out, or an odd reply
            return Attempt(Delivery.UNREACHED, watchdog.reason(error), connection_lost=True)
    if watchdog.fired:
        # Cut off just as the server accepted: the message went, but the connection is gone.
        return Attempt(Delivery.ACCEPTED, connection_lost=True)
    return Attempt(Delivery.ACCEPTED)


def _refused(code: int, reply: bytes | str, stage: Stage) -> Attempt:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    delivery = classify_reply(code, stage=stage, text=text)
    error = f"{code} {text}".strip()
    if stage is Stage.MAIL and delivery is Delivery.UNREACHED:
        error = f"sender refused: {error}"
    # RFC 5321 §4.2.2: 421 closes the connection; a refused sender would refuse the rest of the batch too.
    return Attempt(delivery, error, connection_lost=delivery is Delivery.UNREACHED)


def close(connection: smtplib.SMTP, *, polite: bool) -> None:
    """QUIT on a healthy connection; a broken one is only closed, never waited on again."""
    with suppress(smtplib.SMTPException, OSError):
        if polite:
            connection.quit()
    connection.close()
