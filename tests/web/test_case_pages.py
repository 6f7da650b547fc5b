"""The case list and the case page: urgency, search and filter, a new case, and what the case page shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.helpers import csrf_token_from, log_in
from tests.web.handler_case import build_case, start_a_round
from zienswijze.db import Case
from zienswijze.db.session import new_session


@pytest.fixture
def case_ids(app, logged_in_client):
    return build_case(app)


def test_the_case_list_shows_deadlines_open_invitations_and_is_searchable(app, logged_in_client, case_ids):
    build_case(app, reference="A-2024-2")
    start_a_round(app, case_ids, today=date(2024, 4, 10))
    page = logged_in_client.get("/zaken/").text
    assert "A-2024-1" in page and "A-2024-2" in page
    # The case with invitations running comes first: its stakeholder deadline is the nearest date.
    assert page.index("A-2024-1") < page.index("A-2024-2")
    assert "wo 24 apr 2024" in page  # the stakeholder deadline: 14 days after 10 April
    assert "ma 6 mei 2024" in page  # the decision deadline: four weeks after 8 April 2024

    found = logged_in_client.get("/zaken/?q=a-2024-2").text
    assert "A-2024-2" in found and 'href="/zaken/A-2024-1"' not in found
    filtered = logged_in_client.get("/zaken/?status=consultatie").text
    assert 'href="/zaken/A-2024-1"' in filtered and 'href="/zaken/A-2024-2"' not in filtered
    assert "Geen zaken gevonden" in logged_in_client.get("/zaken/?q=bestaat-niet").text


def test_a_postponed_decision_deadline_is_marked(app, logged_in_client, case_ids):
    with app.app_context(), new_session() as session:
        case = session.get(Case, case_ids.case)
        case.postponed = True
        session.commit()
    assert "verdaagd" in logged_in_client.get("/zaken/").text


def test_a_handler_creates_a_case(app, logged_in_client):
    token = csrf_token_from(logged_in_client.get("/zaken/nieuw").text)
    response = logged_in_client.post(
        "/zaken/nieuw",
        data={"reference": "A-2025-7", "subject": "Subsidies", "received": "2025-03-03", "csrf_token": token},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Zaak A-2025-7 aangemaakt." in response.text
    assert "A-2025-7: Subsidies" in response.text
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case).where(Case.reference == "A-2025-7")).one()
        assert case.decision_deadline == date(2025, 3, 31)


def test_an_invalid_case_is_explained_beside_its_fields(logged_in_client, case_ids):
    token = csrf_token_from(logged_in_client.get("/zaken/nieuw").text)
    response = logged_in_client.post(
        "/zaken/nieuw", data={"reference": "A-2024-1", "subject": " ", "received": "gisteren", "csrf_token": token}
    )
    assert response.status_code == 400
    assert "Er is al een zaak met kenmerk A-2024-1." in response.text
    assert "Vul het onderwerp in." in response.text
    assert "Vul een geldige datum in (JJJJ-MM-DD)." in response.text
    assert 'aria-invalid="true"' in response.text


def test_a_case_cannot_be_created_without_the_csrf_token(logged_in_client):
    response = logged_in_client.post("/zaken/nieuw", data={"reference": "X", "subject": "Y", "received": "2025-01-01"})
    assert response.status_code == 400


def test_the_case_page_shows_documents_redactions_stakeholders_and_the_decision_term(logged_in_client, case_ids):
    page = logged_in_client.get("/zaken/A-2024-1").text
    assert "Verslag overleg" in page and "Deels openbaar" in page
    assert "Eerbiediging van de persoonlijke levenssfeer" in page  # ground label beside its code
    assert "J. de Vries" in page and "Naam van een medewerker." in page
    assert "jurist@voorbeeldstad.example.org" in page and "1, 2" in page
    assert "maandag 6 mei 2024" in page
    assert "Er zijn nog geen zienswijzen gevraagd." in page


def test_the_case_page_warns_when_the_stakeholders_deadline_is_after_the_decision_deadline(
    app, logged_in_client, case_ids
):
    start_a_round(app, case_ids, today=date(2024, 5, 1))
    page = logged_in_client.get("/zaken/A-2024-1").text
    assert "De termijn voor belanghebbenden eindigt 9 dagen na de beslistermijn." in page


def test_the_case_page_says_how_much_room_the_consultation_leaves(app, logged_in_client, case_ids):
    start_a_round(app, case_ids, today=date(2024, 4, 9))
    assert "eindigt 13 dagen voor de beslistermijn" in logged_in_client.get("/zaken/A-2024-1").text


def test_another_organisations_case_and_its_pages_are_not_found(app, client, make_handler):
    build_case(app, organisation="Gemeente B", reference="B-2024-1")
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    for path in ("", "/documenten", "/rondes/nieuw", "/belanghebbenden/nieuw", "/belanghebbenden/importeren"):
        assert client.get(f"/zaken/B-2024-1{path}").status_code == 404, path


def test_the_case_pages_need_a_login(client, app):
    build_case(app)
    response = client.get("/zaken/A-2024-1/rondes/nieuw")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_a_reference_with_a_line_break_or_a_slash_is_explained_beside_the_field(logged_in_client):
    token = csrf_token_from(logged_in_client.get("/zaken/nieuw").text)
    response = logged_in_client.post(
        "/zaken/nieuw",
        data={"reference": "A-1\r\nBcc: x/..", "subject": "S", "received": "2025-03-03", "csrf_token": token},
    )
    assert response.status_code == 400
    assert "Gebruik in het kenmerk alleen letters, cijfers, - en ." in response.text
