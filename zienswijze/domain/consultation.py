"""The consultation state machine (SPEC §4).

An invitation (uitnodiging) asks one stakeholder (derde-belanghebbende) in one round for their view
(zienswijze). Its state only moves along the transitions below; anything else is a programming or
concurrency error and must not be silently accepted.
"""

from __future__ import annotations

from enum import StrEnum


class InvitationState(StrEnum):
    CONCEPT = "concept"
    VERZONDEN = "verzonden"
    GEOPEND = "geopend"
    IN_BEHANDELING = "in behandeling"
    INGEDIEND = "ingediend"
    VERLOPEN = "verlopen"
    INGETROKKEN = "ingetrokken"
    ONBESTELBAAR = "onbestelbaar"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES


FINAL_STATES = frozenset(
    {InvitationState.INGEDIEND, InvitationState.VERLOPEN, InvitationState.INGETROKKEN, InvitationState.ONBESTELBAAR}
)

_S = InvitationState
_ALWAYS_POSSIBLE = {_S.VERLOPEN, _S.INGETROKKEN, _S.ONBESTELBAAR}
TRANSITIONS: dict[InvitationState, frozenset[InvitationState]] = {
    _S.CONCEPT: frozenset({_S.VERZONDEN, _S.INGETROKKEN, _S.ONBESTELBAAR}),
    _S.VERZONDEN: frozenset({_S.GEOPEND} | _ALWAYS_POSSIBLE),
    _S.GEOPEND: frozenset({_S.IN_BEHANDELING, _S.INGEDIEND} | _ALWAYS_POSSIBLE),
    _S.IN_BEHANDELING: frozenset({_S.INGEDIEND} | _ALWAYS_POSSIBLE),
    # A later submission before the deadline supersedes the earlier one; the state stays.
    _S.INGEDIEND: frozenset({_S.INGEDIEND}),
    # Granting an extension after the deadline reopens an expired invitation (SPEC §4).
    _S.VERLOPEN: frozenset({_S.GEOPEND}),
    # Correcting the address and resending issues a new token and starts again.
    _S.INGETROKKEN: frozenset({_S.VERZONDEN}),
    _S.ONBESTELBAAR: frozenset({_S.VERZONDEN}),
}


class IllegalTransition(ValueError):
    """An attempt to move an invitation along a transition SPEC §4 does not allow."""

    def __init__(self, current: InvitationState, target: InvitationState) -> None:
        super().__init__(f"invitation cannot go from {current.value!r} to {target.value!r}")
        self.current = current
        self.target = target


def transition(current: InvitationState, target: InvitationState) -> InvitationState:
    """The new state, or IllegalTransition when SPEC §4 forbids the move."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current, target)
    return target


class ExtensionStatus(StrEnum):
    """Where an extension request (verzoek om verlenging) stands; a flag beside the state."""

    AANGEVRAAGD = "aangevraagd"
    TOEGEKEND = "toegekend"
    GEWEIGERD = "geweigerd"
