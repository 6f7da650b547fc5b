"""States of a message in the mail outbox; every e-mail goes through it (SPEC §8)."""

from __future__ import annotations

from enum import StrEnum


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    RETRY = "retry"
    SENT = "sent"
    FAILED = "failed"


WAITING_STATES = frozenset({OutboxState.PENDING, OutboxState.RETRY})
