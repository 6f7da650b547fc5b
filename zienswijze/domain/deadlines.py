"""The statutory calendar and every term the service computes (SPEC §5, docs/deadlines.md).

A wrong date here is a legal error, so this module only turns dates into dates: the calendar is
data in this module, an organisation's closed days are a parameter and nothing reads the clock.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

from zienswijze.domain.text import N_, Text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ONE_DAY = timedelta(days=1)

# The day the King's birthday is celebrated has been Koningsdag (27 April) since 2014; before that
# it was Koninginnedag on another date, which this calendar does not know.
FIRST_YEAR = 2014

WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class EquatingDecree:
    """A Royal Decree under Atw art. 3 lid 3: the days it equates and the holiday each bridges."""

    title: str
    first_year: int
    last_year: int
    days: Mapping[date, Text]


# Atw art. 3 lid 3: days equated with a recognised holiday by Royal Decree, published in the
# Staatscourant, usually three years at a time. Data, not a rule: add each new decree here.
EQUATING_DECREES = (
    EquatingDecree(
        title="Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024"
        " en 30 mei 2025 met een algemeen erkende feestdag",
        first_year=2023,
        last_year=2025,
        days=MappingProxyType(
            {
                date(2023, 4, 28): N_("de dag na Koningsdag"),
                date(2023, 5, 19): N_("de dag na Hemelvaartsdag"),
                date(2024, 5, 10): N_("de dag na Hemelvaartsdag"),
                date(2024, 12, 27): N_("de dag na Tweede Kerstdag"),
                date(2025, 5, 30): N_("de dag na Hemelvaartsdag"),
            }
        ),
    ),
    EquatingDecree(
        title="Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028"
        " en 26 mei 2028 met een algemeen erkende feestdag",
        first_year=2026,
        last_year=2028,
        days=MappingProxyType(
            {
                date(2026, 1, 2): N_("de dag na Nieuwjaarsdag"),
                date(2026, 5, 15): N_("de dag na Hemelvaartsdag"),
                date(2027, 5, 7): N_("de dag na Hemelvaartsdag"),
                date(2028, 4, 28): N_("de dag na Koningsdag"),
                date(2028, 5, 26): N_("de dag na Hemelvaartsdag"),
            }
        ),
    ),
)

# After this year the calendar holds only the days of Atw art. 3 lid 1 and 2 until the next decree
# is added above; an administrator page can warn when deadlines approach it.
CALENDAR_KNOWN_THROUGH = max(decree.last_year for decree in EQUATING_DECREES)


def easter_sunday(year: int) -> date:
    """Western Easter, from which Good Friday, Easter Monday, Ascension and Whit Monday follow."""
    # The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def _holidays(year: int) -> Mapping[date, Text]:
    if year < FIRST_YEAR:
        raise ValueError(f"the Atw calendar is only known from {FIRST_YEAR} on, not for {year}")
    easter = easter_sunday(year)
    # Koningsdag is celebrated on 27 April, or on 26 April when the 27th is a Sunday.
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    days: list[tuple[date, Text]] = [
        # Atw art. 3 lid 1: the recognised holidays (algemeen erkende feestdagen).
        (date(year, 1, 1), N_("Nieuwjaarsdag")),
        (easter + timedelta(days=1), N_("Tweede Paasdag")),
        (kings_day, N_("Koningsdag")),
        (date(year, 5, 5), N_("Bevrijdingsdag")),  # every year, not only in lustrum years
        (easter + timedelta(days=39), N_("Hemelvaartsdag")),
        (easter + timedelta(days=50), N_("Tweede Pinksterdag")),
        (date(year, 12, 25), N_("Eerste Kerstdag")),
        (date(year, 12, 26), N_("Tweede Kerstdag")),
        # Atw art. 3 lid 2: Good Friday is equated with them.
        (easter - timedelta(days=2), N_("Goede Vrijdag")),
    ]
    # Atw art. 3 lid 3: days equated by Royal Decree.
    days += [
        (day, N_("%(bridge)s, bij koninklijk besluit gelijkgesteld met een algemeen erkende feestdag", bridge=bridge))
        for decree in EQUATING_DECREES
        for day, bridge in decree.days.items()
        if day.year == year
    ]
    names: dict[date, Text] = {}
    for day, name in sorted(days):
        names[day] = N_("%(first)s en %(second)s", first=names[day], second=name) if day in names else name
    return MappingProxyType(names)


def atw_holidays(year: int) -> dict[date, Text]:
    """Every day Atw art. 3 recognises in ``year``, with its Dutch name, in date order."""
    return dict(_holidays(year))


def non_working_reason(d: date, extra_closed: Collection[date] = ()) -> Text | None:
    """Why ``d`` is not a working day, in Dutch, or None when it is one.

    ``extra_closed`` are the organisation's closed days; pass a mapping of day to description to
    have the description shown.
    """
    if (holiday := _holidays(d.year).get(d)) is not None:
        return holiday
    if d.weekday() >= 5:
        return N_("een zaterdag") if d.weekday() == 5 else N_("een zondag")
    if d in extra_closed:
        description = extra_closed[d] if isinstance(extra_closed, Mapping) else None
        if description:
            return N_("een sluitingsdag van de organisatie (%(description)s)", description=description)
        return N_("een sluitingsdag van de organisatie")
    return None


def is_working_day(d: date, extra_closed: Collection[date] = ()) -> bool:
    """Not a Saturday, Sunday or Atw holiday (Atw art. 1 and 3), nor an extra closed day."""
    return non_working_reason(d, extra_closed) is None


def explain_term_end(
    start: date, *, days: int = 0, weeks: int = 0, extra_closed: Collection[date] = ()
) -> tuple[date, list[str]]:
    """The last day of a term that starts the day after ``start``, and each step that moved it.

    The steps are sentences (``Text``) shown beside the deadline; the list is empty when the end is
    simply ``start`` plus the term. A term of zero length is ``start`` itself, moved by art. 1.
    """
    if days < 0 or weeks < 0:
        raise ValueError("a term cannot have a negative length")
    length = days + 7 * weeks
    first, end = start + ONE_DAY, start + timedelta(days=length)
    steps: list[str] = []
    # Atw art. 2: a term of at least three days is extended until it holds two working days.
    if length >= 3:
        found = sum(is_working_day(first + timedelta(days=n), extra_closed) for n in range(length))
        if found < 2:
            counted = N_("geen werkdag") if found == 0 else N_("één werkdag")
            extended = end
            while found < 2:
                extended += ONE_DAY
                found += is_working_day(extended, extra_closed)
            steps.append(
                N_(
                    "De termijn van %(first)s tot en met %(end)s bevat %(counted)s;"
                    " verlengd tot en met %(extended)s, zodat de termijn twee werkdagen bevat",
                    first=numeric_date(first),
                    end=numeric_date(end),
                    counted=counted,
                    extended=numeric_date(extended),
                )
            )
            end = extended
    # Atw art. 1 lid 1: an end on a Saturday, Sunday or holiday moves to the next working day.
    while (reason := non_working_reason(end, extra_closed)) is not None:
        steps.append(
            N_(
                "%(day)s is %(reason)s; verschoven naar %(next)s",
                day=numeric_date(end),
                reason=reason,
                next=numeric_date(end + ONE_DAY),
            )
        )
        end += ONE_DAY
    return end, steps


def term_end(start: date, *, days: int = 0, weeks: int = 0, extra_closed: Collection[date] = ()) -> date:
    """The last day of a term that starts the day after ``start``, after Atw art. 2 and art. 1."""
    return explain_term_end(start, days=days, weeks=weeks, extra_closed=extra_closed)[0]


def working_days_before(deadline: date, n: int, extra_closed: Collection[date] = ()) -> date:
    """The n-th working day before ``deadline``, for reminders.

    Counted back from the deadline, so the Atw does not move it (Atw art. 1 lid 2).
    """
    if n < 1:
        raise ValueError("count at least one working day back")
    day = deadline
    while n:
        day -= ONE_DAY
        n -= is_working_day(day, extra_closed)
    return day


def earliest_disclosure(announced: date) -> date:
    """The first day information may be disclosed when a stakeholder is expected to object."""
    # Woo art. 4.4 lid 5: disclosure two weeks after the decision is made known, so that the
    # stakeholder can object and ask for a provisional measure (Awb 8:81) first.
    return term_end(announced, weeks=2) + ONE_DAY


def deadline_moment(d: date) -> datetime:
    """The last instant of day ``d`` in the Netherlands: a deadline date runs until then."""
    return datetime.combine(d, time.max, tzinfo=AMSTERDAM)


def format_date_nl(d: date, *, weekday: bool = True) -> str:
    """``d`` as Dutch letters write it ("donderdag 25 juli 2024"), independent of the locale."""
    text = f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
    return f"{WEEKDAY_NAMES[d.weekday()]} {text}" if weekday else text


def numeric_date(d: date) -> str:
    """``d`` as the deadline steps write it: dd-mm-jjjj."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"
