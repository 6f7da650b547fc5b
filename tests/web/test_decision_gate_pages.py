"""The pages around the decision gate: the handler is told whom the decision waits for and may decide with a
reason; a stakeholder is told why asking for more time, or responding after the decision, is no longer possible."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.consultation import ids
from tests.helpers import csrf_token_from
from tests.weighing_case import consulted_case, submit_view
from zienswijze import clock
from zienswijze.db import Case, Invitation
from zienswijze.db.session import new_session
from zienswijze.domain.responses import Position
from zienswijze.services import weighing_items
from zienswijze.services.context import Actor
from zienswijze.services.extension_requests import request_extension
from zienswijze.services.rounds import RoundSettings

DECISION = "/zaken/W-2024-1/besluit/"


@pytest.fixture
def consulted(app):
    return consulted_case(app, RoundSettings(auto_grant_extensions=False))  # S1 submitted; S2's term runs


def _decide(client, **fields):
    today = clock.today().isoformat()
    data = {"csrf_token": csrf_token_from(client.get(DECISION).text), "decided_on": today, "announced_on": today}
    return client.post(DECISION, data=data | fields)


def _open(app, links, code):
    client = app.test_client()
    client.post(links[code], data={"csrf_token": csrf_token_from(client.get(links[code]).text)})
    return client


def test_the_decision_page_names_whom_the_decision_still_waits_for(logged_in_client, consulted):
    page = logged_in_client.get(DECISION).text
    assert "Er kunnen nog zienswijzen binnenkomen" in page
    assert "Bedrijf S2 kan nog tot en met" in page and "Bedrijf S1 kan nog" not in page
    assert "Reden om nu al te besluiten" in page


def test_recording_the_decision_while_a_view_can_come_is_refused_beside_the_reason_field(
    app, logged_in_client, consulted
):
    response = _decide(logged_in_client)
    assert response.status_code == 409 and 'name="override_reason"' in response.text
    assert "of geef de reden om nu al te besluiten" in response.text and "Bedrijf S2 kan nog" in response.text
    with app.app_context(), new_session() as session:
        assert session.exec(select(Case)).one().decision_date is None


def test_with_a_reason_the_decision_is_recorded_and_the_paragraph_says_why(logged_in_client, consulted):
    response = _decide(logged_in_client, override_reason="de belanghebbende liet weten niet te reageren")
    assert response.status_code == 302
    page = logged_in_client.get(DECISION).text
    assert "Er kunnen nog zienswijzen binnenkomen" not in page
    assert "omdat de belanghebbende liet weten niet te reageren." in page


def test_a_stakeholder_who_submitted_is_told_more_time_cannot_be_asked_and_a_stale_request_is_refused(app, consulted):
    client = _open(app, consulted["links"], "S1")
    page = client.get("/z/dossier").text
    assert "U hebt uw zienswijze al ingediend, dus u kunt geen verlenging meer vragen." in page
    assert "Verlenging aanvragen" not in page
    # The form is gone; a request from a tab opened before submitting is refused with the same words.
    with app.app_context(), new_session() as session:
        deadline = session.get(Invitation, ids(app, "S1")["invitation"]).deadline
    response = client.post(
        "/z/dossier/verlenging",
        data={
            "csrf_token": csrf_token_from(page),
            "requested_until": (deadline + timedelta(days=7)).isoformat(),
            "reason": "Vakantie",
        },
    )
    assert response.status_code == 400 and "U hebt uw zienswijze al ingediend" in response.text


def test_the_handler_can_refuse_a_request_left_open_by_a_submission(app, logged_in_client, consulted):
    with app.app_context(), new_session() as session:
        invitation = session.get(Invitation, ids(app, "S2")["invitation"])
        request_extension(
            session,
            Actor.stakeholder(1),
            invitation_id=invitation.id,
            requested=invitation.deadline + timedelta(days=7),
            reason="Vakantie",
            now=clock.now(),
            base_url="http://zienswijze.test",
        )
    submit_view(app, "S2", Position.GEEN_BEZWAAR)
    page = logged_in_client.get("/zaken/W-2024-1").text
    assert "Verlenging weigeren" in page and "Verlenging toekennen" not in page
    assert "Bedrijf S2 heeft om verlenging gevraagd" in logged_in_client.get(DECISION).text


def test_after_the_decision_the_stakeholder_reads_their_file_and_is_told_it_was_decided(app, logged_in_client):
    consulted = consulted_case(app, s2_view=Position.GEEN_BEZWAAR)
    client = _open(app, consulted["links"], "S2")
    token = csrf_token_from(client.get("/z/dossier").text)
    assert _decide(logged_in_client).status_code == 302
    assert "Er is al op het verzoek besloten" in client.get("/z/dossier").text
    response = client.post("/z/dossier/indienen", data={"csrf_token": token})
    assert response.status_code == 403 and "heeft op het verzoek al besloten" in response.text


def test_weighing_a_missing_view_while_it_can_still_come_needs_a_reason(app, logged_in_client, consulted):
    with app.app_context(), new_session() as session:
        case = session.exec(select(Case)).one()
        missing = next(i for i in weighing_items.overview(session, case).items if i.subject == "geen zienswijze")
    page = logged_in_client.get("/zaken/W-2024-1/afweging/").text
    assert f'name="w{missing.id}-override_reason"' in page
    data = {
        f"w{missing.id}-csrf_token": csrf_token_from(page),
        f"w{missing.id}-outcome": "niet gehonoreerd",
        f"w{missing.id}-motivation": "Alleen namen van medewerkers.",
    }
    refused = logged_in_client.post(f"/zaken/W-2024-1/afweging/{missing.id}", data=data)
    assert refused.status_code == 409 and "Bedrijf S2 kan nog tot en met" in refused.text
    reason = {f"w{missing.id}-override_reason": "de belanghebbende liet weten niet te reageren"}
    assert logged_in_client.post(f"/zaken/W-2024-1/afweging/{missing.id}", data=data | reason).status_code == 302
