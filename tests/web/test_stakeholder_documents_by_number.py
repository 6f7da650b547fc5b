"""A case of more documents than a page can offer checkboxes for: the handler names a stakeholder's documents
by their numbers in the inventory, single or as ranges, and reads them back the same way."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers import csrf_token_from
from tests.web.wide_case import wide_case
from zienswijze.db import Concern, Document, Stakeholder
from zienswijze.db.session import new_session
from zienswijze.web.handler.stakeholders import CHECKBOX_LIMIT

CASE = "/zaken/GROOT"


def _stakeholder(app, code: str = "B1") -> int:
    with app.app_context(), new_session() as session:
        return session.exec(select(Stakeholder.id).where(Stakeholder.code == code)).one()


def _numbers_of(app, stakeholder_id: int) -> list[int]:
    with app.app_context(), new_session() as session:
        return sorted(
            session.exec(
                select(Document.number)
                .join(Concern, Concern.document_id == Document.id)
                .where(Concern.stakeholder_id == stakeholder_id)
            )
        )


def _edit(client, stakeholder_id: int, numbers: str):
    url = f"{CASE}/belanghebbenden/{stakeholder_id}"
    token = csrf_token_from(client.get(url).text)
    return client.post(url, data={"csrf_token": token, "document_numbers": numbers})


def test_a_big_case_asks_for_document_numbers_instead_of_a_checkbox_per_document(app, logged_in_client):
    wide_case(app, "GROOT", CHECKBOX_LIMIT + 1)
    page = logged_in_client.get(f"{CASE}/belanghebbenden/{_stakeholder(app)}").text
    assert 'name="document_ids"' not in page
    assert 'name="document_numbers"' in page and 'value="1"' in page


def test_numbers_and_ranges_typed_become_the_stakeholders_documents(app, logged_in_client):
    wide_case(app, "GROOT", CHECKBOX_LIMIT + 1)
    stakeholder = _stakeholder(app)
    response = _edit(logged_in_client, stakeholder, "2-4, 7; 101")
    assert response.status_code == 302
    assert _numbers_of(app, stakeholder) == [2, 3, 4, 7, 101]
    assert 'value="2-4, 7, 101"' in logged_in_client.get(f"{CASE}/belanghebbenden/{stakeholder}").text


def test_a_number_the_case_does_not_have_is_refused_beside_the_field_and_nothing_changes(app, logged_in_client):
    wide_case(app, "GROOT", CHECKBOX_LIMIT + 1)
    stakeholder = _stakeholder(app)
    response = _edit(logged_in_client, stakeholder, "5-6, 9998-9999")
    assert response.status_code == 400
    assert "Deze zaak heeft geen document met nummer 9998-9999." in response.text
    assert _numbers_of(app, stakeholder) == [1]


def test_a_new_stakeholder_of_a_big_case_gets_the_documents_named_by_number(app, logged_in_client):
    wide_case(app, "GROOT", CHECKBOX_LIMIT + 1)
    url = f"{CASE}/belanghebbenden/nieuw"
    page = logged_in_client.get(url).text
    assert 'name="document_ids"' not in page
    response = logged_in_client.post(
        url,
        data={
            "csrf_token": csrf_token_from(page),
            "name": "Nieuw B.V.",
            "kind": "bedrijf",
            "emails": "info@nieuw.example",
            "document_numbers": "10-12",
        },
    )
    assert response.status_code == 302
    with app.app_context(), new_session() as session:
        new = session.exec(select(Stakeholder.id).where(Stakeholder.name == "Nieuw B.V.")).one()
    assert _numbers_of(app, new) == [10, 11, 12]
