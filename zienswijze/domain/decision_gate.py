"""No decision while a view can still come in (Woo art. 4.4 lid 1: the stakeholder is given the opportunity).

The decision, and the weighing of a stakeholder who gave no view, wait for every invitation of the
case until its stakeholder submitted a view or its term ended (a granted extension moves the
deadline), and for every extension request the handler has not decided yet. Once everyone has
submitted, nothing waits. The handler may decide earlier with a reason; the paragraph then says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from zienswijze.domain.consultation import InvitationState


class Waiting(StrEnum):
    """Why an invitation still holds the decision back."""

    TERM_RUNNING = "termijn loopt"
    EXTENSION_REQUESTED = "verlenging gevraagd"


@dataclass(frozen=True)
class InvitationFacts:
    state: InvitationState
    deadline: date  # the invitation's own, a granted extension included
    extension_requested: bool  # a request for more time the handler has not decided yet

    @property
    def submitted(self) -> bool:
        return self.state is InvitationState.INGEDIEND


def waiting_for(facts: InvitationFacts, today: date) -> Waiting | None:
    """What the decision still waits for in this invitation, or None when it waits for nothing.

    A term runs until the end of its deadline day in Amsterdam, so it has ended once ``today`` (an
    Amsterdam date) is later. A revoked invitation is no longer part of the consultation; an
    undeliverable one keeps its term, within which the address can be corrected and the link resent.
    """
    if facts.state is InvitationState.INGETROKKEN:
        return None
    if facts.extension_requested:
        return Waiting.EXTENSION_REQUESTED
    if facts.submitted or facts.deadline < today:
        return None
    return Waiting.TERM_RUNNING


K = TypeVar("K")


def blocking(invitations: Iterable[tuple[K, InvitationFacts]], today: date) -> list[tuple[K, Waiting]]:
    """The invitations (by their key) that still hold the decision back, and why, in the order given."""
    return [(key, why) for key, facts in invitations if (why := waiting_for(facts, today)) is not None]


def early_decision_note(reason: str) -> str:
    """The sentence of the decision paragraph for a decision taken before every term ended (Dutch only)."""
    because = reason.strip().rstrip(".")
    return (
        "Het besluit is genomen voordat de termijn voor het geven van een zienswijze voor iedere "
        f"belanghebbende was verstreken, omdat {because}."
    )
