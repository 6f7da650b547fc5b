"""The API keeps to its own OpenAPI document: Schemathesis calls every operation with generated input.

Each operation gets a few examples (fixed seed, so CI finds the same ones), called in-process with a valid
token and, mostly, the ids of a real consulted case; none may answer 5xx, and every answer's status,
content type, headers and body must be the ones the document states.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode
from schemathesis.generation.meta import ComponentInfo

from tests.api.calls import token_for
from tests.weighing_case import HANDLER, attach_to_view, consulted_case

schema = schemathesis.pytest.from_fixture("api_schema")
POSITIVE = ComponentInfo(GenerationMode.POSITIVE)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.negative_data_rejection,
]


@pytest.fixture(autouse=True)
def _node_id_schemathesis_renames(request):
    """Schemathesis 4.32 names each operation's subtest through ``_nodeid``, which pytest 9.2 no longer has."""
    request.node._nodeid = request.node.nodeid


@pytest.fixture
def consulted(app) -> dict:
    """A consulted case: S1 objected and asked for an extra redaction, S2 objected with an attachment."""
    return consulted_case(app) | {"attachment": attach_to_view(app, "S2", submit=True)}


@pytest.fixture
def auth(app, consulted) -> dict[str, str]:
    return token_for(app, HANDLER)


@pytest.fixture
def real_ids(client, consulted, auth) -> dict[str, int | str]:
    """The path parameters of the consulted case, by their names in the document."""
    case = consulted["case"]
    documents = client.get(f"/api/v1/cases/{case}/documents", headers=auth).json
    stakeholders = client.get(f"/api/v1/cases/{case}/stakeholders", headers=auth).json
    invitations = client.get(f"/api/v1/cases/{case}/invitations", headers=auth).json
    items = client.get(f"/api/v1/cases/{case}/weighing", headers=auth).json["items"]
    return {
        "case_id": case,
        "reference": client.get(f"/api/v1/cases/{case}", headers=auth).json["reference"],
        "document_id": documents[0]["id"],
        "redaction_id": documents[0]["redactions"][0]["id"],
        "stakeholder_id": stakeholders[0]["id"],
        "invitation_id": invitations[0]["id"],
        "item_id": items[0]["id"],
        "attachment_id": consulted["attachment"],
    }


@pytest.fixture
def api_schema(app):
    """The application's own document; each operation gets a bounded number of examples from a fixed seed."""
    config = schemathesis.Config.from_dict(
        {
            "seed": 12,
            "generation": {"max-examples": 25, "deterministic": True, "with-security-parameters": False},
        }
    )
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=config)


@pytest.fixture
def decided(client, real_ids, auth) -> None:
    """The decision recorded before every term has ended, with the reason why."""
    response = client.post(
        f"/api/v1/cases/{real_ids['case_id']}/decision",
        json={"decided_on": "2026-12-04", "announced_on": "2026-12-04", "override_reason": "Spoed."},
        headers=auth,
    )
    assert response.status_code == 201, response.json


def call_and_validate(case: schemathesis.Case, auth: dict[str, str], real_ids: dict[str, int | str]) -> None:
    """Valid path parameters are the real case's ids, so calls reach real objects; invalid ones are sent as made."""
    if case.meta.components.get(ParameterLocation.PATH, POSITIVE).mode is GenerationMode.POSITIVE:
        case.path_parameters = {name: real_ids[name] for name in case.path_parameters}
    case.call_and_validate(headers=auth, checks=CHECKS)


# Recording the decision ends every change of the case (409), so it is called in the decided case only.
@schema.exclude(operation_id="record_decision").parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_the_document_during_the_consultation(case, auth, real_ids):
    call_and_validate(case, auth, real_ids)


@schema.include(tag=["besluit", "publicatie"]).parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_decision_and_publication_keep_to_the_document_once_decided(case, auth, real_ids, decided):
    call_and_validate(case, auth, real_ids)
