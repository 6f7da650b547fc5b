"""How long a case's personal data are kept: the retention period (bewaartermijn, AVG art. 5 lid 1 onder e).

A body keeps the personal data of a Woo case for the number of years its selection list (selectielijst)
names, counted from the decision; then the contacts, their views' free texts and attachments, and the
personal data in the audit trail are erased, and what the archive must keep stays: the decision, the
paragraph and the weighing's outcome. A case without a decision is never due: its data are still needed.
"""

from __future__ import annotations

from datetime import date

from zienswijze.domain.text import N_, Text

# A selection list keeps Woo files between one and twenty years, mostly five or ten.
MAX_RETENTION_YEARS = 100


def erasure_due_on(decided_on: date, years: int) -> date:
    """The first day the data may no longer be kept: the decision's anniversary after ``years`` years
    (29 February counts as 28 February in a year without it)."""
    year = decided_on.year + years
    try:
        return decided_on.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def is_due(decided_on: date | None, years: int | None, today: date) -> bool:
    """Whether a case decided on ``decided_on`` must have its personal data erased ``today``."""
    return decided_on is not None and years is not None and today >= erasure_due_on(decided_on, years)


def retention_problem(years: int | None) -> Text | None:
    """Why ``years`` cannot be a retention period, or None (None itself: no period set yet)."""
    if years is not None and not 1 <= years <= MAX_RETENTION_YEARS:
        return N_("Vul een bewaartermijn in van 1 tot %(max)s jaar, of laat het veld leeg.", max=MAX_RETENTION_YEARS)
    return None


def erased_stakeholder_name(code: str) -> str:
    """What a stakeholder is called once their name is erased: their code in the case, as the paragraph does."""
    return f"Belanghebbende {code}"
