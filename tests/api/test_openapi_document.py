"""The OpenAPI document is generated from the code, valid, public, and describes every route."""

from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

CONTRACT = {
    "/api/v1/cases": {"get", "post"},
    "/api/v1/cases/{case_id}": {"get", "patch"},
    "/api/v1/cases/by-reference/{reference}": {"get"},
    "/api/v1/cases/{case_id}/documents": {"get", "post"},
    "/api/v1/cases/{case_id}/documents/{document_id}/redactions": {"post"},
    "/api/v1/cases/{case_id}/stakeholders": {"get", "post"},
    "/api/v1/cases/{case_id}/rounds": {"post"},
    "/api/v1/cases/{case_id}/invitations": {"get"},
    "/api/v1/invitations/{invitation_id}/extension-decision": {"post"},
    "/api/v1/invitations/{invitation_id}/revoke": {"post"},
    "/api/v1/invitations/{invitation_id}/resend": {"post"},
}


def test_the_document_is_public_and_a_valid_openapi_3_1_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json["openapi"].startswith("3.1")
    validate(response.json)


def test_the_document_lists_every_route_of_the_contract(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path, methods in CONTRACT.items():
        assert methods <= set(paths.get(path, {})), path


def test_the_document_lists_every_api_route_the_application_serves(app, client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    served = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served == {(path, method) for path, operations in paths.items() for method in operations}


def test_every_route_needs_the_bearer_token_and_answers_errors_as_problems(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["security"] == [{"bearer": []}]
    assert document["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    for operations in document["paths"].values():
        for operation in operations.values():
            assert set(operation["responses"]["401"]["content"]) == {"application/problem+json"}


def test_the_document_describes_the_fields_of_the_contract(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert {"reference", "subject", "received_on", "requester_name"} == set(schemas["CaseCreate"]["properties"])
    assert {"file", "number", "title", "date", "assessment", "grounds"} <= set(schemas["DocumentForm"]["properties"])
    assert {"id", "stakeholder_id", "state", "deadline", "sent_at", "opened_at", "submitted_at", "extension"} <= set(
        schemas["InvitationOut"]["properties"]
    )


def _operations(document: dict):
    return [operation for operations in document["paths"].values() for operation in operations.values()]


def test_every_change_documents_the_unreadable_the_refused_and_the_not_now(client):
    for operation in _operations(client.get("/api/v1/openapi.json").json):
        content = operation.get("requestBody", {}).get("content", {})
        if content:
            assert {"400", "409", "415", "422"} <= set(operation["responses"]), operation["operationId"]
        if "multipart/form-data" in content:
            assert {"413", "507"} <= set(operation["responses"]), operation["operationId"]
        if any(parameter["in"] == "query" for parameter in operation.get("parameters", [])):
            assert {"400", "422"} <= set(operation["responses"]), operation["operationId"]


def test_every_operation_documents_the_unavailable_database(client):
    for operation in _operations(client.get("/api/v1/openapi.json").json):
        assert "503" in operation["responses"], operation["operationId"]


def test_the_document_states_the_dates_texts_ids_and_filters_the_api_accepts(client):
    document = client.get("/api/v1/openapi.json").json
    schemas = document["components"]["schemas"]
    received = schemas["CaseCreate"]["properties"]["received_on"]
    assert (received["formatMinimum"], received["formatMaximum"]) == ("2014-01-01", "2999-12-31")
    assert re.match(received["pattern"], "2014-01-01") and not re.match(received["pattern"], "2013-12-31")
    assert not re.match(received["pattern"], "3000-01-01")
    assert re.fullmatch(schemas["CaseCreate"]["properties"]["subject"]["pattern"], "a\x00b") is None
    reference = schemas["CaseCreate"]["properties"]["reference"]["pattern"]
    assert re.match(reference, "CSB-2024.136") and not re.match(reference, "A..B") and not re.match(reference, "A/B")
    case_id = document["paths"]["/api/v1/cases/{case_id}"]["get"]["parameters"][0]["schema"]
    assert (case_id["minimum"], case_id["maximum"]) == (1, 2**31 - 1)
    status = next(p for p in document["paths"]["/api/v1/cases"]["get"]["parameters"] if p["name"] == "status")
    assert {"type": "string", "maxLength": 0, "description": "Counts as absent."} in status["schema"]["anyOf"]


PAGED = [
    "/api/v1/cases",
    *(f"/api/v1/cases/{{case_id}}/{name}" for name in ("documents", "stakeholders", "invitations")),
]


@pytest.mark.parametrize("path", [*PAGED, "/api/v1/cases/{case_id}/weighing"])
def test_every_growing_list_documents_its_paging(client, path):
    operation = client.get("/api/v1/openapi.json").json["paths"][path]["get"]
    parameters = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
    limit = parameters["limit"]["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 500, 100)
    assert "opaque" in parameters["after"]["description"].lower()
    answer = operation["responses"]["200"]
    assert 'rel="next"' in answer["description"]
    assert answer["headers"]["Link"]["schema"] == {"type": "string"}
