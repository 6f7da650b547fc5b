"""One date parser and one range for forms, the API, imports and the CLI."""

import re
from datetime import date

import pytest

from zienswijze.domain.dates import NOT_A_DATE, OUT_OF_RANGE, calendar_day, parse_date
from zienswijze.domain.errors import Invalid


@pytest.mark.parametrize(
    "written, day",
    [("2024-07-16", date(2024, 7, 16)), ("16-7-2024", date(2024, 7, 16)), (" 01-02-2024 ", date(2024, 2, 1))],
)
def test_a_date_is_read_in_iso_and_in_the_dutch_way(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize("written", ["", "20240716", "2024-W29-2", "31-02-2024", "16/7/2024", "gisteren"])
def test_anything_else_is_no_date(written):
    with pytest.raises(ValueError):
        parse_date(written)


def test_a_calendar_day_is_a_date_or_text_within_the_atw_calendar():
    assert calendar_day("2014-01-01") == date(2014, 1, 1)
    assert calendar_day(date(2999, 12, 31)) == date(2999, 12, 31)


@pytest.mark.parametrize(
    "value, message",
    [("2013-12-31", OUT_OF_RANGE), (date(3000, 1, 1), OUT_OF_RANGE), ("morgen", NOT_A_DATE), (None, NOT_A_DATE)],
)
def test_a_day_outside_the_calendar_or_no_date_at_all_is_refused_in_dutch(value, message):
    with pytest.raises(Invalid, match=re.escape(message)) as refused:
        calendar_day(value)
    assert refused.value.errors == {"": message}
