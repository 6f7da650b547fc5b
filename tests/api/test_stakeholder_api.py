"""Stakeholders (derde-belanghebbenden) over the API: addresses, kinds and the documents that concern them."""

from __future__ import annotations


def add(client, auth, case_id, **fields):
    body = {"name": "Analyse B.V.", "kind": "bedrijf", "email": "juridisch@analyse.example.com", "document_ids": []}
    return client.post(f"/api/v1/cases/{case_id}/stakeholders", json=body | fields, headers=auth)


def test_a_stakeholder_is_added_with_a_code_and_its_documents(client, auth, case_id, document_id):
    response = add(client, auth, case_id, document_ids=[document_id])
    assert response.status_code == 201
    stakeholder = response.json
    assert stakeholder["code"] == "B1" and stakeholder["kind"] == "bedrijf"
    assert stakeholder["emails"] == ["juridisch@analyse.example.com"]
    assert stakeholder["document_ids"] == [document_id]


def test_a_stakeholder_may_have_several_addresses(client, auth, case_id):
    response = add(client, auth, case_id, email=["b@analyse.example.com", "a@analyse.example.com"])
    assert response.json["emails"] == ["a@analyse.example.com", "b@analyse.example.com"]
    assert [c["email"] for c in response.json["contacts"]] == response.json["emails"]


def test_an_invalid_address_and_kind_are_refused_per_field(client, auth, case_id):
    response = add(client, auth, case_id, email="geen-adres", kind="vereniging")
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json["errors"]}
    assert set(errors) == {"kind"} and "'bestuursorgaan'" in errors["kind"]
    response = add(client, auth, case_id, email="geen-adres")
    assert response.json["errors"] == [{"field": "email", "message": "geen-adres is geen geldig e-mailadres."}]


def test_an_address_that_is_neither_text_nor_a_list_is_explained(client, auth, case_id):
    response = add(client, auth, case_id, email=42)
    assert response.json["errors"] == [
        {"field": "email", "message": "Vul een e-mailadres in, of een lijst van e-mailadressen."}
    ]


def test_a_document_of_another_case_cannot_concern_the_stakeholder(client, auth, case_id, document_id):
    other = client.post(
        "/api/v1/cases", json={"reference": "A-9", "subject": "S", "received_on": "2024-06-18"}, headers=auth
    ).json
    response = add(client, auth, other["id"], document_ids=[document_id])
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": "document_ids", "message": "Kies documenten uit deze zaak."}]


def test_the_stakeholder_list_shows_every_stakeholder_of_the_case(client, auth, case_id, stakeholder_id):
    add(client, auth, case_id, name="Gemeente C", kind="bestuursorgaan", email="woo@c.example.org")
    stakeholders = client.get(f"/api/v1/cases/{case_id}/stakeholders", headers=auth).json
    assert [(s["id"] == stakeholder_id, s["code"], s["name"]) for s in stakeholders] == [
        (True, "B1", "Analyse B.V."),
        (False, "B2", "Gemeente C"),
    ]


def test_the_documents_that_concern_a_stakeholder_can_be_replaced(client, auth, case_id, stakeholder_id):
    response = client.put(
        f"/api/v1/cases/{case_id}/stakeholders/{stakeholder_id}/documents", json={"document_ids": []}, headers=auth
    )
    assert response.status_code == 200 and response.json["document_ids"] == []
