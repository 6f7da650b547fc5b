"""Which reminders are due, when an invitation expires, and when the suspension ends: from state alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from zienswijze.domain.consultation import InvitationState, is_expired
from zienswijze.domain.scheduling import (
    DueReminders,
    Outcome,
    amsterdam_date,
    due_reminders,
    latest_deadline_reminded,
    suspension_end,
)

DEADLINE = date(2024, 12, 30)  # Monday; three working days before is Friday 20-12-2024
ONE_MICROSECOND = timedelta(microseconds=1)


def test_no_reminder_is_due_before_its_day():
    assert due_reminders(DEADLINE, [3], today=date(2024, 12, 19)) == DueReminders(None, ())


def test_the_reminder_is_due_on_its_day():
    assert due_reminders(DEADLINE, [3], today=date(2024, 12, 20)) == DueReminders(date(2024, 12, 20), ())


def test_a_reminder_missed_while_the_scheduler_was_down_is_still_sent_before_the_deadline():
    assert due_reminders(DEADLINE, [3], today=date(2024, 12, 27)).send == date(2024, 12, 20)


def test_a_recorded_reminder_is_not_due_again():
    assert due_reminders(DEADLINE, [3], today=date(2024, 12, 23), recorded={date(2024, 12, 20)}) == DueReminders(
        None, ()
    )


def test_of_several_overdue_reminders_only_the_latest_is_sent_and_the_others_skipped():
    due = due_reminders(DEADLINE, [5, 3, 1], today=date(2024, 12, 27))
    assert due == DueReminders(date(2024, 12, 24), (date(2024, 12, 18), date(2024, 12, 20)))


def test_an_earlier_day_left_over_behind_a_recorded_later_one_is_skipped_not_sent():
    due = due_reminders(DEADLINE, [5, 3], today=date(2024, 12, 23), recorded={date(2024, 12, 20)})
    assert due == DueReminders(None, (date(2024, 12, 18),))


def test_no_reminder_is_sent_after_the_deadline():
    assert due_reminders(DEADLINE, [3], today=date(2024, 12, 31)) == DueReminders(None, ())


def test_a_reminder_day_on_or_before_the_day_the_link_was_mailed_is_no_reminder():
    assert due_reminders(DEADLINE, [3], today=date(2024, 12, 23), sent_on=date(2024, 12, 20)) == DueReminders(None, ())


def test_a_moved_deadline_moves_the_reminder_day():
    assert due_reminders(date(2025, 1, 10), [3], today=date(2024, 12, 27)).send is None
    assert due_reminders(date(2025, 1, 10), [3], today=date(2025, 1, 7)).send == date(2025, 1, 7)


def test_closed_days_of_the_organisation_are_skipped_when_counting_back():
    due = due_reminders(DEADLINE, [1], today=date(2024, 12, 23), extra_closed={date(2024, 12, 24)})
    assert due.send == date(2024, 12, 23)


def test_a_deadline_expires_after_the_last_microsecond_of_its_day_in_amsterdam():
    last = datetime(2024, 7, 24, 21, 59, 59, 999999, tzinfo=UTC)  # 23:59:59.999999+02:00
    assert not is_expired(date(2024, 7, 24), last)
    assert is_expired(date(2024, 7, 24), last + ONE_MICROSECOND)


def test_on_the_last_sunday_of_october_the_day_ends_at_2300_utc_after_the_clocks_went_back():
    last = datetime(2026, 10, 25, 22, 59, 59, 999999, tzinfo=UTC)
    assert not is_expired(date(2026, 10, 25), last)
    assert is_expired(date(2026, 10, 25), last + ONE_MICROSECOND)


def test_on_the_last_sunday_of_march_the_day_ends_at_2200_utc_after_the_clocks_went_forward():
    last = datetime(2026, 3, 29, 21, 59, 59, 999999, tzinfo=UTC)
    assert not is_expired(date(2026, 3, 29), last)
    assert is_expired(date(2026, 3, 29), last + ONE_MICROSECOND)


ORIGINAL = date(2024, 7, 24)


def test_the_suspension_ends_on_the_latest_day_a_view_was_received_or_a_term_ended_unused():
    outcomes = [
        Outcome(InvitationState.INGEDIEND, ORIGINAL, submitted_on=date(2024, 7, 20)),
        Outcome(InvitationState.VERLOPEN, ORIGINAL),
        Outcome(InvitationState.INGEDIEND, ORIGINAL, submitted_on=date(2024, 7, 22)),
    ]
    assert suspension_end(outcomes, original_deadline=ORIGINAL, extension_prolongs=True) == ORIGINAL


def test_revoked_and_undeliverable_invitations_do_not_count_for_the_suspension():
    outcomes = [
        Outcome(InvitationState.INGEDIEND, ORIGINAL, submitted_on=date(2024, 7, 18)),
        Outcome(InvitationState.INGETROKKEN, date(2024, 8, 30)),
        Outcome(InvitationState.ONBESTELBAAR, date(2024, 8, 30)),
    ]
    assert suspension_end(outcomes, original_deadline=ORIGINAL, extension_prolongs=True) == date(2024, 7, 18)


def test_an_extension_prolongs_the_suspension_when_the_handler_chose_so():
    outcomes = [Outcome(InvitationState.VERLOPEN, date(2024, 8, 14), extended=True)]
    assert suspension_end(outcomes, original_deadline=ORIGINAL, extension_prolongs=True) == date(2024, 8, 14)


def test_an_extension_counts_only_up_to_the_original_deadline_when_it_does_not_prolong_the_suspension():
    outcomes = [
        Outcome(InvitationState.VERLOPEN, date(2024, 8, 14), extended=True),
        Outcome(InvitationState.INGEDIEND, ORIGINAL, submitted_on=date(2024, 7, 10)),
    ]
    assert suspension_end(outcomes, original_deadline=ORIGINAL, extension_prolongs=False) == ORIGINAL


def test_without_any_view_or_term_that_ran_there_is_no_suspension_end():
    outcomes = [Outcome(InvitationState.INGETROKKEN, ORIGINAL)]
    assert suspension_end(outcomes, original_deadline=ORIGINAL, extension_prolongs=True) is None


def test_the_latest_deadline_reminded_today_is_the_nth_working_day_after_today():
    # Friday 18 December 2026; three working days on: Monday 21, Tuesday 22, Wednesday 23.
    assert latest_deadline_reminded(date(2026, 12, 18), [1, 3]) == date(2026, 12, 23)


@given(
    today=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    offset=st.integers(min_value=0, max_value=60),
    days_before=st.lists(st.integers(min_value=1, max_value=15), min_size=1, max_size=3),
)
def test_a_deadline_after_the_latest_reminded_one_has_nothing_due_and_one_before_it_may(today, offset, days_before):
    deadline = today + timedelta(days=offset)
    due = due_reminders(deadline, days_before, today=today)
    assert (due.send is not None) == (deadline <= latest_deadline_reminded(today, days_before))


def test_the_organisations_closed_days_push_the_latest_deadline_reminded_back():
    # Monday 21 December 2026 closed: three working days after Friday 18 are 22, 23 and 24 December.
    assert latest_deadline_reminded(date(2026, 12, 18), [3], {date(2026, 12, 21)}) == date(2026, 12, 24)


def test_without_reminder_days_only_todays_deadline_is_in_reach():
    assert latest_deadline_reminded(date(2026, 12, 18), []) == date(2026, 12, 18)


def test_an_evening_moment_in_utc_is_already_the_next_day_in_amsterdam():
    assert amsterdam_date(datetime(2026, 12, 4, 23, 30, tzinfo=UTC)) == date(2026, 12, 5)


def test_a_revoked_invitation_listed_first_neither_counts_nor_stops_the_count():
    # Revoked after a view had come in on 20 July: it ran no term; S2's view of 15 July ends the suspension.
    outcomes = [
        Outcome(InvitationState.INGETROKKEN, date(2024, 7, 24), submitted_on=date(2024, 7, 20)),
        Outcome(InvitationState.INGEDIEND, date(2024, 7, 24), submitted_on=date(2024, 7, 15)),
    ]
    assert suspension_end(outcomes, original_deadline=date(2024, 7, 24), extension_prolongs=True) == date(2024, 7, 15)
