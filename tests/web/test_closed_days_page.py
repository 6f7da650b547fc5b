"""The closed-days page: for administrators of the organisation only, with CSRF and clear errors."""

from sqlmodel import select

from tests.helpers import PASSWORD, csrf_token_from, log_in
from zienswijze.db import ClosedDay
from zienswijze.db.session import new_session
from zienswijze.services.accounts import register_user


def _admin(app, email="beheer@a.example.org", organisation="Gemeente A"):
    with app.app_context(), new_session() as session:
        register_user(session, email=email, organisation_name=organisation, password=PASSWORD, is_admin=True)
    return email


def test_a_handler_who_is_not_an_administrator_is_refused(client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    assert client.get("/beheer/sluitingsdagen").status_code == 403


def test_an_administrator_adds_a_closed_day(app, client):
    log_in(client, _admin(app))
    token = csrf_token_from(client.get("/beheer/sluitingsdagen").text)
    response = client.post(
        "/beheer/sluitingsdagen",
        data={"day": "2024-05-10", "description": "Dag na Hemelvaart", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Sluitingsdag toegevoegd." in response.text and "Dag na Hemelvaart" in response.text


def test_an_invalid_date_is_explained_on_the_page(app, client):
    log_in(client, _admin(app))
    token = csrf_token_from(client.get("/beheer/sluitingsdagen").text)
    response = client.post("/beheer/sluitingsdagen", data={"day": "31-02-2024", "csrf_token": token})
    assert response.status_code == 400 and "Vul een geldige datum in." in response.text


def test_an_administrator_removes_a_closed_day(app, client):
    log_in(client, _admin(app))
    token = csrf_token_from(client.get("/beheer/sluitingsdagen").text)
    client.post("/beheer/sluitingsdagen", data={"day": "2024-05-10", "csrf_token": token})
    response = client.post(
        "/beheer/sluitingsdagen/verwijderen", data={"day": "2024-05-10", "csrf_token": token}, follow_redirects=True
    )
    assert "Sluitingsdag verwijderd." in response.text
    with app.app_context(), new_session() as session:
        assert session.exec(select(ClosedDay)).all() == []


def test_closed_days_belong_to_one_organisation(app, client):
    log_in(client, _admin(app))
    token = csrf_token_from(client.get("/beheer/sluitingsdagen").text)
    client.post("/beheer/sluitingsdagen", data={"day": "2024-05-10", "description": "Alleen A", "csrf_token": token})
    other = app.test_client()
    log_in(other, _admin(app, "beheer@b.example.org", "Gemeente B"))
    assert "Alleen A" not in other.get("/beheer/sluitingsdagen").text
