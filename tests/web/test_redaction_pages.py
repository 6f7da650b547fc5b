"""Proposed redactions per document: add, edit and remove, with a warning for a passage not on its page."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.helpers import csrf_token_from, log_in
from tests.web.handler_case import build_case, redaction_count
from tests.weighing_case import HANDLER, answered_redaction
from zienswijze import clock
from zienswijze.db import Case, ProposedRedaction
from zienswijze.db.session import new_session


@pytest.fixture
def case_ids(app, logged_in_client):
    return build_case(app)


def _url(ids, number: int = 1) -> str:
    return f"/zaken/A-2024-1/documenten/{ids.documents[number]}"


def _add(client, ids, number: int = 1, **fields):
    token = csrf_token_from(client.get(_url(ids, number)).text)
    data = {"page": "1", "passage": "T. Bos", "ground": "5.1.2e", "reason": "", "csrf_token": token} | fields
    return client.post(f"{_url(ids, number)}/lakvoorstel", data=data, follow_redirects=True)


def test_the_document_page_lists_its_redactions_and_offers_the_grounds(logged_in_client, case_ids):
    page = logged_in_client.get(_url(case_ids)).text
    assert "Document 1: Verslag overleg" in page and "J. de Vries" in page
    assert '<option value="5.1.2e">5.1.2e – Eerbiediging van de persoonlijke levenssfeer</option>' in page


def test_a_passage_on_its_page_is_added_without_a_warning(app, logged_in_client, case_ids):
    response = _add(logged_in_client, case_ids, passage="Actiepunten", page="2")
    assert "Passage toegevoegd aan het lakvoorstel." in response.text
    assert "komt niet voor" not in response.text
    assert redaction_count(app, case_ids) == 3


def test_a_passage_not_on_its_page_is_added_with_a_warning(app, logged_in_client, case_ids):
    response = _add(logged_in_client, case_ids, passage="Actiepunten", page="1")
    assert "De passage komt niet voor op pagina 1 van document 1." in response.text
    assert redaction_count(app, case_ids) == 3


def test_an_invalid_redaction_is_explained_beside_its_fields(app, logged_in_client, case_ids):
    response = _add(logged_in_client, case_ids, page="7", passage=" ", ground="9.9")
    assert response.status_code == 400
    assert "Vul een bestaande pagina in (1 tot en met 2)." in response.text
    assert "Vul de passage in." in response.text
    assert "9.9 staat niet in de lijst met weigeringsgronden." in response.text
    assert redaction_count(app, case_ids) == 2


def test_a_redaction_is_edited(app, logged_in_client, case_ids):
    url = f"{_url(case_ids)}/lakvoorstel/{case_ids.redactions[0]}"
    form = logged_in_client.get(url).text
    assert "J. de Vries</textarea>" in form and '<option selected value="5.1.2e">' in form
    response = logged_in_client.post(
        url,
        data={
            "page": "1",
            "passage": "J. de Vries",
            "ground": "5.1.2e",
            "reason": "Gewijzigd.",
            "csrf_token": csrf_token_from(form),
        },
        follow_redirects=True,
    )
    assert "Passage gewijzigd." in response.text and "Gewijzigd." in response.text


def test_an_invalid_edit_keeps_the_form(logged_in_client, case_ids):
    url = f"{_url(case_ids)}/lakvoorstel/{case_ids.redactions[0]}"
    token = csrf_token_from(logged_in_client.get(url).text)
    response = logged_in_client.post(
        url, data={"page": "x", "passage": "J. de Vries", "ground": "5.1.2e", "csrf_token": token}
    )
    assert response.status_code == 400 and "Vul een bestaande pagina in" in response.text


def test_a_redaction_is_removed(app, logged_in_client, case_ids):
    token = csrf_token_from(logged_in_client.get(_url(case_ids)).text)
    response = logged_in_client.post(
        f"{_url(case_ids)}/lakvoorstel/{case_ids.redactions[0]}/verwijderen",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "Passage verwijderd uit het lakvoorstel." in response.text
    with app.app_context(), new_session() as session:
        assert [r.passage for r in session.exec(select(ProposedRedaction))] == ["T. Bos"]


def test_another_organisations_document_and_redaction_are_not_found(app, make_handler, case_ids):
    client = app.test_client()
    log_in(client, make_handler("b@example.org", "Gemeente B"))
    own = build_case(app, organisation="Gemeente B", reference="B-2024-1")
    assert client.get(f"/zaken/B-2024-1/documenten/{case_ids.documents[1]}").status_code == 404
    token = csrf_token_from(client.get(f"/zaken/B-2024-1/documenten/{own.documents[1]}").text)
    response = client.post(
        f"/zaken/B-2024-1/documenten/{own.documents[1]}/lakvoorstel/{case_ids.redactions[0]}/verwijderen",
        data={"csrf_token": token},
    )
    assert response.status_code == 404
    assert redaction_count(app, case_ids) == 2


def _decide(app, ids) -> None:
    with app.app_context(), new_session() as session:
        case = session.get(Case, ids.case)
        case.decision_date = clock.today()
        session.commit()


def test_after_the_decision_the_proposal_is_read_only(app, logged_in_client, case_ids):
    token = csrf_token_from(logged_in_client.get(_url(case_ids)).text)
    _decide(app, case_ids)
    page = logged_in_client.get(_url(case_ids)).text
    assert "het lakvoorstel kan niet meer worden gewijzigd" in page and "Passage toevoegen" not in page
    data = {"page": "2", "passage": "Actiepunten", "ground": "5.1.2e", "reason": "", "csrf_token": token}
    refused = logged_in_client.post(f"{_url(case_ids)}/lakvoorstel", data=data)
    assert refused.status_code == 409 and redaction_count(app, case_ids) == 2


def test_a_redaction_a_stakeholder_answered_is_not_removed_and_the_page_says_why(app, client):
    answered = answered_redaction(app)
    log_in(client, HANDLER, "x" * 16)
    url = f"/zaken/{answered['reference']}/documenten/{answered['document']}"
    token = csrf_token_from(client.get(url).text)
    response = client.post(f"{url}/lakvoorstel/{answered['redaction']}/verwijderen", data={"csrf_token": token})
    assert response.status_code == 409 and "heeft op deze passage gereageerd" in response.text
