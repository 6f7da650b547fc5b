"""The retention period: when a decided case's personal data must be erased."""

from datetime import date

import pytest

from zienswijze.domain.retention import erasure_due_on, is_due, retention_problem


def test_the_data_are_kept_until_the_anniversary_of_the_decision():
    assert erasure_due_on(date(2024, 7, 1), 5) == date(2029, 7, 1)


def test_a_decision_on_29_february_is_due_on_28_february_of_a_common_year():
    assert erasure_due_on(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_a_case_is_due_from_that_day_on():
    assert not is_due(date(2024, 7, 1), 5, date(2029, 6, 30))
    assert is_due(date(2024, 7, 1), 5, date(2029, 7, 1))


def test_a_case_without_a_decision_is_never_due():
    assert not is_due(None, 1, date(2099, 1, 1))


def test_without_a_retention_period_nothing_is_due():
    assert not is_due(date(2000, 1, 1), None, date(2099, 1, 1))


@pytest.mark.parametrize("years", [0, -1, 101])
def test_a_period_outside_one_to_a_hundred_years_is_refused(years):
    assert retention_problem(years).startswith("Vul een bewaartermijn in")


@pytest.mark.parametrize("years", [None, 1, 10, 100])
def test_no_period_or_one_of_whole_years_is_accepted(years):
    assert retention_problem(years) is None
