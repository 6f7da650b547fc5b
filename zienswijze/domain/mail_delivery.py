"""States of a message in the mail outbox, and the rules for what a delivery attempt leads to (SPEC §8).

Every e-mail goes through the outbox. A temporary failure is retried after a growing, jittered wait,
so a struggling mail server is not hammered by every scheduler at the same moment; a permanent
failure is final at once, because sending the same message again cannot succeed.
"""

from __future__ import annotations

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


class Delivery(StrEnum):
    """What one delivery attempt came to."""

    ACCEPTED = "accepted"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"


def classify_reply(code: int) -> Delivery:
    """An SMTP error reply (RFC 5321 §4.2.1): 5xx is permanent, anything else may pass if tried again.

    Codes outside 4xx/5xx (smtplib reports -1 for a reply it could not parse) count as temporary:
    retrying a message that might have been deliverable costs little, losing it costs a stakeholder.
    """
    return Delivery.PERMANENT if 500 <= code <= 599 else Delivery.TEMPORARY


def state_after(delivery: Delivery, *, attempts: int, max_attempts: int) -> OutboxState:
    """The message's state once ``attempts`` attempts (this one included) have been made."""
    if delivery is Delivery.ACCEPTED:
        return OutboxState.SENT
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
