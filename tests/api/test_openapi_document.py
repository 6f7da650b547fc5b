"""The OpenAPI document is generated from the code, valid, public, and describes every route."""

from __future__ import annotations

from openapi_spec_validator import validate

CONTRACT = {
    "/api/v1/cases": {"get", "post"},
    "/api/v1/cases/{case_id}": {"get", "patch"},
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
        (rule.rule.replace("<int:", "{").replace(">", "}"), method.lower())
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
