"""The Woo decision term: four weeks from receipt, six when postponed, standing still while stakeholders
are consulted (Woo art. 4.4 lid 1-4). Dates in, dates out, as in ``deadlines``, whose Atw terms it uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zienswijze.domain.deadlines import numeric_date, term_end
from zienswijze.domain.text import N_


def woo_decision_deadline(received: date, *, postponed: bool = False) -> date:
    """The last day to decide on a Woo request; statutory, so never with closed days."""
    # Woo art. 4.4 lid 1: four weeks from the day after receipt; lid 2: postponed by two weeks.
    return term_end(received, weeks=6 if postponed else 4)


def suspended_days(
    received: date,
    *,
    postponed: bool = False,
    suspensions: Iterable[tuple[date, date | None]] = (),
) -> int:
    """How many days the decision term stood still for the consultation (Woo art. 4.4 lid 3).

    Each suspension runs from the day after ``notice_sent`` up to and including ``ended``;
    overlapping suspensions count each day once. A suspension that cannot be counted raises
    ValueError with a Dutch message for the handler.
    """
    last_day = received + timedelta(weeks=6 if postponed else 4)
    stood_still: set[date] = set()
    for notice_sent, ended in sorted(suspensions, key=lambda suspension: suspension[0]):
        if ended is None:
            raise ValueError(
                N_(
                    "De opschorting na de mededeling van %(notice)s is nog niet"
                    " beëindigd; de nieuwe beslistermijn is pas bekend als zij eindigt.",
                    notice=numeric_date(notice_sent),
                )
            )
        if notice_sent < received:
            raise ValueError(
                N_(
                    "De mededeling van %(notice)s ligt vóór de ontvangst van het verzoek op %(received)s.",
                    notice=numeric_date(notice_sent),
                    received=numeric_date(received),
                )
            )
        if ended < notice_sent:
            raise ValueError(
                N_(
                    "De opschorting na de mededeling van %(notice)s kan niet eindigen op %(ended)s.",
                    notice=numeric_date(notice_sent),
                    ended=numeric_date(ended),
                )
            )
        # The term must still run on the day after the notice for anything to be suspended.
        if notice_sent >= last_day + timedelta(days=len(stood_still)):
            raise ValueError(
                N_(
                    "De mededeling van %(notice)s is gedaan op of na de laatste dag van"
                    " de beslistermijn; of de termijn dan nog is opgeschort, beoordeelt de behandelaar.",
                    notice=numeric_date(notice_sent),
                )
            )
        span = (ended - notice_sent).days
        stood_still.update(notice_sent + timedelta(days=n) for n in range(1, span + 1))
    return len(stood_still)


def suspended_decision_deadline(
    received: date,
    *,
    postponed: bool = False,
    suspensions: Iterable[tuple[date, date | None]] = (),
) -> date:
    """The Woo decision deadline after suspensions for the consultation of stakeholders."""
    # Woo art. 4.4 lid 3: the suspended days are added to the naive end, then the Atw applies.
    stood_still = suspended_days(received, postponed=postponed, suspensions=suspensions)
    return term_end(received, days=stood_still, weeks=6 if postponed else 4)


def first_term_end(received: date, *, suspensions: Iterable[tuple[date, date | None]] = ()) -> date | None:
    """The last day of the first decision term, suspended, before which a postponement must be told.

    Woo art. 4.4 lid 2: the notice of postponement comes before the first term ends; a suspension
    (lid 3) moves that end too. None while a suspension still runs: the term has not ended then.
    """
    suspensions = list(suspensions)
    if any(ended is None for _, ended in suspensions):
        return None
    return suspended_decision_deadline(received, suspensions=suspensions)
