"""The live status matrix and the actions per invitation, through htmx and without JavaScript."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.helpers import csrf_token_from, log_in
from tests.web.handler_case import build_case, start_a_round
from zienswijze import clock
from zienswijze.db import Contact, ExtensionRequest, Invitation, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.domain.consultation import ExtensionStatus, InvitationState

HTMX = {"HX-Request": "true", "HX-Target": "uitnodigingen"}
CASE = "/zaken/A-2024-1"


@pytest.fixture
def invitations(app, logged_in_client, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2024, 4, 10))
    ids = build_case(app)
    first, second = start_a_round(app, ids, today=date(2024, 4, 10))
    return {"analyse": first, "voorbeeldstad": second}


def _token(client) -> str:
    return csrf_token_from(client.get(CASE).text)


def _invitation(app, invitation_id: int) -> Invitation:
    with app.app_context(), new_session() as session:
        return session.get(Invitation, invitation_id)


def _mails_to(app, address: str) -> int:
    with app.app_context(), new_session() as session:
        return len(session.exec(select(OutboxMessage).where(OutboxMessage.to_address == address)).all())


def test_the_matrix_refreshes_itself_while_invitations_are_open(logged_in_client, invitations):
    response = logged_in_client.get(f"{CASE}/uitnodigingen", headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="uitnodigingen"')
    assert 'hx-trigger="every 5s"' in response.text and 'hx-swap="outerHTML"' in response.text
    assert "Adviesbureau Analyse B.V." in response.text and "Gemeente Voorbeeldstad" in response.text
    assert "Nog niet verzonden" in response.text and "In de wachtrij" in response.text
    assert ">14<" in response.text.replace(" ", "").replace("\n", "")  # days left until 24 April


def test_the_case_page_holds_the_same_matrix(logged_in_client, invitations):
    page = logged_in_client.get(CASE).text
    assert '<section id="uitnodigingen"' in page and 'hx-trigger="every 5s"' in page


def test_without_htmx_the_matrix_address_leads_to_the_case_page(logged_in_client, invitations):
    response = logged_in_client.get(f"{CASE}/uitnodigingen?status=verzonden")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{CASE}?status=verzonden#uitnodigingen")


def test_the_matrix_filters_by_state(logged_in_client, invitations):
    token = _token(logged_in_client)
    logged_in_client.post(f"{CASE}/uitnodigingen/{invitations['analyse']}/intrekken", data={"csrf_token": token})
    filtered = logged_in_client.get(f"{CASE}/uitnodigingen?status=ingetrokken", headers=HTMX).text
    assert "Adviesbureau Analyse B.V." in filtered and "Gemeente Voorbeeldstad" not in filtered
    assert "Ingetrokken (1)" in filtered
    page = logged_in_client.get(f"{CASE}?status=ingetrokken").text
    assert "Uitnodigingen met status Ingetrokken" in page


def test_polling_stops_once_no_invitation_is_open(logged_in_client, invitations):
    token = _token(logged_in_client)
    for invitation_id in invitations.values():
        logged_in_client.post(f"{CASE}/uitnodigingen/{invitation_id}/intrekken", data={"csrf_token": token})
    response = logged_in_client.get(f"{CASE}/uitnodigingen", headers=HTMX)
    assert response.status_code == 286
    assert 'hx-trigger="every 5s"' not in response.text
    assert response.text.count('badge--inactive">Ingetrokken</span>') == 2 and "Ingetrokken (2)" in response.text


def test_revoking_without_javascript_redirects_back_and_stops_the_link(app, logged_in_client, invitations):
    response = logged_in_client.post(
        f"{CASE}/uitnodigingen/{invitations['analyse']}/intrekken", data={"csrf_token": _token(logged_in_client)}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{CASE}#uitnodigingen")
    revoked = _invitation(app, invitations["analyse"])
    assert revoked.state is InvitationState.INGETROKKEN and revoked.nonce_hash is None
    assert "De uitnodiging is ingetrokken; de link werkt niet meer." in logged_in_client.get(CASE).text


def test_resending_through_htmx_answers_with_the_matrix_and_a_new_link(app, logged_in_client, invitations):
    before = _invitation(app, invitations["voorbeeldstad"]).nonce_hash
    response = logged_in_client.post(
        f"{CASE}/uitnodigingen/{invitations['voorbeeldstad']}/opnieuw-versturen",
        data={"csrf_token": _token(logged_in_client)},
        headers=HTMX,
    )
    assert response.status_code == 200 and response.text.lstrip().startswith('<section id="uitnodigingen"')
    assert "opnieuw verstuurd, met een nieuwe link" in response.text
    assert _invitation(app, invitations["voorbeeldstad"]).nonce_hash != before
    assert _mails_to(app, "jurist@voorbeeldstad.example.org") == 2


def test_an_address_is_corrected_and_the_invitation_sent_to_it(app, logged_in_client, invitations):
    with app.app_context(), new_session() as session:
        contact = session.exec(select(Contact).where(Contact.email == "juridisch@analyse.example.com")).one()
    url = f"{CASE}/uitnodigingen/{invitations['analyse']}/adres"
    token = _token(logged_in_client)
    refused = logged_in_client.post(
        url, data={"csrf_token": token, "contact_id": contact.id, "email": "geen-adres"}, headers=HTMX
    )
    assert "geen-adres is geen geldig e-mailadres." in refused.text and "utrecht-alert--error" in refused.text
    response = logged_in_client.post(
        url, data={"csrf_token": token, "contact_id": contact.id, "email": "legal@analyse.example.com"}
    )
    assert response.status_code == 302
    assert _mails_to(app, "legal@analyse.example.com") == 1


def test_a_handler_grants_an_extension_with_a_date(app, logged_in_client, invitations):
    response = logged_in_client.post(
        f"{CASE}/uitnodigingen/{invitations['analyse']}/verlenging",
        data={"csrf_token": _token(logged_in_client), "besluit": "toekennen", "deadline": "2024-05-08", "reason": ""},
        follow_redirects=True,
    )
    assert "Verlenging toegekend tot en met woensdag 8 mei 2024" in response.text
    assert _invitation(app, invitations["analyse"]).deadline == date(2024, 5, 8)


def test_a_requested_extension_is_refused_only_with_a_reason(app, logged_in_client, invitations):
    with app.app_context(), new_session() as session:
        session.add(ExtensionRequest(invitation_id=invitations["analyse"], requested_until=date(2024, 5, 8)))
        session.commit()
    url = f"{CASE}/uitnodigingen/{invitations['analyse']}/verlenging"
    page = logged_in_client.get(f"{CASE}/uitnodigingen", headers=HTMX).text
    assert "Gevraagd, tot wo 8 mei 2024" in page and "Verlenging weigeren" in page and 'value="2024-05-08"' in page
    token = _token(logged_in_client)
    refused = logged_in_client.post(url, data={"csrf_token": token, "besluit": "weigeren", "reason": " "}, headers=HTMX)
    assert "Geef aan waarom de verlenging wordt geweigerd." in refused.text
    done = logged_in_client.post(
        url, data={"csrf_token": token, "besluit": "weigeren", "reason": "Het besluit kan niet wachten."}, headers=HTMX
    )
    assert "Verlenging geweigerd" in done.text and "Geweigerd" in done.text
    with app.app_context(), new_session() as session:
        assert session.exec(select(ExtensionRequest.status)).one() is ExtensionStatus.GEWEIGERD


def test_an_action_needs_the_csrf_token(logged_in_client, invitations):
    assert logged_in_client.post(f"{CASE}/uitnodigingen/{invitations['analyse']}/intrekken").status_code == 400


def test_another_organisations_invitation_cannot_be_touched(app, make_handler, invitations):
    nonce = _invitation(app, invitations["analyse"]).nonce_hash
    build_case(app, organisation="Gemeente B", reference="B-2024-1")
    client = app.test_client()
    log_in(client, make_handler("b@example.org", "Gemeente B"))
    token = csrf_token_from(client.get("/zaken/B-2024-1").text)
    for action in ("intrekken", "opnieuw-versturen"):
        response = client.post(
            f"/zaken/B-2024-1/uitnodigingen/{invitations['analyse']}/{action}", data={"csrf_token": token}
        )
        assert response.status_code == 404
    assert client.get("/zaken/A-2024-1/uitnodigingen", headers=HTMX).status_code == 404
    untouched = _invitation(app, invitations["analyse"])
    assert (untouched.state, untouched.nonce_hash) == (InvitationState.CONCEPT, nonce)
    assert _mails_to(app, "juridisch@analyse.example.com") == 1  # the invitation queued when the round started
