"""A case system of organisation B can neither read nor change anything of organisation A: it is all 404,
exactly as if it did not exist."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.api.calls import pdf, upload
from zienswijze.db import Case
from zienswijze.db.session import new_session
from zienswijze.services.accounts import issue_api_token


@pytest.fixture
def two_bodies(app, two_bodies):
    """The two organisations of tests/conftest.py, seen by a case system of Gemeente A."""
    with app.app_context(), new_session() as session:
        token = issue_api_token(session, email="a@example.org")
    return {"Authorization": f"Bearer {token}"}, two_bodies


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
    assert {error["field"] for error in response.json["errors"]} == {"received", "status"}


def test_the_api_refuses_a_call_without_a_valid_token_in_json(client, two_bodies):
    for headers in ({}, {"Authorization": "Bearer verkeerd"}):
        response = client.get("/api/v1/cases", headers=headers)
        assert response.status_code == 401 and response.json["status"] == 401


def test_another_organisations_documents_are_not_found(client, other_auth, case_id, document_id):
    assert client.get(f"/api/v1/cases/{case_id}/documents", headers=other_auth).status_code == 404
    assert upload(client, other_auth, case_id, number=2, file=pdf()).status_code == 404


def test_another_organisations_document_gets_no_redaction(client, auth, other_auth, case_id, document_id):
    body = {"page": 1, "passage": "J. de Vries", "ground": "5.1.2e", "reason": ""}
    own = client.post(
        "/api/v1/cases", json={"reference": "B-1", "subject": "S", "received_on": "2024-06-18"}, headers=other_auth
    ).json
    for path in (
        f"/api/v1/cases/{case_id}/documents/{document_id}/redactions",
        f"/api/v1/cases/{own['id']}/documents/{document_id}/redactions",
    ):
        assert client.post(path, json=body, headers=other_auth).status_code == 404
    assert client.get(f"/api/v1/cases/{case_id}/documents", headers=auth).json[0]["redactions"] == []


def test_another_organisations_stakeholders_are_not_found(client, other_auth, case_id, stakeholder_id):
    assert client.get(f"/api/v1/cases/{case_id}/stakeholders", headers=other_auth).status_code == 404
    response = client.post(
        f"/api/v1/cases/{case_id}/stakeholders",
        json={"name": "X", "kind": "persoon", "email": "x@example.org", "document_ids": []},
        headers=other_auth,
    )
    assert response.status_code == 404


def test_another_organisation_cannot_start_a_round(client, other_auth, case_id, stakeholder_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/rounds",
        json={"extension_max_days": 0, "auto_grant_extensions": False},
        headers=other_auth,
    )
    assert response.status_code == 404


@pytest.mark.parametrize("action", ["revoke", "resend", "extension-decision"])
def test_another_organisations_invitation_is_not_found(client, auth, other_auth, case_id, invitation_id, action):
    body = {"granted": True, "deadline": "2099-01-05", "reason": "Vakantie"} if action == "extension-decision" else None
    response = client.post(f"/api/v1/invitations/{invitation_id}/{action}", json=body, headers=other_auth)
    assert response.status_code == 404
    assert response.json["detail"] == "Dit bestaat niet, of hoort niet bij uw organisatie."
    assert client.get(f"/api/v1/cases/{case_id}/invitations", headers=auth).json[0]["state"] == "concept"


def test_another_organisations_invitations_are_not_listed(client, other_auth, case_id, invitation_id):
    assert client.get(f"/api/v1/cases/{case_id}/invitations", headers=other_auth).status_code == 404


def test_another_organisations_reference_is_not_found(client, other_auth, case_id):
    assert client.get("/api/v1/cases?reference=A-2024-7", headers=other_auth).json["cases"] == []
    assert client.get("/api/v1/cases/by-reference/A-2024-7", headers=other_auth).status_code == 404
