"""The case list and the case page's stakeholders of a big body and case: a page at a time."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from tests.web.wide_case import wide_case
from zienswijze.db import Case, Organisation
from zienswijze.db.session import new_session
from zienswijze.web.handler.cases import CASES_PER_PAGE, STAKEHOLDERS_PER_PAGE


def _stakeholder_links(page: str) -> list[str]:
    return re.findall(r'href="/zaken/BREED/belanghebbenden/(\d+)"', page)


def test_the_case_page_shows_a_page_of_stakeholders_and_the_next_page_the_rest(app, logged_in_client):
    wide_case(app, "BREED", STAKEHOLDERS_PER_PAGE + 5)
    first = logged_in_client.get("/zaken/BREED").text
    second = logged_in_client.get("/zaken/BREED?belanghebbenden=2").text
    assert len(_stakeholder_links(first)) == STAKEHOLDERS_PER_PAGE and len(_stakeholder_links(second)) == 5
    assert not set(_stakeholder_links(first)) & set(_stakeholder_links(second))
    assert 'href="/zaken/BREED?belanghebbenden=2#belanghebbenden"' in first


def test_the_case_list_shows_a_page_of_cases_and_keeps_the_search_on_the_next(app, logged_in_client):
    with app.app_context(), new_session() as session:
        organisation = session.exec(select(Organisation).where(Organisation.name == "Gemeente A")).one()
        session.add_all(
            Case(organisation_id=organisation.id, reference=f"Z-{n:03d}", subject="Dossier", received=date(2024, 4, 8))
            for n in range(CASES_PER_PAGE + 3)
        )
        session.commit()
    first = logged_in_client.get("/zaken/?q=dossier").text
    second = logged_in_client.get("/zaken/?q=dossier&pagina=2").text
    rows = lambda page: re.findall(r">(Z-\d{3})</a>", page)  # noqa: E731
    assert len(rows(first)) == CASES_PER_PAGE and len(rows(second)) == 3
    assert not set(rows(first)) & set(rows(second))
    assert 'href="/zaken/?q=dossier&amp;pagina=2"' in first
