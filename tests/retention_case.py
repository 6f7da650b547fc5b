"""A decided case whose personal data are due for erasure: for the retention tests on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.weighing_case import ROUND_SENT, TERMS_ENDED, attach_to_view, consulted_case, weigh_all
from zienswijze.db import Case, Organisation
from zienswijze.db.session import new_session

DECIDED = date(2024, 7, 15)


def decided_case(app, clock_at) -> dict:
    """W-2024-1: S1 objected, S2's view has an attachment, all weighed, decided on 15 July 2024; Gemeente A
    keeps personal data five years."""
    clock_at(ROUND_SENT)
    consulted = consulted_case(app)
    attach_to_view(app, "S2", submit=True)
    clock_at(TERMS_ENDED)
    weigh_all(app, consulted)
    with app.app_context(), new_session() as session:
        session.get(Case, consulted["case"]).decision_date = DECIDED
        session.exec(select(Organisation)).one().retention_years = 5
        session.commit()
    return consulted
