"""Woo requests over the API: register, list, read and change, and their errors per field."""

from __future__ import annotations


def test_a_case_is_registered_with_its_decision_deadline_and_location(client, auth):
    response = client.post(
        "/api/v1/cases",
        json={
            "reference": "A-2024-7",
            "subject": "Dashboard",
            "received_on": "2024-06-18",
            "requester_name": "P. Jansen",
        },
        headers=auth,
    )
    assert response.status_code == 201
    case = response.json
    assert case["reference"] == "A-2024-7" and case["status"] == "in behandeling"
    assert case["received_on"] == "2024-06-18"
    # Woo art. 4.4 lid 1: four weeks from receipt.
    assert case["decision_deadline"] == "2024-07-16"
    assert response.headers["Location"] == f"/api/v1/cases/{case['id']}"


def test_a_registered_case_can_be_read_back(client, auth, case_id):
    case = client.get(f"/api/v1/cases/{case_id}", headers=auth).json
    assert case["id"] == case_id and case["subject"] == "Documenten over het dashboard"
    assert case["decision_deadline"] == "2024-07-16"


def test_a_case_without_its_required_fields_is_refused_per_field(client, auth):
    response = client.post("/api/v1/cases", json={"subject": ""}, headers=auth)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    errors = {e["field"]: e["message"] for e in response.json["errors"]}
    assert errors == {"reference": "Dit veld is verplicht.", "received_on": "Dit veld is verplicht."}


def test_a_case_with_a_date_that_is_no_date_is_refused_in_dutch(client, auth):
    response = client.post(
        "/api/v1/cases", json={"reference": "A-1", "subject": "S", "received_on": "8 april"}, headers=auth
    )
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": "received_on", "message": "Vul een geldige datum in (JJJJ-MM-DD)."}]


def test_a_second_case_with_the_same_reference_is_a_conflict(client, auth, case_id):
    response = client.post(
        "/api/v1/cases", json={"reference": "A-2024-7", "subject": "S", "received_on": "2024-06-18"}, headers=auth
    )
    assert response.status_code == 409
    assert response.json["errors"] == [{"field": "reference", "message": "Er is al een zaak met kenmerk A-2024-7."}]


def test_an_unknown_field_is_refused_rather_than_ignored(client, auth):
    response = client.post(
        "/api/v1/cases",
        json={"reference": "A-1", "subject": "S", "received_on": "2024-06-18", "requestor": "typo"},
        headers=auth,
    )
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": "requestor", "message": "Dit veld bestaat niet; laat het weg."}]


def test_the_case_list_filters_by_status_and_search_text(client, auth, case_id):
    client.post(
        "/api/v1/cases", json={"reference": "A-2", "subject": "Subsidies", "received_on": "2024-06-01"}, headers=auth
    )
    found = client.get("/api/v1/cases?q=dashboard", headers=auth).json["cases"]
    assert [c["reference"] for c in found] == ["A-2024-7"]
    assert found[0]["open_invitations"] == 0 and found[0]["nearest_stakeholder_deadline"] is None
    assert client.get("/api/v1/cases?status=consultatie", headers=auth).json["cases"] == []


def test_an_unknown_status_filter_names_the_statuses(client, auth):
    response = client.get("/api/v1/cases?status=open", headers=auth)
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "status"
    assert "'consultatie'" in response.json["errors"][0]["message"]


def test_a_change_of_the_received_date_moves_the_decision_deadline(client, auth, case_id):
    response = client.patch(f"/api/v1/cases/{case_id}", json={"received_on": "2024-06-25"}, headers=auth)
    assert response.status_code == 200
    assert response.json["decision_deadline"] == "2024-07-23"


def test_an_emptied_subject_is_refused_with_the_services_message(client, auth, case_id):
    response = client.patch(f"/api/v1/cases/{case_id}", json={"subject": " "}, headers=auth)
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": "subject", "message": "Vul het onderwerp in."}]


def test_a_reference_with_a_slash_is_refused_in_dutch(client, auth):
    response = client.post(
        "/api/v1/cases", json={"reference": "2024/../7", "subject": "S", "received_on": "2024-06-18"}, headers=auth
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json["errors"]] == ["reference"]
    assert "alleen letters, cijfers, - en ." in response.json["errors"][0]["message"]


def test_a_case_is_found_by_its_exact_reference(client, auth, case_id):
    client.post(
        "/api/v1/cases", json={"reference": "A-2024-70", "subject": "S", "received_on": "2024-06-18"}, headers=auth
    )
    response = client.get("/api/v1/cases?reference=A-2024-7", headers=auth)
    assert [case["id"] for case in response.json["cases"]] == [case_id]


def test_an_unknown_reference_finds_an_empty_list(client, auth, case_id):
    response = client.get("/api/v1/cases?reference=A-2024", headers=auth)
    assert response.status_code == 200 and response.json["cases"] == []


def test_a_case_is_read_by_its_reference(client, auth, case_id):
    response = client.get("/api/v1/cases/by-reference/A-2024-7", headers=auth)
    assert response.status_code == 200 and response.json["id"] == case_id


def test_an_unknown_reference_is_not_found(client, auth, case_id):
    assert client.get("/api/v1/cases/by-reference/A-2024-8", headers=auth).status_code == 404
