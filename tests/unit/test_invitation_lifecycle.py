"""What each state of an invitation allows, decided from the state and the stored deadline (SPEC §4).

A deadline day runs until 23:59:59.999999 in Europe/Amsterdam; the dated boundaries below are the
last microsecond of the day and the one after it, in summer and winter time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from zienswijze.domain.consultation import (
    AWAITING_STATES,
    FINAL_STATES,
    OPEN_STATES,
    READ_ONLY_DAYS,
    InvitationState,
    LinkStatus,
    accepts_response,
    awaits_response,
    counts_as_open,
    link_status,
    may_extend,
    may_record_view,
    may_resend,
    sent_on_delivery,
    steps_to_submitted,
    transition,
)

S = InvitationState
ONE_MICROSECOND = timedelta(microseconds=1)
SUMMER_DEADLINE = date(2024, 7, 24)
SUMMER_LAST = datetime(2024, 7, 24, 21, 59, 59, 999999, tzinfo=UTC)  # 23:59:59.999999+02:00
WINTER_DEADLINE = date(2024, 12, 30)
WINTER_LAST = datetime(2024, 12, 30, 22, 59, 59, 999999, tzinfo=UTC)  # 23:59:59.999999+01:00
TAKING = [S.CONCEPT, S.VERZONDEN, S.GEOPEND, S.IN_BEHANDELING, S.INGEDIEND]


@pytest.mark.parametrize("state", TAKING)
@pytest.mark.parametrize(("deadline", "last"), [(SUMMER_DEADLINE, SUMMER_LAST), (WINTER_DEADLINE, WINTER_LAST)])
def test_a_response_is_accepted_until_the_last_microsecond_of_the_deadline_day_in_amsterdam(state, deadline, last):
    assert accepts_response(state, deadline, last)
    assert not accepts_response(state, deadline, last + ONE_MICROSECOND)


@pytest.mark.parametrize("state", [S.VERLOPEN, S.INGETROKKEN, S.ONBESTELBAAR])
def test_an_expired_revoked_or_undeliverable_invitation_accepts_nothing_even_before_its_deadline(state):
    assert not accepts_response(state, SUMMER_DEADLINE, SUMMER_LAST - timedelta(days=3))


def test_an_invitation_counts_as_open_for_the_decision_until_it_ends():
    assert {s for s in S if counts_as_open(s)} == OPEN_STATES == set(S) - FINAL_STATES
    assert {S.CONCEPT, S.VERZONDEN, S.GEOPEND, S.IN_BEHANDELING} == OPEN_STATES


def test_only_a_sent_invitation_without_a_view_awaits_a_response_and_so_is_reminded_and_expires():
    assert {s for s in S if awaits_response(s)} == AWAITING_STATES == {S.VERZONDEN, S.GEOPEND, S.IN_BEHANDELING}
    assert all(transition(s, S.VERLOPEN) is S.VERLOPEN for s in AWAITING_STATES)


def test_the_link_is_open_until_the_deadline_then_read_only_for_thirty_days_then_expired():
    assert link_status(S.GEOPEND, SUMMER_DEADLINE, SUMMER_LAST, current_link=True) is LinkStatus.OPEN
    after = SUMMER_LAST + ONE_MICROSECOND
    assert link_status(S.GEOPEND, SUMMER_DEADLINE, after, current_link=True) is LinkStatus.READ_ONLY
    last_read = SUMMER_LAST + timedelta(days=READ_ONLY_DAYS)
    assert link_status(S.INGEDIEND, SUMMER_DEADLINE, last_read, current_link=True) is LinkStatus.READ_ONLY
    gone = last_read + ONE_MICROSECOND
    assert link_status(S.INGEDIEND, SUMMER_DEADLINE, gone, current_link=True) is LinkStatus.EXPIRED


def test_an_expired_invitation_shows_its_link_read_only_even_when_its_deadline_has_not_ended():
    early = SUMMER_LAST - timedelta(days=1)
    assert link_status(S.VERLOPEN, SUMMER_DEADLINE, early, current_link=True) is LinkStatus.READ_ONLY


@pytest.mark.parametrize("state", list(S))
def test_a_replaced_link_is_revoked_whatever_the_state(state):
    assert link_status(state, SUMMER_DEADLINE, SUMMER_LAST, current_link=False) is LinkStatus.REVOKED


@pytest.mark.parametrize("state", [S.INGETROKKEN, S.ONBESTELBAAR])
def test_the_link_of_a_revoked_or_undeliverable_invitation_is_revoked(state):
    assert link_status(state, SUMMER_DEADLINE, SUMMER_LAST, current_link=True) is LinkStatus.REVOKED


def test_the_link_is_open_exactly_when_a_response_is_accepted():
    for state in S:
        for moment in (SUMMER_LAST, SUMMER_LAST + ONE_MICROSECOND):
            is_open = link_status(state, SUMMER_DEADLINE, moment, current_link=True) is LinkStatus.OPEN
            assert is_open == accepts_response(state, SUMMER_DEADLINE, moment)


def test_a_finished_invitation_is_not_resent_but_extended_first():
    assert {s for s in S if not may_resend(s)} == {S.INGEDIEND, S.VERLOPEN}


def test_the_term_can_be_extended_until_a_view_came_in_also_after_expiry():
    assert {s for s in S if may_extend(s)} == {S.CONCEPT, S.VERZONDEN, S.GEOPEND, S.IN_BEHANDELING, S.VERLOPEN}
    assert transition(S.VERLOPEN, S.GEOPEND) is S.GEOPEND


def test_an_oral_view_is_recorded_only_for_a_stakeholder_who_was_asked():
    assert {s for s in S if not may_record_view(s)} == {S.INGETROKKEN, S.ONBESTELBAAR}


def test_delivered_mail_makes_an_unsent_revoked_or_undeliverable_invitation_sent():
    assert {s for s in S if sent_on_delivery(s)} == {S.CONCEPT, S.INGETROKKEN, S.ONBESTELBAAR}
    assert all(transition(s, S.VERZONDEN) is S.VERZONDEN for s in S if sent_on_delivery(s))


@pytest.mark.parametrize("state", [s for s in S if may_record_view(s)])
def test_a_recorded_view_reaches_submitted_along_legal_transitions(state):
    for target in steps_to_submitted(state):
        state = transition(state, target)
    assert state is S.INGEDIEND


def test_a_view_recorded_after_the_term_reopens_the_invitation_first():
    assert steps_to_submitted(S.VERLOPEN) == (S.GEOPEND, S.INGEDIEND)
    assert steps_to_submitted(S.CONCEPT) == (S.VERZONDEN, S.GEOPEND, S.INGEDIEND)
    assert steps_to_submitted(S.INGEDIEND) == ()


@pytest.mark.parametrize("state", TAKING)
def test_after_the_decision_nothing_is_taken_and_the_link_shows_the_file_read_only(state):
    early = SUMMER_LAST - timedelta(days=3)
    assert not accepts_response(state, SUMMER_DEADLINE, early, decided=True)
    assert link_status(state, SUMMER_DEADLINE, early, current_link=True, decided=True) is LinkStatus.READ_ONLY
