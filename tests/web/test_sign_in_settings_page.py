"""The administrators' sign-in page: the organisation's OpenID provider, its secret kept hidden, passwords."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers import csrf_token_from, log_in, log_in_as_admin
from zienswijze.db import AuditEvent, Organisation
from zienswijze.db.session import new_session

PAGE = "/beheer/inloggen"
SECRET = "the-client-secret-of-gemeente-a"


def _save(client, **fields):
    token = csrf_token_from(client.get(PAGE).text)
    data = {"issuer": "", "client_id": "", "client_secret": "", "csrf_token": token}
    data.update({name: value for name, value in fields.items() if value is not False})
    return client.post(PAGE, data=data)


def _organisation(app) -> Organisation:
    with app.app_context(), new_session() as session:
        return session.exec(select(Organisation)).one()


def test_an_administrator_sets_the_organisations_provider(app, client):
    log_in_as_admin(app, client)
    response = _save(
        client, issuer="https://login.gemeente-a.nl", client_id="zienswijze", client_secret=SECRET, password_login="y"
    )
    assert response.status_code == 302
    organisation = _organisation(app)
    assert (organisation.oidc_issuer, organisation.oidc_client_id) == ("https://login.gemeente-a.nl", "zienswijze")
    assert organisation.oidc_client_secret == SECRET and organisation.password_login_enabled


def test_the_page_names_the_redirect_uri_to_register(app, client):
    log_in_as_admin(app, client)
    assert "http://zienswijze.test/inloggen/oidc/terug" in client.get(PAGE).text


def test_the_stored_secret_is_never_shown_and_an_empty_field_keeps_it(app, client):
    log_in_as_admin(app, client)
    _save(
        client, issuer="https://login.gemeente-a.nl", client_id="zienswijze", client_secret=SECRET, password_login="y"
    )
    page = client.get(PAGE).text
    assert SECRET not in page and "Er is een client-secret opgeslagen" in page
    _save(client, issuer="https://login.gemeente-a.nl", client_id="zienswijze-2", password_login="y")
    assert _organisation(app).oidc_client_secret == SECRET and _organisation(app).oidc_client_id == "zienswijze-2"


def test_the_audit_trail_records_the_change_without_the_secret(app, client):
    log_in_as_admin(app, client)
    _save(
        client, issuer="https://login.gemeente-a.nl", client_id="zienswijze", client_secret=SECRET, password_login="y"
    )
    with app.app_context(), new_session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.kind == "organisation.sign_in")).one()
    assert event.details["secret_changed"] is True and SECRET not in str(event.details)


def test_a_provider_without_a_secret_is_explained_beside_the_field(app, client):
    log_in_as_admin(app, client)
    response = _save(client, issuer="https://login.gemeente-a.nl", client_id="zienswijze", password_login="y")
    assert response.status_code == 400 and "Vul het client-secret in." in response.text


def test_plain_http_to_another_machine_is_refused(app, client):
    log_in_as_admin(app, client)
    response = _save(
        client, issuer="http://login.gemeente-a.nl", client_id="zw", client_secret=SECRET, password_login="y"
    )
    assert response.status_code == 400 and "moet met https:// beginnen" in response.text


def test_password_login_cannot_be_switched_off_without_a_provider(app, client):
    log_in_as_admin(app, client)
    response = _save(client, password_login=False)
    assert response.status_code == 400 and "anders kan niemand meer inloggen" in response.text
    assert _organisation(app).password_login_enabled


def test_password_login_is_switched_off_once_a_provider_is_set(app, client):
    log_in_as_admin(app, client)
    _save(
        client, issuer="https://login.gemeente-a.nl", client_id="zienswijze", client_secret=SECRET, password_login=False
    )
    assert not _organisation(app).password_login_enabled


def test_an_empty_issuer_removes_the_provider(app, client):
    log_in_as_admin(app, client)
    _save(
        client, issuer="https://login.gemeente-a.nl", client_id="zienswijze", client_secret=SECRET, password_login="y"
    )
    _save(client, password_login="y")
    organisation = _organisation(app)
    assert (organisation.oidc_issuer, organisation.oidc_client_id, organisation.oidc_client_secret) == (None,) * 3


def test_saving_without_a_csrf_token_is_refused(app, client):
    log_in_as_admin(app, client)
    response = client.post(PAGE, data={"issuer": "https://login.gemeente-a.nl", "client_id": "zw"})
    assert response.status_code == 400 and _organisation(app).oidc_issuer is None


def test_a_handler_who_is_not_an_administrator_is_refused(client, make_handler):
    log_in(client, make_handler("a@example.org", "Gemeente A"))
    assert client.get(PAGE).status_code == 403


def test_the_operator_switches_password_login_back_on_from_the_command_line(app, client, runner):
    log_in_as_admin(app, client)
    _save(
        client, issuer="https://login.gemeente-a.nl", client_id="zienswijze", client_secret=SECRET, password_login=False
    )
    result = runner.invoke(args=["password-login", "Gemeente A", "on"])
    assert result.exit_code == 0, result.output
    assert _organisation(app).password_login_enabled


def test_the_command_line_will_not_switch_password_login_off_without_a_provider(app, runner, make_handler):
    make_handler("a@example.org", "Gemeente A")
    result = runner.invoke(args=["password-login", "Gemeente A", "off"])
    assert result.exit_code == 1 and "anders kan niemand meer inloggen" in result.output
