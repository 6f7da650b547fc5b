"""Extension requests, reminders after an extension, and deadlines that never move earlier."""

from __future__ import annotations

from datetime import date

from zienswijze.domain.deadline_extensions import (
    assess_extension,
    latest_extension_date,
    must_tell_stakeholder,
    recomputed_deadline,
    reminder_dates,
)
from zienswijze.domain.deadlines import term_end

# A round whose deadline is Wednesday 24 July 2024, with up to 21 extra days: until 14 August 2024.
ROUND = {
    "current_deadline": date(2024, 7, 24),
    "original_deadline": date(2024, 7, 24),
    "allow_extensions": True,
    "max_extra_days": 21,
}


def test_a_request_within_the_maximum_is_allowed_with_the_requested_date():
    decision = assess_extension(date(2024, 8, 9), **ROUND)
    assert (decision.allowed, decision.deadline, decision.explanation, decision.reason) == (
        True,
        date(2024, 8, 9),
        (),
        None,
    )


def test_a_request_for_a_saturday_is_moved_to_the_monday_and_explained():
    decision = assess_extension(date(2024, 8, 10), **ROUND)
    assert decision.deadline == date(2024, 8, 12)
    assert decision.explanation == (
        "10-08-2024 is een zaterdag; verschoven naar 11-08-2024",
        "11-08-2024 is een zondag; verschoven naar 12-08-2024",
    )


def test_a_request_for_a_closed_day_of_the_organisation_is_moved_to_the_next_working_day():
    decision = assess_extension(date(2024, 8, 9), **ROUND, extra_closed={date(2024, 8, 9)})
    assert decision.deadline == date(2024, 8, 12)


def test_a_request_not_after_the_current_deadline_is_refused():
    decision = assess_extension(date(2024, 7, 24), **ROUND)
    assert not decision.allowed
    assert decision.reason == (
        "De gevraagde datum woensdag 24 juli 2024 ligt niet na de huidige uiterste datum woensdag 24 juli 2024."
    )


def test_a_request_beyond_the_maximum_is_refused():
    decision = assess_extension(date(2024, 8, 15), **ROUND)
    assert not decision.allowed
    assert decision.reason == (
        "De gevraagde datum donderdag 15 augustus 2024 ligt na woensdag 14 augustus 2024,"
        " de uiterste datum waartoe verlenging in deze consultatieronde mogelijk is."
    )


def test_a_request_on_the_last_allowed_day_is_allowed():
    assert assess_extension(date(2024, 8, 14), **ROUND).deadline == date(2024, 8, 14)


def test_a_round_without_extensions_refuses_every_request():
    decision = assess_extension(date(2024, 8, 9), **(ROUND | {"allow_extensions": False}))
    assert decision.reason == "In deze consultatieronde is verlenging van de termijn niet mogelijk."


def test_a_refused_request_has_no_deadline():
    assert assess_extension(date(2024, 8, 15), **ROUND).deadline is None


def test_the_maximum_counts_from_the_original_deadline_not_from_an_earlier_extension():
    extended_once = ROUND | {"current_deadline": date(2024, 8, 7)}
    assert not assess_extension(date(2024, 8, 20), **extended_once).allowed


def test_a_maximum_ending_on_a_weekend_runs_to_the_next_working_day():
    # 24 July 2024 + 17 days is Saturday 10 August 2024.
    assert latest_extension_date(date(2024, 7, 24), 17) == date(2024, 8, 12)


def test_a_request_for_the_weekend_at_the_maximum_is_allowed_on_the_monday():
    decision = assess_extension(date(2024, 8, 10), **(ROUND | {"max_extra_days": 17}))
    assert decision.deadline == date(2024, 8, 12)


def test_an_allowed_request_is_granted_automatically_when_the_policy_says_so():
    assert assess_extension(date(2024, 8, 9), **ROUND, auto_grant=True).automatic


def test_an_allowed_request_waits_for_the_handler_without_that_policy():
    assert not assess_extension(date(2024, 8, 9), **ROUND).automatic


def test_a_refused_request_is_never_granted_automatically():
    assert not assess_extension(date(2024, 8, 15), **ROUND, auto_grant=True).automatic


def test_the_reminder_is_three_working_days_before_the_deadline():
    assert reminder_dates(date(2024, 8, 9), [3]) == [date(2024, 8, 6)]


def test_reminder_dates_are_sorted_and_each_given_once():
    assert reminder_dates(date(2024, 8, 9), [3, 1, 3]) == [date(2024, 8, 6), date(2024, 8, 8)]


def test_a_granted_extension_moves_the_reminder_with_the_deadline():
    assert reminder_dates(date(2024, 8, 23), [3]) == [date(2024, 8, 20)]


def test_reminder_dates_skip_closed_days_of_the_organisation():
    assert reminder_dates(date(2024, 8, 9), [1], {date(2024, 8, 8)}) == [date(2024, 8, 7)]


def test_reminder_dates_already_past_are_dropped():
    assert reminder_dates(date(2024, 8, 9), [3, 1], after=date(2024, 8, 6)) == [date(2024, 8, 8)]


def test_a_recomputed_deadline_that_is_later_replaces_the_mailed_one():
    assert recomputed_deadline(date(2024, 12, 30), date(2025, 1, 2)) == date(2025, 1, 2)


def test_a_recomputed_deadline_never_moves_a_mailed_deadline_earlier():
    assert recomputed_deadline(date(2025, 1, 2), date(2024, 12, 30)) == date(2025, 1, 2)


def test_a_deadline_not_yet_mailed_takes_the_recomputed_date():
    assert recomputed_deadline(None, date(2024, 12, 30)) == date(2024, 12, 30)


def test_the_stakeholder_is_told_when_new_closed_days_move_the_deadline_later():
    # Sent 11 December 2024 with two weeks: 30 December; closing 30 and 31 December moves it past
    # New Year's Day to Thursday 2 January 2025.
    mailed = term_end(date(2024, 12, 11), weeks=2)
    closed = {date(2024, 12, 30), date(2024, 12, 31)}
    new = term_end(date(2024, 12, 11), weeks=2, extra_closed=closed)
    assert (mailed, new, must_tell_stakeholder(mailed, new)) == (
        date(2024, 12, 30),
        date(2025, 1, 2),
        True,
    )


def test_the_stakeholder_is_not_told_when_the_deadline_stays():
    assert not must_tell_stakeholder(date(2025, 1, 2), date(2024, 12, 30))


def test_the_stakeholder_is_not_told_about_a_deadline_never_mailed():
    assert not must_tell_stakeholder(None, date(2024, 12, 30))


def test_the_latest_extension_date_steps_over_the_organisations_closed_day():
    # Three days after Friday 18 December 2026 end on Monday 21, which the organisation closed, so on Tuesday 22
    # (Atw art. 1); the term then holds one working day, so it runs on to Wednesday 23 (Atw art. 2).
    assert latest_extension_date(date(2026, 12, 18), 3, {date(2026, 12, 21)}) == date(2026, 12, 23)
    assert latest_extension_date(date(2026, 12, 18), 3) == date(2026, 12, 22)


def test_a_recomputed_deadline_equal_to_the_mailed_one_is_not_news_to_the_stakeholder():
    assert must_tell_stakeholder(date(2026, 12, 22), date(2026, 12, 22)) is False
