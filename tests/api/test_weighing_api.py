"""The weighing, decision, paragraph and exports over the API, scoped to the caller's organisation."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from zienswijze import clock
from zienswijze.db import Case, Invitation
from zienswijze.db.session import new_session
from zienswijze.domain.responses import ItemInput, ItemKind, Position, ResponseInput
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
        data = ResponseInput(position=Position.GEDEELTELIJK_BEZWAAR, items=(item,))
        responses.submit(
            session, stakeholder, invitation_id=invitation.id, data=data, now=clock.now(), today=clock.today()
        )
    return case_id


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


def test_the_decision_gives_the_disclosure_dates_and_the_paragraph_and_exports_follow(client, auth, objected):
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
    assert decided.json["notices"] == 1
    assert decided.json["documents"][0]["disclosure_date"] == "2024-08-10"
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
    assert audit["intact"] is True and audit["events"][-1]["kind"] == "decision.recorded"
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
