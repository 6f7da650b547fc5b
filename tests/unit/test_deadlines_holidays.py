"""The Atw calendar: which days are not working days (Atw art. 3), checked against outside facts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zienswijze.domain.deadlines import (
    CALENDAR_KNOWN_THROUGH,
    EQUATING_DECREES,
    atw_holidays,
    easter_sunday,
    format_date_nl,
    is_working_day,
    non_working_reason,
)

# Easter Sundays as published in church and state calendars.
KNOWN_EASTER_SUNDAYS = {
    2024: date(2024, 3, 31),
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 5),
    2027: date(2027, 3, 28),
    2028: date(2028, 4, 16),
    2029: date(2029, 4, 1),
    2030: date(2030, 4, 21),
    2031: date(2031, 4, 13),
    2032: date(2032, 3, 28),
    2033: date(2033, 4, 17),
    2034: date(2034, 4, 9),
    2035: date(2035, 3, 25),
}

# Atw art. 3 lid 3: the days of the two known decrees, as listed in SPEC §5.
EQUATED_DAYS = {
    date(2023, 4, 28),
    date(2023, 5, 19),
    date(2024, 5, 10),
    date(2024, 12, 27),
    date(2025, 5, 30),
    date(2026, 1, 2),
    date(2026, 5, 15),
    date(2027, 5, 7),
    date(2028, 4, 28),
    date(2028, 5, 26),
}

YEARS = range(2024, 2036)


def gauss_easter(year: int) -> date:
    """Gauss's Easter algorithm with its two exceptions: a different method than the module's."""
    a, b, c = year % 19, year % 4, year % 7
    k = year // 100
    p = (13 + 8 * k) // 25
    q = k // 4
    m = (15 - p + k - q) % 30
    n = (4 + k - q) % 7
    d = (19 * a + m) % 30
    e = (2 * b + 4 * c + 6 * d + n) % 7
    if d == 29 and e == 6:
        return date(year, 4, 19)
    if d == 28 and e == 6 and (11 * m + 11) % 30 < 19:
        return date(year, 4, 18)
    return date(year, 3, 22) + timedelta(days=d + e)


def statutory_days(year: int) -> dict[date, str]:
    """Atw art. 3 lid 1 and 2, restated from the law with the test's own Easter."""
    easter = gauss_easter(year)
    kings_day = date(year, 4, 27) if date(year, 4, 27).weekday() != 6 else date(year, 4, 26)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        kings_day: "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }


@pytest.mark.parametrize("year", YEARS)
def test_the_reference_easter_algorithm_agrees_with_the_published_easter_sundays(year):
    assert gauss_easter(year) == KNOWN_EASTER_SUNDAYS[year]


@pytest.mark.parametrize("year", YEARS)
def test_the_module_computes_the_published_easter_sunday(year):
    assert easter_sunday(year) == KNOWN_EASTER_SUNDAYS[year]


@pytest.mark.parametrize("year", YEARS)
def test_the_statutory_holidays_of_each_year_match_the_law(year):
    holidays = atw_holidays(year)
    assert {day: name for day, name in holidays.items() if day not in EQUATED_DAYS} == (statutory_days(year))


@pytest.mark.parametrize("year", YEARS)
def test_no_day_beyond_the_law_and_the_decrees_is_a_holiday(year):
    extra = set(atw_holidays(year)) - set(statutory_days(year))
    assert extra == {day for day in EQUATED_DAYS if day.year == year}


def test_the_holidays_come_in_date_order():
    days = list(atw_holidays(2027))
    assert days == sorted(days)


def test_koningsdag_is_on_26_april_when_27_april_is_a_sunday():
    holidays = atw_holidays(2025)
    assert holidays[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in holidays


def test_koningsdag_is_on_27_april_otherwise():
    assert atw_holidays(2026)[date(2026, 4, 27)] == "Koningsdag"


def test_good_friday_is_a_holiday():
    assert atw_holidays(2025)[date(2025, 4, 18)] == "Goede Vrijdag"


def test_good_friday_is_not_a_working_day():
    assert not is_working_day(date(2024, 3, 29))


def test_bevrijdingsdag_is_a_holiday_in_a_year_that_is_no_lustrum():
    assert not is_working_day(date(2026, 5, 5))
    assert atw_holidays(2026)[date(2026, 5, 5)] == "Bevrijdingsdag"


@pytest.mark.parametrize("day", sorted(EQUATED_DAYS), ids=str)
def test_each_day_of_a_known_decree_is_not_a_working_day(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", sorted(EQUATED_DAYS), ids=str)
def test_each_equated_day_is_named_as_equated_by_royal_decree(day):
    assert "bij koninklijk besluit gelijkgesteld" in atw_holidays(day.year)[day]


def test_the_decree_table_holds_exactly_the_known_equated_days():
    assert {day for decree in EQUATING_DECREES for day in decree.days} == EQUATED_DAYS


def test_each_equated_day_lies_within_the_period_of_its_decree():
    for decree in EQUATING_DECREES:
        assert all(decree.first_year <= day.year <= decree.last_year for day in decree.days)


def test_the_calendar_is_known_through_the_last_decree():
    assert CALENDAR_KNOWN_THROUGH == 2028


@pytest.mark.parametrize("monday", [date(2026, 5, 4), date(2027, 4, 26)], ids=str)
def test_a_monday_before_a_tuesday_holiday_that_no_decree_equated_stays_a_working_day(monday):
    assert is_working_day(monday)


def test_a_weekday_without_a_holiday_is_a_working_day():
    assert is_working_day(date(2024, 7, 16))


def test_a_saturday_is_not_a_working_day():
    assert non_working_reason(date(2024, 7, 20)) == "een zaterdag"


def test_a_sunday_is_not_a_working_day():
    assert non_working_reason(date(2024, 7, 21)) == "een zondag"


def test_a_holiday_on_a_weekend_is_named_by_the_holiday():
    assert non_working_reason(date(2025, 4, 26)) == "Koningsdag"


def test_an_extra_closed_day_of_the_organisation_is_not_a_working_day():
    assert not is_working_day(date(2024, 12, 23), extra_closed={date(2024, 12, 23)})


def test_an_extra_closed_day_is_named_with_its_description_when_given():
    closed = {date(2024, 12, 23): "collectieve sluiting"}
    assert non_working_reason(date(2024, 12, 23), closed) == (
        "een sluitingsdag van de organisatie (collectieve sluiting)"
    )


def test_a_year_before_koningsdag_existed_is_refused():
    with pytest.raises(ValueError, match="2013"):
        atw_holidays(2013)


def test_the_holidays_returned_can_be_changed_without_changing_the_calendar():
    atw_holidays(2024).clear()
    assert date(2024, 12, 25) in atw_holidays(2024)


def test_a_date_is_written_in_dutch_with_its_weekday():
    assert format_date_nl(date(2024, 7, 25)) == "donderdag 25 juli 2024"


def test_a_date_is_written_in_dutch_without_its_weekday_on_request():
    assert format_date_nl(date(2024, 3, 1), weekday=False) == "1 maart 2024"


def test_a_closed_day_without_a_description_is_named_without_one():
    # Friday 2 August 2024: closed by the organisation, no holiday.
    assert non_working_reason(date(2024, 8, 2), {date(2024, 8, 2)}) == "een sluitingsdag van de organisatie"
    described = {date(2024, 8, 2): "zomersluiting"}
    assert non_working_reason(date(2024, 8, 2), described) == "een sluitingsdag van de organisatie (zomersluiting)"
