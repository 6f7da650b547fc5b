"""The privacy page for administrators (retention period, what the statement names) and the public statement."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import select

from tests.consultation import open_file, start_consultation
from tests.helpers import csrf_token_from, log_in, log_in_as_admin
from tests.retention_case import decided_case
from zienswijze.db import AuditEvent, Organisation, OutboxMessage
from zienswijze.db.session import new_session
from zienswijze.services.retention import erase_case

PAGE = "/beheer/privacy"


def _save(client, **fields):
    data = {"retention_years": "", "officer": "", "recipients": "", **fields}
    return client.post(PAGE, data={**data, "csrf_token": csrf_token_from(client.get(PAGE).text)})


def _organisation(app) -> Organisation:
    with app.app_context(), new_session() as session:
        return session.exec(select(Organisation)).one()


def test_an_administrator_sets_the_retention_period_and_the_statements_details(app, client):
    log_in_as_admin(app, client)
    response = _save(client, retention_years="5", officer="FG, fg@a.example.org", recipients="Alleen de behandelaars.")
    assert response.status_code == 302
    organisation = _organisation(app)
    assert (organisation.retention_years, organisation.privacy_officer) == (5, "FG, fg@a.example.org")
    with app.app_context(), new_session() as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.kind == "organisation.privacy")).one()


def test_an_empty_retention_period_keeps_everything(app, client):
    log_in_as_admin(app, client)
    _save(client, retention_years="5")
    _save(client, retention_years="")
    assert _organisation(app).retention_years is None


def test_a_retention_period_of_no_years_is_explained_beside_the_field(app, client):
    log_in_as_admin(app, client)
    response = _save(client, retention_years="0")
    assert response.status_code == 400 and "Vul een bewaartermijn in van 1 tot 100 jaar" in response.text


def test_a_retention_period_that_is_no_number_is_refused(app, client):
    log_in_as_admin(app, client)
    assert _save(client, retention_years="vijf").status_code == 400
    assert _organisation(app).retention_years is None


def test_saving_without_a_csrf_token_is_refused(app, client):
    log_in_as_admin(app, client)
    assert client.post(PAGE, data={"retention_years": "5"}).status_code == 400
    assert _organisation(app).retention_years is None


def test_a_handler_who_is_not_an_administrator_is_refused(client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    assert client.get(PAGE).status_code == 403


def test_the_statement_names_controller_purpose_basis_recipients_period_rights_and_the_regulator(app, client):
    log_in_as_admin(app, client)
    _save(client, retention_years="7", officer="FG Gemeente A, fg@a.example.org", recipients="Alleen de behandelaars.")
    statement = client.get(f"/privacyverklaring/{_organisation(app).id}").text
    for text in (
        "Gemeente A is de verwerkingsverantwoordelijke",
        "artikel 4:8 Algemene wet bestuursrecht",
        "artikel 6, eerste lid, onder c AVG",
        "Alleen de behandelaars.",
        "tot 7 jaar na het besluit",
        "artikel 15 AVG",
        "FG Gemeente A, fg@a.example.org",
        "autoriteitpersoonsgegevens.nl",
    ):
        assert text in statement, text


def test_the_statement_is_public_and_says_when_no_period_is_set(app):
    start_consultation(app)
    statement = app.test_client().get(f"/privacyverklaring/{_organisation(app).id}")
    assert statement.status_code == 200 and "zo lang als de Archiefwet en onze selectielijst" in statement.text


def test_an_unknown_organisation_has_no_statement(client):
    assert client.get("/privacyverklaring/999").status_code == 404


def test_the_invitation_mail_links_the_statement(app):
    start_consultation(app)
    organisation_id = _organisation(app).id
    with app.app_context(), new_session() as session:
        mail = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "invitation")).first()
    url = f"http://zienswijze.test/privacyverklaring/{organisation_id}"
    assert url in mail.body_text and f'href="{url}"' in mail.body_html


def test_every_page_of_the_stakeholders_file_links_the_statement(app):
    links = start_consultation(app)
    client = open_file(app, links["S1"])
    href = f'href="/privacyverklaring/{_organisation(app).id}"'
    assert href in app.test_client().get(links["S1"]).text
    assert href in client.get("/z/dossier").text


def test_the_case_page_says_when_the_personal_data_were_erased(app, logged_in_client, clock_at):
    case_id = decided_case(app, clock_at)["case"]
    with app.app_context(), new_session() as session:
        erase_case(
            session, case_id, now=datetime(2029, 7, 15, 3, tzinfo=UTC), upload_dir=Path(app.config["UPLOAD_DIR"])
        )
    page = logged_in_client.get("/zaken/W-2024-1").text
    assert "15 juli 2029 om 05:00" in page and "zijn de persoonsgegevens verwijderd" in page
    assert "Belanghebbende S1" in page and "Bedrijf S1" not in page
