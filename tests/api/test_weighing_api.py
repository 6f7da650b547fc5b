"""The weighing, decision, paragraph and exports over the API, scoped to the caller's organisation."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl
import pytest

from tests.services.test_outbox import Server, dispatch, serving
from zienswijze import clock
from zienswijze.db import Case, Invitation
from zienswijze.db.session import new_session
from zienswijze.domain.responses import ItemInput, ItemKind, Position, ResponseInput
from zienswijze.files.letters import letter_pdf
from zienswijze.services import responses
from zienswijze.services.context import Actor
from zienswijze.services.stakeholder_access import open_invitation


@pytest.fixture
def objected(app, case_id, document_id, invitation_id) -> int:
    """The stakeholder asks for an extra redaction through the same service as the dossier page."""
    with app.app_context(), new_session() as session:
        invitation, case = session.get(Invitation, invitation_id), session.get(Case, case_id)
        stakeholder = Actor.stakeholder(case.organisation_id)
        open_invitation(session, stakeholder, invitation_id=invitation.id, now=clock.now())
        item = ItemInput(
            ItemKind.EXTRA_LAKKING,
            document_id,
            page=1,
            passage="J. de Vries",
            ground_code="5.1.2e",
            reasons="Naam van onze medewerker.",
        )
        data = ResponseInput(position=Position.GEDEELTELIJK_BEZWAAR, items=(item,), email_consent=True)
        responses.submit(
            session, stakeholder, invitation_id=invitation.id, data=data, now=clock.now(), today=clock.today()
        )
    return case_id


def put_letter(client, auth, case_id: int, data: bytes | None = None):
    pdf = letter_pdf("Besluit", "Besluit op het Woo-verzoek A-2024-7") if data is None else data
    return client.put(
        f"/api/v1/cases/{case_id}/decision/letter",
        data={"file": (io.BytesIO(pdf), "besluit.pdf")},
        headers=auth,
        content_type="multipart/form-data",
    )


def _decide(client, auth, case_id: int):
    return client.post(
        f"/api/v1/cases/{case_id}/decision",
        json={"decided_on": "2024-07-26", "announced_on": "2024-07-26"},
        headers=auth,
    )


def test_the_letter_uploaded_first_sends_the_notices_once_the_decision_is_recorded(client, auth, objected):
    uploaded = put_letter(client, auth, objected)
    assert uploaded.status_code == 200, uploaded.json
    assert uploaded.json["notices"] == 0 and uploaded.json["file_name"] == "besluit.pdf"
    assert _decide(client, auth, objected).json["notices"] == 1


def test_the_letter_uploaded_after_the_decision_sends_the_notices(client, auth, objected):
    assert _decide(client, auth, objected).json["notices"] == 0
    assert put_letter(client, auth, objected).json["notices"] == 1
    again = put_letter(client, auth, objected)
    assert again.status_code == 422 and again.mimetype == "application/problem+json"


def test_a_letter_that_is_no_pdf_is_a_problem(client, auth, objected):
    response = put_letter(client, auth, objected, b"geen pdf")
    assert response.status_code == 422 and "geen PDF" in str(response.json)


def test_a_letter_over_the_size_limit_is_413(app, client, auth, objected):
    app.config["MAX_UPLOAD_MB"] = 0
    assert put_letter(client, auth, objected).status_code == 413


def test_the_weighing_lists_the_request_and_recording_it_changes_the_documents_outcome(client, auth, objected):
    listed = client.get(f"/api/v1/cases/{objected}/weighing", headers=auth)
    assert listed.status_code == 200
    assert (listed.json["total"], listed.json["remaining"], listed.json["complete"]) == (1, 1, False)
    item = listed.json["items"][0]
    assert (item["subject"], item["passage"], item["requested_ground"], item["outcome"]) == (
        "extra lakking",
        "J. de Vries",
        "5.1.2e",
        None,
    )
    recorded = client.put(
        f"/api/v1/weighing-items/{item['id']}",
        json={"outcome": "gehonoreerd", "motivation": "Privacy weegt zwaarder.", "ground": "5.1.2e"},
        headers=auth,
    )
    assert recorded.status_code == 200, recorded.json
    assert recorded.json["outcome"] == "gehonoreerd"
    assert client.get(f"/api/v1/cases/{objected}/weighing", headers=auth).json["complete"] is True
    document = client.get(f"/api/v1/cases/{objected}/documents", headers=auth).json[0]
    assert {"page": 1, "passage": "J. de Vries", "ground": "5.1.2e"} in document["outcome"]["redactions"]
    assert document["outcome"]["assessment"] == "deels openbaar" and "5.1.2e" in document["outcome"]["grounds"]


def test_partly_honouring_names_the_withheld_passages(client, auth, objected):
    item = client.get(f"/api/v1/cases/{objected}/weighing", headers=auth).json["items"][0]
    body = {"outcome": "deels gehonoreerd", "motivation": "Alleen de achternaam.", "ground": "5.1.2e"}
    refused = client.put(f"/api/v1/weighing-items/{item['id']}", json=body, headers=auth)
    assert refused.status_code == 422 and {e["field"] for e in refused.json["errors"]} == {"marked"}
    marked = [{"page": 1, "passage": "de Vries"}]
    recorded = client.put(f"/api/v1/weighing-items/{item['id']}", json={**body, "marked": marked}, headers=auth)
    assert recorded.status_code == 200 and recorded.json["marked"] == marked


def test_the_weighing_cannot_change_after_the_decision(client, auth, objected):
    item = client.get(f"/api/v1/cases/{objected}/weighing", headers=auth).json["items"][0]
    body = {"outcome": "niet gehonoreerd", "motivation": "Het is geen persoonsgegeven."}
    client.put(f"/api/v1/weighing-items/{item['id']}", json=body, headers=auth)
    dates = {"decided_on": "2024-07-26", "announced_on": "2024-07-26"}
    assert client.post(f"/api/v1/cases/{objected}/decision", json=dates, headers=auth).status_code == 201
    again = client.put(f"/api/v1/weighing-items/{item['id']}", json={**body, "outcome": "gehonoreerd"}, headers=auth)
    assert again.status_code == 409 and "besluit" in again.json["detail"]


def test_a_weighing_without_a_motivation_is_a_problem_with_the_field(client, auth, objected):
    item = client.get(f"/api/v1/cases/{objected}/weighing", headers=auth).json["items"][0]
    refused = client.put(
        f"/api/v1/weighing-items/{item['id']}", json={"outcome": "gehonoreerd", "motivation": ""}, headers=auth
    )
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json["errors"]} == {"motivation", "ground"}


def test_a_motivation_over_its_cap_is_a_problem_and_the_document_states_the_cap(client, auth, objected):
    item = client.get(f"/api/v1/cases/{objected}/weighing", headers=auth).json["items"][0]
    body = {"outcome": "niet gehonoreerd", "motivation": "x" * 20_001}
    refused = client.put(f"/api/v1/weighing-items/{item['id']}", json=body, headers=auth)
    assert refused.status_code == 422
    assert refused.json["errors"] == [
        {"field": "motivation", "message": "Dit veld mag hoogstens 20000 tekens lang zijn."}
    ]
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert schemas["WeighingUpdate"]["properties"]["motivation"]["maxLength"] == 20_000


def test_another_organisation_gets_404_for_every_route(client, auth, other_auth, objected):
    item = client.get(f"/api/v1/cases/{objected}/weighing", headers=auth).json["items"][0]
    for path in ("weighing", "decision-paragraph", "inventory.csv", "inventory.xlsx", "productierapport.xlsx"):
        assert client.get(f"/api/v1/cases/{objected}/{path}", headers=other_auth).status_code == 404, path
    put = client.put(
        f"/api/v1/weighing-items/{item['id']}", json={"outcome": "gehonoreerd", "motivation": "x"}, headers=other_auth
    )
    assert put.status_code == 404
    decided = client.post(
        f"/api/v1/cases/{objected}/decision",
        json={"decided_on": "2024-07-26", "announced_on": "2024-07-26"},
        headers=other_auth,
    )
    assert decided.status_code == 404


def test_the_decision_gives_the_disclosure_dates_and_the_paragraph_and_exports_follow(
    app, client, auth, objected, clock_at
):
    clock_at(datetime(2024, 7, 26, 9, tzinfo=UTC))
    item = client.get(f"/api/v1/cases/{objected}/weighing", headers=auth).json["items"][0]
    client.put(
        f"/api/v1/weighing-items/{item['id']}",
        json={"outcome": "niet gehonoreerd", "motivation": "Het is geen persoonsgegeven."},
        headers=auth,
    )
    decided = client.post(
        f"/api/v1/cases/{objected}/decision",
        json={"decided_on": "2024-07-26", "announced_on": "2024-07-26"},
        headers=auth,
    )
    assert decided.status_code == 201, decided.json
    assert decided.json["notices"] == 0  # the notices wait for the decision letter
    assert put_letter(client, auth, objected).json["notices"] == 1
    with serving(app, Server()):
        dispatch(app, now=datetime(2024, 7, 26, 9, 30, tzinfo=UTC))
    text = client.get(f"/api/v1/cases/{objected}/decision-paragraph", headers=auth)
    assert text.mimetype == "text/plain" and "niet vóór 10 augustus 2024" in text.text
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/api/v1/cases/{objected}/inventory.csv", headers=auth).text.lstrip("\ufeff")),
            delimiter=";",
        )
    )
    assert rows[1][0] == "1" and rows[1][-1] == "2024-08-10"
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/api/v1/cases/{objected}/productierapport.xlsx", headers=auth).data)
    )
    assert [c.value for c in workbook.active[1]][:3] == ["ID", "Matter", "Family ID"]
    audit = client.get(f"/api/v1/cases/{objected}/audit.json", headers=auth).json
    kinds = [event["kind"] for event in audit["events"]]
    assert audit["intact"] is True and kinds[-3:] == ["decision.recorded", "decision.letter_uploaded", "mail.sent"]
    assert client.get(f"/api/v1/cases/{objected}/audit.csv", headers=auth).status_code == 200


def test_a_productierapport_the_platform_would_refuse_is_a_problem_naming_the_matter(app, client, auth, case_id):
    with app.app_context(), new_session() as session:
        session.get(Case, case_id).reference = "A/2024/7"
        session.commit()
    response = client.get(f"/api/v1/cases/{case_id}/productierapport.xlsx", headers=auth)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert [error["field"] for error in response.json["errors"]] == ["matter", "case_number"]
    assert "kan niet als Matter naar het publicatieplatform" in response.json["errors"][0]["message"]


def test_the_publication_set_waits_for_the_decision(client, auth, objected, document_id):
    archive = client.get(f"/api/v1/cases/{objected}/publication.zip", headers=auth)
    assert archive.status_code == 409 and "leg eerst het besluit vast" in archive.json["detail"]
    one = client.get(f"/api/v1/cases/{objected}/documents/{document_id}/publication.pdf", headers=auth)
    assert one.status_code == 409
