"""Woo art. 4.4 lid 2: the decision term is postponed once by two weeks, told to the requester in time."""

from datetime import date

from tests.helpers import csrf_token_from, log_in
from zienswijze.db import Case
from zienswijze.db.session import new_session


def _postpone(client, notice_sent: str):
    token = csrf_token_from(client.get("/zaken/A-2024-1").text)
    return client.post(
        "/zaken/A-2024-1/verdagen", data={"csrf_token": token, "notice_sent": notice_sent}, follow_redirects=True
    )


def _case(app, ids) -> Case:
    with app.app_context(), new_session() as session:
        return session.get(Case, ids["A-2024-1"])


def test_a_postponement_told_in_time_moves_the_decision_deadline_by_two_weeks(app, client, two_bodies):
    log_in(client, "a@example.org")
    page = _postpone(client, "2024-04-30")
    case = _case(app, two_bodies)
    # Received 8 April 2024: four weeks end on 6 May; six weeks on Whit Monday 20 May, so Tuesday 21 May (Atw art. 1).
    assert case.postponed and case.postponement_notice_sent == date(2024, 4, 30)
    assert case.decision_deadline == date(2024, 5, 21)
    assert "verdaagd tot dinsdag 21 mei 2024" in page.text


def test_a_postponement_told_after_the_first_term_is_refused(app, client, two_bodies):
    log_in(client, "a@example.org")
    page = _postpone(client, "2024-05-10")
    assert "vóór het einde van de eerste termijn (06-05-2024)" in page.text
    assert not _case(app, two_bodies).postponed


def test_a_term_can_be_postponed_only_once(app, client, two_bodies):
    log_in(client, "a@example.org")
    _postpone(client, "2024-04-30")
    assert "maar één keer" in _postpone(client, "2024-05-01").text


def test_another_organisations_case_cannot_be_postponed(app, client, two_bodies):
    log_in(client, "a@example.org")
    token = csrf_token_from(client.get("/zaken/A-2024-1").text)
    response = client.post("/zaken/B-2024-1/verdagen", data={"csrf_token": token, "notice_sent": "2024-04-30"})
    assert response.status_code == 404
