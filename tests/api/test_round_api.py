"""Consultation rounds over the API: the term (Atw), the extension policy and the invitations they send."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from zienswijze.db import OutboxMessage
from zienswijze.db.session import new_session

WEDNESDAY_18_NOVEMBER = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)


def start(client, auth, case_id, **fields):
    body = {"extension_max_days": 14, "auto_grant_extensions": False} | fields
    return client.post(f"/api/v1/cases/{case_id}/rounds", json=body, headers=auth)


def test_a_round_invites_every_stakeholder_with_documents_and_queues_their_mail(
    app, client, auth, case_id, stakeholder_id, clock_at
):
    clock_at(WEDNESDAY_18_NOVEMBER)
    response = start(client, auth, case_id, term_days=14, note="Graag voor de vakantie.")
    assert response.status_code == 201
    round_ = response.json
    assert round_["number"] == 1 and round_["allow_extensions"] is True and round_["extension_max_days"] == 14
    assert round_["deadline"] == "2026-12-02"  # fourteen days after Wednesday 18 November 2026
    [invitation] = round_["invitations"]
    assert invitation["stakeholder_id"] == stakeholder_id and invitation["state"] == "concept"
    assert invitation["deadline"] == round_["deadline"] and invitation["sent_at"] is None
    with app.app_context(), new_session() as session:
        mails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "invitation")).all()
    assert [(m.invitation_id, m.to_address) for m in mails] == [(invitation["id"], "juridisch@analyse.example.com")]


def test_a_round_with_an_explicit_date_on_a_saturday_ends_on_the_next_monday(
    client, auth, case_id, stakeholder_id, clock_at
):
    clock_at(WEDNESDAY_18_NOVEMBER)
    response = start(client, auth, case_id, deadline="2026-12-12")
    assert response.status_code == 201
    assert response.json["deadline"] == "2026-12-14"
    assert "verschoven" in response.json["deadline_explanation"][0]


def test_no_extensions_are_allowed_when_the_maximum_is_zero(client, auth, case_id, stakeholder_id):
    response = start(client, auth, case_id, extension_max_days=0)
    assert response.json["allow_extensions"] is False


def test_a_term_in_days_and_a_date_together_are_refused(client, auth, case_id, stakeholder_id):
    response = start(client, auth, case_id, term_days=14, deadline="2099-01-05")
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "deadline"


def test_a_round_without_the_extension_policy_is_refused_per_field(client, auth, case_id, stakeholder_id):
    response = client.post(f"/api/v1/cases/{case_id}/rounds", json={"term_days": 14}, headers=auth)
    assert response.status_code == 422
    assert {e["field"] for e in response.json["errors"]} == {"extension_max_days", "auto_grant_extensions"}


def test_a_too_long_extension_is_refused_under_its_api_name(client, auth, case_id, stakeholder_id):
    response = start(client, auth, case_id, extension_max_days=365)
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"field": "extension_max_days", "message": "Kies een maximale verlenging van 0 tot en met 120 dagen."}
    ]


def test_a_round_without_anyone_to_invite_is_refused(client, auth, case_id):
    response = start(client, auth, case_id)
    assert response.status_code == 422
    assert response.json["errors"][0]["field"] == "stakeholder_ids"


def test_the_term_can_be_previewed_without_sending_anything(client, auth, case_id, stakeholder_id):
    response = client.post(
        f"/api/v1/cases/{case_id}/rounds/preview",
        json={"term_days": 14, "extension_max_days": 14, "auto_grant_extensions": False},
        headers=auth,
    )
    assert response.status_code == 200 and response.json["term_days"] == 14
    assert client.get(f"/api/v1/cases/{case_id}/rounds", headers=auth).json == []


def test_the_rounds_are_listed_with_their_invitations(client, auth, case_id, round_json):
    assert client.get(f"/api/v1/cases/{case_id}/rounds", headers=auth).json == [round_json]


def test_a_round_keeps_its_reason_for_the_extension_possibility(client, auth, case_id, stakeholder_id):
    response = start(client, auth, case_id, extension_reason="de vakantie")
    assert response.status_code == 201 and response.json["extension_reason"] == "de vakantie"


def test_an_overlong_extension_reason_is_refused_under_its_name(client, auth, case_id, stakeholder_id):
    response = start(client, auth, case_id, extension_reason="x" * 201)
    assert response.status_code == 422 and response.json["errors"][0]["field"] == "extension_reason"
