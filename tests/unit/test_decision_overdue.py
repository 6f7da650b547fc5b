"""Woo art. 4.4: when a decision is late, so the case pages can say so."""

from datetime import date

from zienswijze.domain.cases import decision_overdue


def test_a_decision_is_overdue_only_after_its_last_day_without_a_decision_or_suspension():
    deadline = date(2024, 5, 6)
    assert not decision_overdue(deadline, today=deadline, decided=False, suspended=False)
    assert decision_overdue(deadline, today=date(2024, 5, 7), decided=False, suspended=False)
    assert not decision_overdue(deadline, today=date(2024, 5, 7), decided=True, suspended=False)
    assert not decision_overdue(deadline, today=date(2024, 5, 7), decided=False, suspended=True)
