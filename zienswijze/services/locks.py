"""After the decision is recorded, what it rests on is read-only: the proposal and the weighing.

The notices have told every stakeholder what happens to their documents; changing an assessment,
a redaction or a weighing afterwards would make the record contradict the decision.
"""

from __future__ import annotations

from zienswijze.db import Case
from zienswijze.domain.errors import Conflict
from zienswijze.domain.text import N_

MESSAGE = N_(
    "Het besluit in deze zaak is vastgelegd; beoordelingen, lakkingen en afwegingen kunnen niet meer worden gewijzigd."
)


def refuse_after_decision(case: Case) -> None:
    if case.decision_date is not None:
        raise Conflict(MESSAGE)
