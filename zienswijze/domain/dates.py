"""Dates as people write them, and the one range of days the service can count from.

Forms, the API, imports and the CLI all read dates here, so each accepts the same spellings and refuses
the same days with the same Dutch message. The Atw calendar of public holidays is known from
``FIRST_YEAR`` (Koningsdag): a day before it, or after ``LAST_DAY``, is a typing error, not a day a term
can start or end on. Dates that are only shown (a document's date in the inventory) are parsed, not limited.
"""

from __future__ import annotations

import re
from datetime import date

from zienswijze.domain.deadlines import FIRST_YEAR
from zienswijze.domain.errors import Invalid
from zienswijze.domain.text import N_

FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(2999, 12, 31)
NOT_A_DATE = N_("Vul een geldige datum in (JJJJ-MM-DD).")
OUT_OF_RANGE = N_("Vul een datum in tussen %(first)s en %(last)s.", first=str(FIRST_DAY), last=str(LAST_DAY))

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def parse_date(text: str) -> date:
    """A date written as ISO ``2024-07-16`` (as a date input sends it) or the Dutch way ``16-7-2024``;
    ValueError otherwise."""
    text = text.strip()
    dutch = _DUTCH_DATE.fullmatch(text)
    if dutch:
        day, month, year = (int(part) for part in dutch.groups())
        return date(year, month, day)
    if _ISO_DATE.fullmatch(text):
        return date.fromisoformat(text)
    raise ValueError(text)


def calendar_day(value: object) -> date:
    """``value`` (a date, or text ``parse_date`` reads) as a day terms can be counted from;
    Invalid with the Dutch message when it is no date or outside the calendar."""
    if isinstance(value, str):
        try:
            value = parse_date(value)
        except ValueError:
            raise Invalid(NOT_A_DATE) from None
    if not isinstance(value, date):
        raise Invalid(NOT_A_DATE)
    if not FIRST_DAY <= value <= LAST_DAY:
        raise Invalid(OUT_OF_RANGE)
    return value
