"""Invitations over the API: their live state, and revoking, resending and deciding extensions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from aiosmtpd.handlers import Sink
from sqlmodel import func, select

from tests.smtp import smtp_server
from zienswijze import clock
from zienswijze.db import OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.jobs import send_mail


def invitations(client, auth, case_id, query=""):
    return client.get(f"/api/v1/cases/{case_id}/invitations{query}", headers=auth).json


def mails(app) -> int:
    with app.app_context(), new_session() as session:
        return session.exec(select(func.count(OutboxMessage.id))).one()


def test_an_invitation_is_listed_as_concept_until_its_mail_is_accepted(client, auth, case_id, invitation_id):
    [invitation] = invitations(client, auth, case_id)
    assert invitation["id"] == invitation_id and invitation["state"] == "concept"
    assert invitation["mail"] == "pending"
    assert invitation["sent_at"] is invitation["opened_at"] is invitation["submitted_at"] is invitation["extension"]


def test_an_invitation_is_sent_once_the_mail_server_accepted_its_mail(
    app, client, auth, case_id, invitation_id, clock_at
):
    sending = clock.now()
    clock_at(sending)
    with smtp_server(Sink()) as controller:
        app.config["MAIL_PORT"] = controller.port
        with app.app_context():
            send_mail()
    [invitation] = invitations(client, auth, case_id)
    assert invitation["state"] == "verzonden" and invitation["mail"] == "sent"
    # Stamped with the set moment plus the time the run took.
    assert sending <= datetime.fromisoformat(invitation["sent_at"]) < sending + timedelta(minutes=1)


def test_the_invitations_can_be_filtered_by_state(client, auth, case_id, invitation_id):
    assert invitations(client, auth, case_id, "?state=ingetrokken") == []
    assert [i["id"] for i in invitations(client, auth, case_id, "?state=concept")] == [invitation_id]


def test_a_revoked_invitation_cannot_be_revoked_again(client, auth, invitation_id):
    response = client.post(f"/api/v1/invitations/{invitation_id}/revoke", headers=auth)
    assert response.status_code == 200 and response.json["state"] == "ingetrokken"
    again = client.post(f"/api/v1/invitations/{invitation_id}/revoke", headers=auth)
    assert again.status_code == 422
    assert again.json["errors"] == [
        {"field": None, "message": "Een uitnodiging met status 'ingetrokken' kan niet naar 'ingetrokken'."}
    ]


def test_a_resent_invitation_queues_a_new_mail(app, client, auth, invitation_id):
    before = mails(app)
    response = client.post(f"/api/v1/invitations/{invitation_id}/resend", headers=auth)
    assert response.status_code == 200
    assert mails(app) == before + 1


def test_a_corrected_address_gets_a_new_mail(app, client, auth, case_id, stakeholder_id, invitation_id):
    [stakeholder] = client.get(f"/api/v1/cases/{case_id}/stakeholders", headers=auth).json
    response = client.post(
        f"/api/v1/invitations/{invitation_id}/correct-address",
        json={"contact_id": stakeholder["contacts"][0]["id"], "email": "woo@analyse.example.com"},
        headers=auth,
    )
    assert response.status_code == 200
    assert client.get(f"/api/v1/cases/{case_id}/stakeholders", headers=auth).json[0]["emails"] == [
        "woo@analyse.example.com"
    ]


def test_an_extension_granted_by_the_handler_moves_the_deadline(client, auth, case_id, invitation_id, round_json):
    later = date.fromisoformat(round_json["deadline"]) + timedelta(days=7)
    while later.weekday() >= 5:
        later += timedelta(days=1)
    response = client.post(
        f"/api/v1/invitations/{invitation_id}/extension-decision",
        json={"granted": True, "deadline": later.isoformat(), "reason": "Zomervakantie"},
        headers=auth,
    )
    assert response.status_code == 200
    extension = response.json["extension"]
    assert extension["status"] == "toegekend" and extension["requested_until"] == later.isoformat()
    assert extension["deadline"] == response.json["deadline"] >= later.isoformat()


def test_refusing_an_extension_nobody_asked_for_is_refused(client, auth, invitation_id):
    response = client.post(
        f"/api/v1/invitations/{invitation_id}/extension-decision",
        json={"granted": False, "reason": "Geen reden"},
        headers=auth,
    )
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": None, "message": "Er is geen verzoek om verlenging om te weigeren."}]


def test_an_extension_decision_that_is_not_yes_or_no_is_refused(client, auth, invitation_id):
    response = client.post(
        f"/api/v1/invitations/{invitation_id}/extension-decision",
        json={"granted": "misschien", "reason": ""},
        headers=auth,
    )
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": "granted", "message": "Vul true of false in."}]


def test_an_unknown_invitation_is_not_found(client, auth):
    response = client.post("/api/v1/invitations/999/revoke", headers=auth)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
