"""States of a message in the mail outbox, and the rules for what a delivery attempt leads to (SPEC §8).

Every e-mail goes through the outbox. What a failure means depends on whom it is about:

- The recipient or the message: a reply to RCPT or DATA, or a 552 (too large) to MAIL FROM with
  ``SIZE=``. A 5xx is permanent, final at once, because sending the same message again cannot
  succeed. A 4xx counts as an attempt and is retried until ``max_attempts``; then the message is
  given up (failed, but not bounced).
- The connection (``Delivery.UNREACHED``): the server cannot be reached, times out, drops us, says
  421, refuses our TLS or login, or refuses our own sender address. That says nothing about this
  message, so it never counts as an attempt and never fails the message: an outage of our mail
  server must not use up attempts and make stakeholders' invitations undeliverable. It is retried
  with its own count, reset by the next reply, so each outage backs off from the start.

Retries wait a growing, jittered time, so a struggling mail server is not hammered by every
scheduler at the same moment.

An invitation becomes undeliverable (``onbestelbaar``) only on a permanent reply (``bounced``) for
the address: a message given up after temporary replies fails, but its invitation stays open and the
handler is told, so they can check the address and send again, or revoke the invitation. The address
may work tomorrow; "onbestelbaar" would claim more than is known.
"""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    RETRY = "retry"
    SENT = "sent"
    FAILED = "failed"
    # Withdrawn before it went out: the invitation was revoked, or a newer link replaced this one.
    CANCELLED = "cancelled"


WAITING_STATES = frozenset({OutboxState.PENDING, OutboxState.RETRY})
# Not gone out and not given up: what /healthz counts as mail still to send.
UNSENT_STATES = WAITING_STATES | {OutboxState.SENDING}


class Delivery(StrEnum):
    """What one delivery attempt came to."""

    ACCEPTED = "accepted"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    # The connection failed or the server refused us, not the recipient: no attempt was made.
    UNREACHED = "unreached"

    @property
    def counts_as_attempt(self) -> bool:
        """Whether the server answered about this message, so the result uses up an attempt."""
        return self is not Delivery.UNREACHED


class Stage(StrEnum):
    """The SMTP command a reply answers."""

    MAIL = "mail"  # MAIL FROM, with our sender address and the message's SIZE
    RCPT = "rcpt"
    DATA = "data"


# RFC 3463 §3.4: X.3.4 is "message too big for system".
_TOO_BIG = re.compile(r"\b[45]\.3\.4\b")


def classify_reply(code: int, *, stage: Stage = Stage.RCPT, text: str = "") -> Delivery:
    """What an SMTP error reply (RFC 5321 §4.2.1) means for the message it answers.

    421 closes the connection at any stage. To MAIL FROM, a 552 (RFC 1870: the ``SIZE`` is more than
    the server takes) or a 5.3.4 is about this message and permanent; any other refusal there is
    about our sender address, which would refuse every message: a setup fault, not an attempt. To
    RCPT and DATA, 5xx is permanent and anything else may pass if tried again; codes outside 4xx/5xx
    (smtplib reports -1 for a reply it could not parse) count as temporary: retrying a message that
    might have been deliverable costs little, losing it costs a stakeholder.
    """
    if code == 421:
        return Delivery.UNREACHED
    if stage is Stage.MAIL:
        too_big = code == 552 or (500 <= code <= 599 and _TOO_BIG.search(text) is not None)
        return Delivery.PERMANENT if too_big else Delivery.UNREACHED
    return Delivery.PERMANENT if 500 <= code <= 599 else Delivery.TEMPORARY


def state_after(delivery: Delivery, *, attempts: int, max_attempts: int) -> OutboxState:
    """The message's state once ``attempts`` attempts (this one included, if it counts) have been made."""
    if delivery is Delivery.ACCEPTED:
        return OutboxState.SENT
    if delivery is Delivery.UNREACHED:
        return OutboxState.RETRY
    if delivery is Delivery.PERMANENT or attempts >= max_attempts:
        return OutboxState.FAILED
    return OutboxState.RETRY


def retry_delay(attempt: int, *, base_seconds: float, cap_seconds: float, jitter: float) -> timedelta:
    """How long to wait after failed attempt number ``attempt`` (1 for the first), with "equal jitter".

    The ceiling doubles per attempt up to ``cap_seconds``; the wait is drawn from its upper half,
    ``jitter`` in [0, 1) choosing where. So until the cap a wait is never shorter than any earlier one
    could have been, no wait reaches the cap, and processes that failed together spread out.
    """
    if not 0 <= jitter < 1:
        raise ValueError(f"jitter must be in [0, 1), not {jitter}")
    if attempt < 1:
        raise ValueError(f"attempt counts from 1, not {attempt}")
    # The exponent is bounded so a very high attempt number cannot overflow the float.
    ceiling = min(cap_seconds, base_seconds * 2.0 ** min(attempt - 1, 64))
    return timedelta(seconds=ceiling / 2 * (1 + jitter))
