"""No decision while a view can still come in: what each invitation still holds the decision back for."""

from __future__ import annotations

from datetime import date

import pytest

from zienswijze.domain.consultation import InvitationState
from zienswijze.domain.decision_gate import InvitationFacts, Waiting, blocking, early_decision_note, waiting_for

S = InvitationState
DEADLINE = date(2025, 11, 17)
ON_THE_DAY = DEADLINE
DAY_AFTER = date(2025, 11, 18)
RUNNING, REQUESTED = Waiting.TERM_RUNNING, Waiting.EXTENSION_REQUESTED


@pytest.mark.parametrize(
    ("state", "extension_requested", "today", "expected"),
    [
        # Asked and not answered: the decision waits until the deadline day has ended.
        (S.CONCEPT, False, ON_THE_DAY, RUNNING),
        (S.VERZONDEN, False, ON_THE_DAY, RUNNING),
        (S.GEOPEND, False, ON_THE_DAY, RUNNING),
        (S.IN_BEHANDELING, False, ON_THE_DAY, RUNNING),
        (S.VERZONDEN, False, DAY_AFTER, None),
        # Not yet marked expired by the job: the date decides.
        (S.IN_BEHANDELING, False, DAY_AFTER, None),
        (S.VERLOPEN, False, DAY_AFTER, None),
        # Submitted: nothing to wait for, also while the term still runs.
        (S.INGEDIEND, False, ON_THE_DAY, None),
        # The mail bounced: the address can still be corrected and resent within the term.
        (S.ONBESTELBAAR, False, ON_THE_DAY, RUNNING),
        (S.ONBESTELBAAR, False, DAY_AFTER, None),
        # Revoked: no longer part of the consultation.
        (S.INGETROKKEN, False, ON_THE_DAY, None),
        (S.INGETROKKEN, True, ON_THE_DAY, None),
        # A request for more time waits for the handler's answer, whatever the date or state.
        (S.GEOPEND, True, ON_THE_DAY, REQUESTED),
        (S.GEOPEND, True, DAY_AFTER, REQUESTED),
        (S.VERLOPEN, True, DAY_AFTER, REQUESTED),
        (S.INGEDIEND, True, ON_THE_DAY, REQUESTED),
    ],
)
def test_what_an_invitation_holds_the_decision_back_for(state, extension_requested, today, expected):
    assert waiting_for(InvitationFacts(state, DEADLINE, extension_requested), today) is expected


def test_a_granted_extension_is_the_deadline_that_counts():
    extended = InvitationFacts(S.GEOPEND, date(2025, 12, 1), extension_requested=False)
    assert waiting_for(extended, DAY_AFTER) is RUNNING


def test_blocking_names_only_the_invitations_that_still_wait_in_the_order_given():
    invitations = [
        ("S1", InvitationFacts(S.INGEDIEND, DEADLINE, False)),
        ("S2", InvitationFacts(S.GEOPEND, DEADLINE, False)),
        ("S3", InvitationFacts(S.VERLOPEN, DEADLINE, True)),
    ]
    assert blocking(invitations, ON_THE_DAY) == [("S2", RUNNING), ("S3", REQUESTED)]
    assert blocking(invitations[:1], ON_THE_DAY) == []


def test_the_early_decision_note_gives_the_reason_as_one_sentence():
    assert early_decision_note("  alle belanghebbenden hebben laten weten niet te reageren. ") == (
        "Het besluit is genomen voordat de termijn voor het geven van een zienswijze voor iedere belanghebbende "
        "was verstreken, omdat alle belanghebbenden hebben laten weten niet te reageren."
    )
