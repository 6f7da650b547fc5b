"""SPEC §4: the invitation state machine."""

import pytest

from zienswijze.domain.consultation import FINAL_STATES, IllegalTransition, InvitationState, transition

S = InvitationState


def test_an_invitation_goes_from_sent_to_opened_to_draft_to_submitted():
    state = S.CONCEPT
    for target in (S.VERZONDEN, S.GEOPEND, S.IN_BEHANDELING, S.INGEDIEND):
        state = transition(state, target)
    assert state is S.INGEDIEND


@pytest.mark.parametrize("start", [S.VERZONDEN, S.GEOPEND, S.IN_BEHANDELING])
@pytest.mark.parametrize("end", [S.VERLOPEN, S.INGETROKKEN, S.ONBESTELBAAR])
def test_every_open_state_can_expire_be_revoked_or_bounce(start, end):
    assert transition(start, end) is end


def test_a_submitted_invitation_cannot_expire():
    with pytest.raises(IllegalTransition, match="'ingediend' to 'verlopen'"):
        transition(S.INGEDIEND, S.VERLOPEN)


def test_an_unsent_invitation_cannot_be_opened():
    with pytest.raises(IllegalTransition):
        transition(S.CONCEPT, S.GEOPEND)


def test_a_later_submission_supersedes_the_earlier_one_without_leaving_submitted():
    assert transition(S.INGEDIEND, S.INGEDIEND) is S.INGEDIEND


def test_granting_an_extension_after_the_deadline_reopens_an_expired_invitation():
    assert transition(S.VERLOPEN, S.GEOPEND) is S.GEOPEND


def test_a_corrected_address_sends_a_revoked_or_undeliverable_invitation_again():
    assert transition(S.ONBESTELBAAR, S.VERZONDEN) is S.VERZONDEN
    assert transition(S.INGETROKKEN, S.VERZONDEN) is S.VERZONDEN


def test_final_states_are_submitted_expired_revoked_and_undeliverable():
    assert {s for s in S if s.is_final} == FINAL_STATES == {S.INGEDIEND, S.VERLOPEN, S.INGETROKKEN, S.ONBESTELBAAR}
