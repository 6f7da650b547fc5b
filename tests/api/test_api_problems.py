"""Every error of the API is an RFC 9457 problem with a Dutch explanation; bad input is never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_config
from zienswijze import create_app

PROBLEM = "application/problem+json"


def test_a_call_without_a_token_is_unauthorised_with_a_bearer_challenge(client):
    response = client.get("/api/v1/cases")
    assert response.status_code == 401 and response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="zienswijze"'
    assert response.json == {
        "type": "about:blank",
        "title": "Niet geauthenticeerd",
        "status": 401,
        "detail": "Stuur een geldig API-token mee: Authorization: Bearer <token>.",
        "instance": "/api/v1/cases",
    }


def test_a_call_with_an_unknown_token_says_the_token_is_invalid(client, auth):
    response = client.get("/api/v1/cases", headers={"Authorization": "Bearer zw_verzonnen"})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_token_under_another_scheme_than_bearer_is_refused(client, auth):
    response = client.get("/api/v1/cases", headers={"Authorization": auth["Authorization"].replace("Bearer", "Basic")})
    assert response.status_code == 401


def _api_calls() -> list:
    """(method, path) of every API route but the public OpenAPI document, each argument filled with 1; read
    from an application made only for its url_map, so a route added later is asked without touching this file."""
    app = create_app(make_config("sqlite://", Path("/nonexistent")))
    return [
        pytest.param(method, path, id=f"{method} {rule.rule}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and rule.endpoint != "api.openapi"
        for path in [app.url_map.bind("zienswijze.test").build(rule.endpoint, dict.fromkeys(rule.arguments, 1))]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]


API_CALLS = _api_calls()


def test_the_routes_asked_without_a_token_are_the_api_s_every_method_but_its_public_document():
    asked = {call.id for call in API_CALLS}
    assert {
        "GET /api/v1/cases",
        "POST /api/v1/cases",
        "PATCH /api/v1/cases/<int:case_id>",
        "GET /api/v1/cases/by-reference/<reference>",
        "DELETE /api/v1/cases/<int:case_id>/redactions/<int:redaction_id>",
        "PUT /api/v1/weighing-items/<int:item_id>",
        "GET /api/v1/cases/<int:case_id>/audit.csv",
    } <= asked
    assert "GET /api/v1/openapi.json" not in asked


@pytest.mark.parametrize(("method", "path"), API_CALLS)
def test_every_api_route_needs_a_token(client, method, path):
    response = client.open(path, method=method)
    assert response.status_code == 401 and response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="zienswijze"'


def test_malformed_json_is_a_bad_request(client, auth):
    response = client.post("/api/v1/cases", data='{"reference": ', content_type="application/json", headers=auth)
    assert response.status_code == 400 and response.mimetype == PROBLEM
    assert response.json["detail"] == "De inhoud is geen geldige JSON."


def test_json_that_is_not_an_object_is_a_bad_request(client, auth):
    response = client.post("/api/v1/cases", json=["A-1"], headers=auth)
    assert response.status_code == 400 and response.json["detail"] == "Stuur een JSON-object."


def test_a_body_that_is_not_json_is_an_unsupported_media_type(client, auth):
    response = client.post("/api/v1/cases", data={"reference": "A-1"}, headers=auth)
    assert response.status_code == 415 and response.mimetype == PROBLEM


def test_an_unknown_api_path_is_a_problem_not_a_page(client, auth):
    response = client.get("/api/v1/zaken", headers=auth)
    assert response.status_code == 404 and response.mimetype == PROBLEM
    assert response.json["title"] == "Niet gevonden"


def test_an_unknown_api_path_with_a_nul_character_is_still_a_problem(client, auth):
    response = client.get("/api/v1/zaken?q=%00", headers=auth)
    assert response.status_code == 404 and response.mimetype == PROBLEM


def test_a_method_a_route_does_not_have_is_not_allowed(client, auth):
    response = client.delete("/api/v1/cases", headers=auth)
    assert response.status_code == 405 and response.mimetype == PROBLEM
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_an_identifier_that_is_no_number_is_not_found(client, auth):
    assert client.get("/api/v1/cases/abc", headers=auth).status_code == 404


def test_json_nested_deeper_than_the_parser_goes_is_a_bad_request(client, auth):
    deep = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/cases", data=deep, content_type="application/json", headers=auth)
    assert response.status_code == 400


def test_a_nul_character_is_refused_instead_of_failing_in_the_database(client, auth):
    response = client.post(
        "/api/v1/cases", json={"reference": "A-1", "subject": "a\x00b", "received_on": "2024-06-18"}, headers=auth
    )
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"field": "subject", "message": "Dit veld bevat een teken dat niet kan worden opgeslagen."}
    ]


def test_a_lone_surrogate_is_refused_instead_of_failing_to_encode(client, auth):
    body = '{"reference": "A-1", "subject": "a\\ud800", "received_on": "2024-06-18"}'
    response = client.post("/api/v1/cases", data=body, content_type="application/json", headers=auth)
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "subject"


def test_a_date_outside_the_holiday_calendar_is_refused(client, auth):
    for received_on in ("2013-12-31", "9999-12-31"):
        response = client.post(
            "/api/v1/cases", json={"reference": "A-1", "subject": "S", "received_on": received_on}, headers=auth
        )
        assert response.status_code == 422
        assert response.json["errors"] == [
            {"field": "received_on", "message": "Vul een datum in tussen 2014-01-01 en 2999-12-31."}
        ]


def test_an_identifier_beyond_the_databases_integers_is_not_found(client, auth):
    assert client.get(f"/api/v1/cases/{10**30}", headers=auth).status_code == 404


def test_a_number_beyond_the_databases_integers_is_refused(client, auth, case_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/stakeholders",
        json={"name": "X", "kind": "persoon", "email": "x@example.org", "document_ids": [10**30]},
        headers=auth,
    )
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"field": "document_ids.0", "message": "Vul een getal van hoogstens 2147483647 in."}
    ]


def test_a_json_value_of_the_wrong_type_is_refused_not_converted(client, auth, case_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/rounds/preview",
        json={"extension_max_days": "14", "auto_grant_extensions": 0},
        headers=auth,
    )
    assert response.status_code == 422
    assert {error["field"] for error in response.json["errors"]} == {"extension_max_days", "auto_grant_extensions"}


def test_an_empty_filter_counts_as_absent(client, auth, case_id):
    assert len(client.get("/api/v1/cases?status=&q=", headers=auth).json["cases"]) == 1


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"number=1&title=Notitie"),
        ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nNotitie'),
    ],
    ids=["no boundary", "no closing boundary"],
)
def test_a_multipart_body_that_cannot_be_read_is_a_bad_request(client, auth, case_id, content_type, body):
    response = client.post(f"/api/v1/cases/{case_id}/documents", data=body, content_type=content_type, headers=auth)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.json["detail"] == "De inhoud kon niet als multipart/form-data worden gelezen."
