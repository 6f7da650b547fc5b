"""Properties every term must have, whatever the start, length or closed days."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from zienswijze.domain.deadlines import deadline_moment, explain_term_end, is_working_day, term_end, working_days_before
from zienswijze.domain.decision_term import suspended_decision_deadline, woo_decision_deadline

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
quick = settings(max_examples=200, deadline=None, database=None)

starts = st.dates(min_value=date(2014, 1, 1), max_value=date(2099, 12, 31))
day_counts = st.integers(min_value=0, max_value=60)
week_counts = st.integers(min_value=0, max_value=8)


@st.composite
def terms(draw):
    """A start, a length and a handful of closed days around the end of the term."""
    start = draw(starts)
    days, weeks = draw(day_counts), draw(week_counts)
    offsets = draw(st.frozensets(st.integers(min_value=-3, max_value=10), max_size=6))
    naive_end = start + timedelta(days=days + 7 * weeks)
    closed = frozenset(naive_end + timedelta(days=offset) for offset in offsets)
    return start, days, weeks, closed


def count_working_days(first: date, last: date, closed: frozenset[date]) -> int:
    return sum(is_working_day(first + timedelta(days=n), closed) for n in range((last - first).days + 1))


@quick
@given(terms())
def test_a_term_always_ends_on_a_working_day(term):
    start, days, weeks, closed = term
    assert is_working_day(term_end(start, days=days, weeks=weeks, extra_closed=closed), closed)


@quick
@given(terms())
def test_a_term_never_ends_before_its_naive_end(term):
    start, days, weeks, closed = term
    end = term_end(start, days=days, weeks=weeks, extra_closed=closed)
    assert end >= start + timedelta(days=days + 7 * weeks)


@quick
@given(terms().filter(lambda term: term[1] + 7 * term[2] >= 3))
def test_a_term_of_at_least_three_days_holds_at_least_two_working_days(term):
    start, days, weeks, closed = term
    end = term_end(start, days=days, weeks=weeks, extra_closed=closed)
    assert count_working_days(start + timedelta(days=1), end, closed) >= 2


@quick
@given(terms(), st.integers(min_value=0, max_value=30))
def test_a_later_start_never_gives_an_earlier_end(term, later_by):
    start, days, weeks, closed = term
    later = start + timedelta(days=later_by)
    assert term_end(later, days=days, weeks=weeks, extra_closed=closed) >= term_end(
        start, days=days, weeks=weeks, extra_closed=closed
    )


@quick
@given(terms())
def test_the_explanation_is_empty_exactly_when_the_naive_end_stands(term):
    start, days, weeks, closed = term
    end, steps = explain_term_end(start, days=days, weeks=weeks, extra_closed=closed)
    assert (steps == []) == (end == start + timedelta(days=days + 7 * weeks))


@quick
@given(st.dates(min_value=date(2014, 2, 1), max_value=date(2099, 12, 31)), st.integers(1, 10))
def test_a_reminder_day_lies_exactly_n_working_days_before_the_deadline(deadline, n):
    reminder = working_days_before(deadline, n)
    assert is_working_day(reminder)
    assert count_working_days(reminder, deadline - timedelta(days=1), frozenset()) == n


@quick
@given(starts, st.booleans(), st.integers(min_value=0, max_value=20), st.integers(0, 40))
def test_a_suspension_never_brings_the_decision_deadline_forward(received, postponed, at, length):
    notice = received + timedelta(days=at)
    deadline = suspended_decision_deadline(
        received, postponed=postponed, suspensions=[(notice, notice + timedelta(days=length))]
    )
    assert deadline >= woo_decision_deadline(received, postponed=postponed)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


@quick
@given(
    st.integers(min_value=2014, max_value=2099),
    st.sampled_from([3, 10]),
    st.integers(min_value=-1, max_value=1),
)
def test_a_deadline_moment_is_the_last_local_microsecond_around_a_dst_change(year, month, shift):
    day = last_sunday(year, month) + timedelta(days=shift)
    moment = deadline_moment(day)
    assert moment.tzinfo is not None
    assert (moment.date(), moment.time()) == (day, time.max)
    next_instant = (moment.astimezone(UTC) + timedelta(microseconds=1)).astimezone(AMSTERDAM)
    assert next_instant.replace(tzinfo=None) == datetime.combine(day + timedelta(days=1), time.min)


@quick
@given(starts)
def test_a_deadline_moment_is_at_plus_two_in_summer_time_and_plus_one_otherwise(day):
    summer = last_sunday(day.year, 3) <= day < last_sunday(day.year, 10)
    assert deadline_moment(day).utcoffset() == timedelta(hours=2 if summer else 1)
