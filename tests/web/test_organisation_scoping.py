"""A handler of organisation A can neither read nor change anything of organisation B.

The same for the JSON API is in tests/api/test_api_organisation_scoping.py.
"""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import log_in
from zienswijze.db import Case, Organisation
from zienswijze.db.session import new_session


@pytest.fixture
def two_bodies(app, make_handler):
    make_handler("a@example.org", "Gemeente A")
    make_handler("b@example.org", "Gemeente B")
    with app.app_context(), new_session() as session:
        for name, reference in (("Gemeente A", "A-2024-1"), ("Gemeente B", "B-2024-1")):
            organisation = session.exec(select(Organisation).where(Organisation.name == name)).one()
            session.add(
                Case(
                    organisation_id=organisation.id,
                    reference=reference,
                    subject=f"Zaak van {name}",
                    received=date(2024, 4, 8),
                )
            )
        session.commit()


def test_the_case_list_shows_only_the_own_organisations_cases(client, two_bodies):
    log_in(client, "a@example.org")
    page = client.get("/zaken/").text
    assert "A-2024-1" in page and "B-2024-1" not in page


def test_another_organisations_case_page_is_not_found(client, two_bodies):
    log_in(client, "a@example.org")
    assert client.get("/zaken/A-2024-1").status_code == 200
    assert client.get("/zaken/B-2024-1").status_code == 404
