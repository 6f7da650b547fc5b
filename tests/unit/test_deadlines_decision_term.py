"""Woo art. 4.4: the issue's example of a postponement told after a suspension for the consultation.

Received Friday 20 November 2026: the first term of four weeks ends Friday 18 December 2026. The
requester is told on Friday 4 December 2026 that stakeholders are consulted; the last view comes in
on Thursday 31 December 2026. Lid 3 suspends the term from the day after the notice up to and
including the day the last view is received ("tot en met", as the suspension letter says): 5 to 31
December, 27 days, so the first term ends Thursday 14 January 2027, as the issue says. (Read as a
first suspended day of 4 December, i.e. a notice on 3 December, the same rule gives 28 days and
Friday 15 January 2027.) A postponement told on 8 January 2027 is in time and adds two weeks:
Thursday 28 January 2027.
"""

from datetime import date

import pytest

from zienswijze.domain.decision_term import first_term_end, suspended_days, suspended_decision_deadline

RECEIVED = date(2026, 11, 20)
CONSULTATION = [(date(2026, 12, 4), date(2026, 12, 31))]


def test_the_suspension_stands_the_term_still_from_the_day_after_the_notice_up_to_and_including_the_last_view():
    assert suspended_days(RECEIVED, suspensions=CONSULTATION) == 27


def test_the_suspended_first_term_ends_on_14_january_2027():
    assert first_term_end(RECEIVED, suspensions=CONSULTATION) == date(2027, 1, 14)


def test_a_notice_on_the_day_before_the_first_suspended_day_gives_one_day_more():
    assert first_term_end(RECEIVED, suspensions=[(date(2026, 12, 3), date(2026, 12, 31))]) == date(2027, 1, 15)


def test_the_postponement_after_the_suspension_gives_28_january_2027():
    assert suspended_decision_deadline(RECEIVED, postponed=True, suspensions=CONSULTATION) == date(2027, 1, 28)


def test_while_the_suspension_runs_the_first_term_has_no_end_yet():
    assert first_term_end(RECEIVED, suspensions=[(date(2026, 12, 4), None)]) is None


def test_without_a_suspension_the_first_term_is_four_weeks():
    assert first_term_end(RECEIVED) == date(2026, 12, 18)


def test_a_postponed_term_can_still_be_suspended_in_its_fifth_and_sixth_week():
    # Received Monday 8 January 2024: four weeks end Monday 5 February, six weeks Monday 19 February.
    # The notice of Monday 12 February falls in the postponed term; it stood still 13-16 February.
    suspensions = [(date(2024, 2, 12), date(2024, 2, 16))]
    assert suspended_days(date(2024, 1, 8), postponed=True, suspensions=suspensions) == 4
    # Six weeks and four days: Friday 23 February 2024.
    assert suspended_decision_deadline(date(2024, 1, 8), postponed=True, suspensions=suspensions) == date(2024, 2, 23)


def test_a_notice_after_the_unpostponed_term_ended_suspends_nothing():
    with pytest.raises(ValueError, match="op of na de laatste dag van de beslistermijn"):
        suspended_days(date(2024, 1, 8), suspensions=[(date(2024, 2, 12), date(2024, 2, 16))])
