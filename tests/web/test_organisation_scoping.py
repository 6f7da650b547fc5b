"""A handler of organisation A can neither read nor change anything of organisation B."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import log_in
from zienswijze.db import Case, Organisation
from zienswijze.db.session import new_session
from zienswijze.services.accounts import issue_api_token


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
        token = issue_api_token(session, email="a@example.org")
        ids = dict(session.exec(select(Case.reference, Case.id)).all())
    return {"Authorization": f"Bearer {token}"}, ids


def test_the_case_list_shows_only_the_own_organisations_cases(client, two_bodies):
    log_in(client, "a@example.org")
    page = client.get("/zaken/").text
    assert "A-2024-1" in page and "B-2024-1" not in page


def test_another_organisations_case_page_is_not_found(client, two_bodies):
    log_in(client, "a@example.org")
    assert client.get("/zaken/A-2024-1").status_code == 200
    assert client.get("/zaken/B-2024-1").status_code == 404


def test_the_api_lists_only_the_own_organisations_cases(client, two_bodies):
    headers, _ = two_bodies
    cases = client.get("/api/v1/cases", headers=headers).json["cases"]
    assert [c["reference"] for c in cases] == ["A-2024-1"]


def test_the_api_does_not_find_another_organisations_case(client, two_bodies):
    headers, ids = two_bodies
    assert client.get(f"/api/v1/cases/{ids['B-2024-1']}", headers=headers).status_code == 404


def test_the_api_cannot_change_another_organisations_case(app, client, two_bodies):
    headers, ids = two_bodies
    response = client.patch(f"/api/v1/cases/{ids['B-2024-1']}", json={"subject": "Gekaapt"}, headers=headers)
    assert response.status_code == 404
    with app.app_context(), new_session() as session:
        assert session.exec(select(Case.subject).where(Case.reference == "B-2024-1")).one() == "Zaak van Gemeente B"


def test_the_api_changes_the_own_organisations_case(client, two_bodies):
    headers, ids = two_bodies
    response = client.patch(f"/api/v1/cases/{ids['A-2024-1']}", json={"subject": "Nieuw onderwerp"}, headers=headers)
    assert response.status_code == 200 and response.json["subject"] == "Nieuw onderwerp"


def test_the_api_explains_an_invalid_change_per_field(client, two_bodies):
    headers, ids = two_bodies
    response = client.patch(
        f"/api/v1/cases/{ids['A-2024-1']}", json={"received": "gisteren", "status": "x"}, headers=headers
    )
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"received", "status"}


def test_the_api_refuses_a_call_without_a_valid_token_in_json(client, two_bodies):
    for headers in ({}, {"Authorization": "Bearer verkeerd"}):
        response = client.get("/api/v1/cases", headers=headers)
        assert response.status_code == 401 and response.json["error"]["status"] == 401
