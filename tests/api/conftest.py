"""Fixtures for the JSON API: a token per organisation, and a case built up through the API itself."""

from __future__ import annotations

import pytest

from tests.api.calls import token_for, upload


@pytest.fixture
def auth(app, make_handler) -> dict[str, str]:
    """Headers of a handler of Gemeente A."""
    return token_for(app, make_handler("a@example.org", "Gemeente A"))


@pytest.fixture
def other_auth(app, make_handler) -> dict[str, str]:
    """Headers of a handler of Gemeente B, who must never see Gemeente A's data."""
    return token_for(app, make_handler("b@example.org", "Gemeente B"))


@pytest.fixture
def case_id(client, auth) -> int:
    response = client.post(
        "/api/v1/cases",
        json={"reference": "A-2024-7", "subject": "Documenten over het dashboard", "received_on": "2024-06-18"},
        headers=auth,
    )
    assert response.status_code == 201, response.json
    return response.json["id"]


@pytest.fixture
def document_id(client, auth, case_id) -> int:
    response = upload(client, auth, case_id)
    assert response.status_code == 201, response.json
    return response.json["id"]


@pytest.fixture
def stakeholder_id(client, auth, case_id, document_id) -> int:
    response = client.post(
        f"/api/v1/cases/{case_id}/stakeholders",
        json={
            "name": "Analyse B.V.",
            "kind": "bedrijf",
            "email": "juridisch@analyse.example.com",
            "document_ids": [document_id],
        },
        headers=auth,
    )
    assert response.status_code == 201, response.json
    return response.json["id"]


@pytest.fixture
def round_json(client, auth, case_id, stakeholder_id) -> dict:
    response = client.post(
        f"/api/v1/cases/{case_id}/rounds",
        json={"term_days": 14, "extension_max_days": 14, "auto_grant_extensions": False},
        headers=auth,
    )
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def invitation_id(round_json) -> int:
    return round_json["invitations"][0]["id"]
