"""The invitation lifecycle: the consultation state machine (SPEC §4) and what each state allows.

An invitation (uitnodiging) asks one stakeholder (derde-belanghebbende) in one round for their view
(zienswijze). Its state only moves along the transitions below; anything else is a programming or
concurrency error and must not be silently accepted. Whether it may still be answered, what its link
shows and what a handler may still do with it are decided here, from the state and the stored
deadline, and nowhere else.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import Enum, StrEnum

from zienswijze.domain.deadlines import deadline_moment


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


# The link no longer works: the handler revoked it, or it never reached the stakeholder.
_LINK_DEAD = frozenset({_S.INGETROKKEN, _S.ONBESTELBAAR})
# No response is taken in these states, whatever the date.
_CLOSED = _LINK_DEAD | {_S.VERLOPEN}
# Asked and not answered yet: such an invitation is reminded, and expires at its deadline.
AWAITING_STATES = frozenset({_S.VERZONDEN, _S.GEOPEND, _S.IN_BEHANDELING})
# Not yet ended: the decision waits for it, and its deadline still follows the closed days.
OPEN_STATES = frozenset(set(InvitationState) - FINAL_STATES)

# After the deadline the stakeholder can still read what they submitted for this long.
READ_ONLY_DAYS = 30


class LinkStatus(Enum):
    """What a stakeholder's link shows."""

    OPEN = "open"
    READ_ONLY = "read-only"  # the deadline passed: what was submitted stays visible for a while
    UNKNOWN = "unknown"  # guessed or altered: reveals nothing
    REVOKED = "revoked"  # replaced by a newer link or revoked by the handler
    EXPIRED = "expired"


def is_expired(deadline: date, now: datetime) -> bool:
    """Whether a deadline date has ended: it runs until the last instant of that day in Amsterdam."""
    return now > deadline_moment(deadline)


def accepts_response(state: InvitationState, deadline: date, now: datetime, *, decided: bool = False) -> bool:
    """Whether a view, a draft or an extension request is taken now.

    A submitted invitation takes a later view until the deadline; an unsent one too, since its link
    reached the stakeholder before the delivery was recorded. The stored deadline decides, never the
    age of the link. Once the decision is recorded (``decided``) nothing is taken: it came too late.
    """
    return not decided and state not in _CLOSED and not is_expired(deadline, now)


def counts_as_open(state: InvitationState) -> bool:
    """Whether the invitation has not ended yet, so the decision still waits for it."""
    return state in OPEN_STATES


def awaits_response(state: InvitationState) -> bool:
    """Whether the stakeholder was asked and has not answered: reminders go out and expiry applies."""
    return state in AWAITING_STATES


def link_status(
    state: InvitationState, deadline: date, now: datetime, *, current_link: bool, decided: bool = False
) -> LinkStatus:
    """What the link shows; ``current_link`` is whether it carries the invitation's current nonce.

    After the decision the stakeholder can still read their file, as after the deadline.
    """
    if not current_link or state in _LINK_DEAD:
        return LinkStatus.REVOKED
    if accepts_response(state, deadline, now, decided=decided):
        return LinkStatus.OPEN
    if now <= deadline_moment(deadline) + timedelta(days=READ_ONLY_DAYS):
        return LinkStatus.READ_ONLY
    return LinkStatus.EXPIRED


def may_resend(state: InvitationState) -> bool:
    """Whether a new link may be sent (resend, corrected address); a finished one is extended first."""
    return state not in {_S.INGEDIEND, _S.VERLOPEN}


def may_extend(state: InvitationState) -> bool:
    """Whether the handler may still extend the term; an expired invitation opens again (SPEC §4)."""
    return state is not _S.INGEDIEND and state not in _LINK_DEAD


def may_record_view(state: InvitationState) -> bool:
    """Whether a view given orally or on paper can be recorded: the stakeholder must have been asked."""
    return state not in _LINK_DEAD


def sent_on_delivery(state: InvitationState) -> bool:
    """Whether an accepted invitation mail makes the invitation sent (again); one further along stays."""
    return state is _S.CONCEPT or state in _LINK_DEAD


def steps_to_submitted(state: InvitationState) -> tuple[InvitationState, ...]:
    """The legal transitions to ``ingediend`` for a view the handler records: it may come in before
    the link was opened, or after the term ended."""
    steps = []
    if state is _S.CONCEPT:
        steps.append(state := _S.VERZONDEN)
    if state in {_S.VERZONDEN, _S.VERLOPEN}:
        steps.append(state := _S.GEOPEND)
    if state is not _S.INGEDIEND:
        steps.append(_S.INGEDIEND)
    return tuple(steps)
