"""Terms under the Atw and the Woo, pinned on dated cases; every date checked against a calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from zienswijze.domain.deadlines import (
    deadline_moment,
    earliest_disclosure,
    explain_term_end,
    term_end,
    working_days_before,
)
from zienswijze.domain.decision_term import suspended_days, suspended_decision_deadline, woo_decision_deadline

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EQUATED_27_DECEMBER_2024 = (
    "27-12-2024 is de dag na Tweede Kerstdag, bij koninklijk besluit gelijkgesteld met een"
    " algemeen erkende feestdag; verschoven naar 28-12-2024"
)


# Named legal edge cases (Atw art. 1, 2 and 3).


def test_an_end_on_koningsdag_moves_to_the_next_working_day():
    # Monday 27 April 2026 is Koningsdag; Tuesday 28 April 2026 is a working day.
    assert term_end(date(2026, 4, 13), weeks=2) == date(2026, 4, 28)


def test_an_end_on_koningsdag_celebrated_on_a_saturday_moves_past_the_sunday():
    # 27 April 2025 is a Sunday, so Koningsdag is Saturday 26 April 2025.
    assert term_end(date(2025, 4, 12), weeks=2) == date(2025, 4, 28)


def test_an_end_on_bevrijdingsdag_followed_by_ascension_and_an_equated_friday_moves_five_days():
    # Wednesday 5 May 2027, Ascension Thursday 6 May, the equated Friday 7 May, then the weekend.
    assert term_end(date(2027, 4, 21), weeks=2) == date(2027, 5, 10)


def test_an_end_on_boxing_day_moves_to_the_next_working_day():
    # Friday 26 December 2025, then the weekend.
    assert term_end(date(2025, 12, 12), weeks=2) == date(2025, 12, 29)


def test_an_end_on_the_saturday_before_whit_monday_moves_to_the_tuesday():
    # Saturday 7 June 2025; Whit Monday is 9 June 2025.
    assert term_end(date(2025, 5, 24), weeks=2) == date(2025, 6, 10)


def test_a_term_across_new_year_skips_new_years_day_and_the_equated_friday():
    # Thursday 1 January 2026 and the equated Friday 2 January 2026, then the weekend.
    assert term_end(date(2025, 12, 18), weeks=2) == date(2026, 1, 5)


def test_a_three_day_term_over_a_weekend_is_extended_to_hold_two_working_days():
    # From Friday 8 March 2024: Saturday, Sunday and Monday hold one working day (Atw art. 2).
    assert term_end(date(2024, 3, 8), days=3) == date(2024, 3, 12)


def test_a_three_day_term_over_christmas_is_extended_beyond_the_next_working_day():
    # 25, 26 and the equated 27 December 2024 hold no working day; art. 1 alone would give
    # Monday 30 December, art. 2 needs a second working day: Tuesday 31 December 2024.
    assert term_end(date(2024, 12, 24), days=3) == date(2024, 12, 31)


def test_a_two_day_term_is_not_extended_by_article_2():
    # From Thursday 7 March 2024 two days end on Saturday; art. 1 alone moves it to Monday.
    assert term_end(date(2024, 3, 7), days=2) == date(2024, 3, 11)


def test_an_extra_closed_day_moves_a_stakeholder_deadline():
    closed = {date(2024, 7, 30), date(2024, 7, 31)}
    assert term_end(date(2024, 7, 16), weeks=2, extra_closed=closed) == date(2024, 8, 1)


def test_a_term_of_zero_length_is_its_start_moved_to_a_working_day():
    assert term_end(date(2024, 8, 10)) == date(2024, 8, 12)


def test_a_negative_term_is_refused():
    with pytest.raises(ValueError, match="negative"):
        term_end(date(2024, 7, 16), days=-1)


# The explanation beside each deadline.


def test_an_unmoved_end_has_no_explanation():
    assert explain_term_end(date(2024, 7, 16), weeks=2) == (date(2024, 7, 30), [])


def test_an_end_on_christmas_explains_every_day_it_moved():
    end, steps = explain_term_end(date(2024, 12, 11), weeks=2)
    assert end == date(2024, 12, 30)
    assert steps == [
        "25-12-2024 is Eerste Kerstdag; verschoven naar 26-12-2024",
        "26-12-2024 is Tweede Kerstdag; verschoven naar 27-12-2024",
        EQUATED_27_DECEMBER_2024,
        "28-12-2024 is een zaterdag; verschoven naar 29-12-2024",
        "29-12-2024 is een zondag; verschoven naar 30-12-2024",
    ]


def test_an_extension_under_article_2_is_explained_in_one_step():
    assert explain_term_end(date(2024, 12, 24), days=3)[1] == [
        "De termijn van 25-12-2024 tot en met 27-12-2024 bevat geen werkdag; verlengd tot en met"
        " 31-12-2024, zodat de termijn twee werkdagen bevat"
    ]


def test_an_extra_closed_day_is_explained_with_its_description():
    closed = {date(2024, 7, 30): "personeelsdag"}
    assert explain_term_end(date(2024, 7, 16), weeks=2, extra_closed=closed)[1] == [
        "30-07-2024 is een sluitingsdag van de organisatie (personeelsdag); verschoven naar 31-07-2024"
    ]


# The source case (SPEC §1): invitations of Tuesday 16 July 2024, views "before 25 July 2024".


def test_the_source_case_deadline_before_25_july_2024_is_an_eight_day_term_ending_on_24_july():
    assert explain_term_end(date(2024, 7, 16), days=8) == (date(2024, 7, 24), [])


def test_the_source_case_deadline_runs_until_the_end_of_24_july_2024_in_summer_time():
    assert deadline_moment(date(2024, 7, 24)) == datetime(2024, 7, 24, 23, 59, 59, 999999, tzinfo=AMSTERDAM)


def test_the_default_two_week_term_from_16_july_2024_would_have_ended_on_30_july():
    assert term_end(date(2024, 7, 16), weeks=2) == date(2024, 7, 30)


# Reminders count back in working days.


def test_three_working_days_before_a_friday_is_the_tuesday():
    assert working_days_before(date(2024, 8, 9), 3) == date(2024, 8, 6)


def test_counting_back_skips_christmas_and_the_equated_friday():
    assert working_days_before(date(2024, 12, 30), 3) == date(2024, 12, 20)


def test_counting_back_skips_extra_closed_days():
    assert working_days_before(date(2024, 8, 9), 1, {date(2024, 8, 8)}) == date(2024, 8, 7)


def test_counting_back_zero_working_days_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        working_days_before(date(2024, 8, 9), 0)


# The Woo decision term (Woo art. 4.4 lid 1 and 2).


def test_the_woo_decision_term_is_four_weeks_from_the_day_after_receipt():
    assert woo_decision_deadline(date(2024, 6, 18)) == date(2024, 7, 16)


def test_a_woo_decision_term_ending_on_christmas_moves_past_the_holidays():
    assert woo_decision_deadline(date(2024, 11, 27)) == date(2024, 12, 30)


def test_a_postponed_woo_decision_term_is_six_weeks():
    assert woo_decision_deadline(date(2024, 11, 27), postponed=True) == date(2025, 1, 8)


# Suspension for the consultation (Woo art. 4.4 lid 3).


def test_a_suspension_counts_from_the_day_after_the_notice_up_to_and_including_its_end():
    suspensions = [(date(2024, 6, 10), date(2024, 6, 24))]
    assert suspended_days(date(2024, 6, 3), suspensions=suspensions) == 14


def test_the_suspended_days_are_added_to_the_decision_term():
    # Four weeks from Monday 3 June 2024 end on 1 July 2024; fourteen suspended days: 15 July.
    suspensions = [(date(2024, 6, 10), date(2024, 6, 24))]
    assert suspended_decision_deadline(date(2024, 6, 3), suspensions=suspensions) == (date(2024, 7, 15))


def test_overlapping_suspensions_count_each_day_once():
    # 11 up to and including 28 June 2024 is eighteen days: 1 July + 18 = Friday 19 July 2024.
    suspensions = [
        (date(2024, 6, 20), date(2024, 6, 28)),
        (date(2024, 6, 10), date(2024, 6, 24)),
    ]
    assert suspended_decision_deadline(date(2024, 6, 3), suspensions=suspensions) == (date(2024, 7, 19))


def test_a_suspended_and_postponed_term_adds_the_days_to_six_weeks():
    suspensions = [(date(2024, 6, 10), date(2024, 6, 24))]
    assert suspended_decision_deadline(date(2024, 6, 3), postponed=True, suspensions=suspensions) == date(2024, 7, 29)


def test_a_suspension_ending_on_the_day_of_its_notice_suspends_nothing():
    suspensions = [(date(2024, 6, 10), date(2024, 6, 10))]
    assert suspended_decision_deadline(date(2024, 6, 3), suspensions=suspensions) == (date(2024, 7, 1))


def test_the_atw_applies_after_the_suspended_days_are_added():
    # 1 July 2024 + 5 days is Saturday 6 July 2024; the deadline moves to Monday 8 July.
    suspensions = [(date(2024, 6, 10), date(2024, 6, 15))]
    assert suspended_decision_deadline(date(2024, 6, 3), suspensions=suspensions) == (date(2024, 7, 8))


def test_a_suspension_that_has_not_ended_is_refused():
    with pytest.raises(ValueError, match="nog niet beëindigd"):
        suspended_decision_deadline(date(2024, 6, 3), suspensions=[(date(2024, 6, 10), None)])


def test_a_suspension_ending_before_its_notice_is_refused():
    with pytest.raises(ValueError, match="kan niet eindigen"):
        suspended_days(date(2024, 6, 3), suspensions=[(date(2024, 6, 10), date(2024, 6, 9))])


def test_a_suspension_notice_before_receipt_is_refused():
    with pytest.raises(ValueError, match="vóór de ontvangst"):
        suspended_days(date(2024, 6, 3), suspensions=[(date(2024, 6, 2), date(2024, 6, 9))])


def test_a_suspension_notice_on_the_last_day_of_the_term_is_refused():
    with pytest.raises(ValueError, match="laatste dag"):
        suspended_days(date(2024, 6, 3), suspensions=[(date(2024, 7, 1), date(2024, 7, 9))])


def test_a_second_notice_within_the_term_prolonged_by_the_first_is_counted():
    # The first suspension moves the last day to 15 July 2024; a notice on 10 July still counts.
    suspensions = [
        (date(2024, 6, 10), date(2024, 6, 24)),
        (date(2024, 7, 10), date(2024, 7, 12)),
    ]
    assert suspended_days(date(2024, 6, 3), suspensions=suspensions) == 16


# The disclosure hold (Woo art. 4.4 lid 5).


def test_disclosure_waits_for_the_day_after_the_two_week_term():
    # Decision made known Friday 26 July 2024; the term ends Friday 9 August 2024.
    assert earliest_disclosure(date(2024, 7, 26)) == date(2024, 8, 10)


def test_disclosure_waits_until_the_two_week_term_has_passed_christmas():
    # The term ends on 25 December 2024 and moves to Monday 30 December 2024.
    assert earliest_disclosure(date(2024, 12, 11)) == date(2024, 12, 31)


# The last instant of a deadline (Europe/Amsterdam).


def test_a_deadline_moment_is_aware_and_at_plus_one_hour_in_winter():
    assert deadline_moment(date(2025, 1, 15)).utcoffset() == timedelta(hours=1)


def test_a_deadline_moment_is_at_plus_two_hours_in_summer():
    assert deadline_moment(date(2025, 7, 15)).utcoffset() == timedelta(hours=2)


def test_a_deadline_on_the_day_summer_time_starts_ends_at_plus_two_hours():
    assert deadline_moment(date(2025, 3, 30)).astimezone(UTC) == datetime(2025, 3, 30, 21, 59, 59, 999999, tzinfo=UTC)


def test_a_deadline_on_the_day_summer_time_ends_ends_at_plus_one_hour():
    assert deadline_moment(date(2025, 10, 26)).astimezone(UTC) == datetime(2025, 10, 26, 22, 59, 59, 999999, tzinfo=UTC)


def test_a_short_term_over_easter_is_extended_until_it_holds_two_working_days():
    # Atw art. 2: three days from Thursday 2 April 2026 are Good Friday, Saturday and Easter Sunday, then
    # Easter Monday; the two working days it must hold are Tuesday 7 and Wednesday 8 April.
    assert term_end(date(2026, 4, 2), days=3) == date(2026, 4, 8)
