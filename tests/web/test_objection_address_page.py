"""The objection address page: an administrator sets where objections go, named in every decision notice."""

from sqlmodel import select

from tests.helpers import PASSWORD, csrf_token_from, log_in
from zienswijze.db import AuditEvent, Organisation
from zienswijze.db.session import new_session
from zienswijze.services.accounts import register_user


def _admin(app):
    with app.app_context(), new_session() as session:
        register_user(
            session, email="beheer@a.example.org", organisation_name="Gemeente A", password=PASSWORD, is_admin=True
        )
    return "beheer@a.example.org"


def test_an_administrator_sets_the_address_for_objections(app, client):
    log_in(client, _admin(app))
    token = csrf_token_from(client.get("/beheer/bezwaaradres").text)
    response = client.post(
        "/beheer/bezwaaradres",
        data={"address": "Postbus 12\n1000 AA Gemeentestad", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Het adres voor bezwaarschriften is opgeslagen." in response.text and "Postbus 12" in response.text
    with app.app_context(), new_session() as session:
        assert session.exec(select(Organisation)).one().objection_address == "Postbus 12\n1000 AA Gemeentestad"
        assert session.exec(select(AuditEvent).where(AuditEvent.kind == "organisation.objection_address")).one()


def test_an_empty_address_is_explained_on_the_page(app, client):
    log_in(client, _admin(app))
    token = csrf_token_from(client.get("/beheer/bezwaaradres").text)
    response = client.post("/beheer/bezwaaradres", data={"address": " ", "csrf_token": token})
    assert response.status_code == 400 and "Vul het adres voor bezwaarschriften in." in response.text


def test_a_handler_who_is_not_an_administrator_is_refused(client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    assert client.get("/beheer/bezwaaradres").status_code == 403
