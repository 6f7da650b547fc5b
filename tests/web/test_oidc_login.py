"""Handler sign-in through the organisation's OpenID provider, against a real provider on loopback."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlmodel import select

from tests.helpers import PASSWORD, csrf_token_from, log_in, make_config
from tests.openid_provider import CLIENT_ID, CLIENT_SECRET, openid_provider
from zienswijze import clock, create_app
from zienswijze.db import AuditEvent, Organisation, User
from zienswijze.db.session import ENGINE_KEY, new_session
from zienswijze.services.accounts import register_user

REDIRECT_URI = "http://zienswijze.test/inloggen/oidc/terug"
NOT_AT_A_PROVIDER = "Deze organisatie logt niet in via een inlogdienst."


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with openid_provider(tmp_path_factory.mktemp("provider"), redirect_uri=REDIRECT_URI) as running:
        yield running


@pytest.fixture
def organisation_a(app, make_handler, provider) -> int:
    """Gemeente A with the provider set on its admin page; the admin, with a password, is admin@a.example.org."""
    make_handler("admin@a.example.org", "Gemeente A")
    return _use_provider(app, "Gemeente A", provider.issuer)


def _use_provider(app, name: str, issuer: str) -> int:
    with app.app_context(), new_session() as session:
        organisation = session.exec(select(Organisation).where(Organisation.name == name)).one()
        organisation.oidc_issuer, organisation.oidc_client_id = issuer, CLIENT_ID
        organisation.oidc_client_secret = CLIENT_SECRET
        session.commit()
        return organisation.id


def _sign_in(client, provider, organisation_id: int, login: str):
    """The whole flow as a browser walks it: the service, the provider's login form, back to the service."""
    started = client.get(f"/inloggen/oidc/{organisation_id}")
    assert started.status_code == 302, started.text
    return client.get(_path_of(provider.sign_in_at(started.headers["Location"], login)))


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _user(app, email: str) -> User | None:
    with app.app_context(), new_session() as session:
        return session.exec(select(User).where(User.email == email)).first()


def test_the_login_page_offers_each_organisations_provider(client, organisation_a):
    page = client.get("/inloggen")
    assert "Inloggen via Gemeente A" in page.text
    assert f'href="/inloggen/oidc/{organisation_a}"' in page.text


def test_an_existing_handler_signs_in_through_the_provider_and_is_linked_to_it(
    app, client, organisation_a, make_handler, provider
):
    make_handler("anna@a.example.org", "Gemeente A")
    response = _sign_in(client, provider, organisation_a, "anna")
    assert response.status_code == 302 and response.headers["Location"] == "/zaken/"
    assert client.get("/zaken/").status_code == 200
    anna = _user(app, "anna@a.example.org")
    assert (anna.oidc_issuer, anna.oidc_subject) == (provider.issuer, "sub-anna")


def test_a_handler_without_an_account_gets_one_in_the_providers_organisation_only(
    app, client, organisation_a, provider
):
    _sign_in(client, provider, organisation_a, "anna")
    anna = _user(app, "anna@a.example.org")
    assert anna.organisation_id == organisation_a and not anna.is_admin
    assert anna.display_name == "Anna de Vries"
    with app.app_context(), new_session() as session:
        kinds = session.exec(select(AuditEvent.kind).where(AuditEvent.organisation_id == organisation_a)).all()
    assert {"account.created", "account.linked"} <= set(kinds)


def test_the_next_sign_in_finds_the_handler_by_subject_even_with_a_new_address(app, client, organisation_a, provider):
    _sign_in(client, provider, organisation_a, "anna")
    with app.app_context(), new_session() as session:
        anna = session.exec(select(User).where(User.oidc_subject == "sub-anna")).one()
        anna.email = "a.devries@a.example.org"
        session.commit()
    client.post("/uitloggen", data={"csrf_token": csrf_token_from(client.get("/zaken/").text)})
    assert _sign_in(client, provider, organisation_a, "anna").headers["Location"] == "/zaken/"
    assert _user(app, "anna@a.example.org") is None


def test_an_address_of_another_organisation_is_refused(app, client, organisation_a, make_handler, provider):
    make_handler("bob@b.example.org", "Gemeente B")
    response = _sign_in(client, provider, organisation_a, "bob")
    assert response.status_code == 403
    assert "Uw account hoort bij een andere organisatie" in response.text
    assert client.get("/zaken/").status_code == 302
    assert _user(app, "bob@b.example.org").oidc_subject is None


def test_an_unverified_address_gets_no_account(app, client, organisation_a, provider):
    response = _sign_in(client, provider, organisation_a, "carla")
    assert response.status_code == 403 and "geen account voor u" in response.text
    assert _user(app, "carla@a.example.org") is None


def test_an_inactive_handler_is_refused(app, client, organisation_a, make_handler, provider):
    make_handler("anna@a.example.org", "Gemeente A")
    with app.app_context(), new_session() as session:
        session.exec(select(User).where(User.email == "anna@a.example.org")).one().is_active = False
        session.commit()
    assert _sign_in(client, provider, organisation_a, "anna").status_code == 403
    assert client.get("/zaken/").status_code == 302


def test_a_reply_to_an_earlier_start_is_refused(client, organisation_a, provider):
    first = client.get(f"/inloggen/oidc/{organisation_a}").headers["Location"]
    client.get(f"/inloggen/oidc/{organisation_a}")
    response = client.get(_path_of(provider.sign_in_at(first, "anna")))
    assert response.status_code == 403 and "Begin opnieuw" in response.text
    assert client.get("/zaken/").status_code == 302


def test_a_reply_without_a_login_started_in_this_browser_is_refused(app, client, organisation_a, provider):
    started = client.get(f"/inloggen/oidc/{organisation_a}").headers["Location"]
    reply = _path_of(provider.sign_in_at(started, "anna"))
    other_browser = app.test_client()
    response = other_browser.get(reply)
    assert response.status_code == 400 and "Begin opnieuw" in response.text
    assert other_browser.get("/zaken/").status_code == 302


def test_a_replayed_reply_is_refused(client, organisation_a, provider):
    started = client.get(f"/inloggen/oidc/{organisation_a}").headers["Location"]
    reply = _path_of(provider.sign_in_at(started, "anna"))
    assert client.get(reply).status_code == 302
    client.post("/uitloggen", data={"csrf_token": csrf_token_from(client.get("/zaken/").text)})
    assert client.get(reply).status_code == 400


def test_a_replayed_reply_with_the_earlier_session_cookie_is_refused_by_the_single_use_code(
    app, client, organisation_a, provider
):
    started = client.get(f"/inloggen/oidc/{organisation_a}").headers["Location"]
    cookie_with_pending_login = client.get_cookie("session").value
    reply = _path_of(provider.sign_in_at(started, "anna"))
    assert client.get(reply).status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", cookie_with_pending_login)
    assert replay.get(reply).status_code == 403
    assert replay.get("/zaken/").status_code == 302


def test_a_login_not_finished_within_ten_minutes_is_refused(client, organisation_a, provider, clock_at):
    started = client.get(f"/inloggen/oidc/{organisation_a}").headers["Location"]
    reply = _path_of(provider.sign_in_at(started, "anna"))
    clock_at(clock.now() + timedelta(minutes=11))
    response = client.get(reply)
    assert response.status_code == 403 and "verlopen" in response.text


def test_a_reply_naming_another_issuer_is_refused(client, organisation_a, provider):
    started = client.get(f"/inloggen/oidc/{organisation_a}").headers["Location"]
    reply = urlsplit(provider.sign_in_at(started, "anna"))
    params = {name: values[0] for name, values in parse_qs(reply.query).items()}
    assert params["iss"] == provider.issuer
    params["iss"] = "https://login.elders.example"
    response = client.get(f"{reply.path}?{urlencode(params)}")
    assert response.status_code == 403 and "klopt niet" in response.text


def test_a_provider_whose_discovery_names_another_issuer_is_refused(app, client, make_handler, tmp_path):
    make_handler("admin@a.example.org", "Gemeente A")
    with openid_provider(tmp_path, redirect_uri=REDIRECT_URI, issuer_host="localhost") as elsewhere:
        organisation_id = _use_provider(app, "Gemeente A", elsewhere.issuer.replace("localhost", "127.0.0.1"))
        response = client.get(f"/inloggen/oidc/{organisation_id}")
    assert response.status_code == 502 and "klopt niet" in response.text


def test_an_unreachable_provider_gives_a_clear_page(app, client, make_handler):
    make_handler("admin@a.example.org", "Gemeente A")
    organisation_id = _use_provider(app, "Gemeente A", "http://127.0.0.1:9")
    response = client.get(f"/inloggen/oidc/{organisation_id}")
    assert response.status_code == 502 and "niet bereikbaar" in response.text


def test_the_provider_saying_no_gives_a_clear_page(client, organisation_a):
    client.get(f"/inloggen/oidc/{organisation_a}")
    response = client.get("/inloggen/oidc/terug?error=access_denied&state=x")
    assert response.status_code == 403 and "afgebroken" in response.text


def test_an_organisation_without_a_provider_has_no_sign_in_through_one(client, make_handler, app):
    make_handler("admin@b.example.org", "Gemeente B")
    with app.app_context(), new_session() as session:
        organisation_id = session.exec(select(Organisation.id).where(Organisation.name == "Gemeente B")).one()
    response = client.get(f"/inloggen/oidc/{organisation_id}")
    assert response.status_code == 404 and NOT_AT_A_PROVIDER in response.text


def test_logging_out_ends_the_local_session(client, organisation_a, provider):
    _sign_in(client, provider, organisation_a, "anna")
    token = csrf_token_from(client.get("/zaken/").text)
    assert client.post("/uitloggen", data={"csrf_token": token}).status_code == 302
    assert client.get("/zaken/").status_code == 302


def test_after_sign_in_only_a_path_on_this_site_is_followed(client, organisation_a, provider):
    started = client.get(f"/inloggen/oidc/{organisation_a}?next=https://evil.example/").headers["Location"]
    assert client.get(_path_of(provider.sign_in_at(started, "anna"))).headers["Location"] == "/zaken/"
    client.post("/uitloggen", data={"csrf_token": csrf_token_from(client.get("/zaken/").text)})
    started = client.get(f"/inloggen/oidc/{organisation_a}?next=/zaken/?pagina=2").headers["Location"]
    assert client.get(_path_of(provider.sign_in_at(started, "anna"))).headers["Location"] == "/zaken/?pagina=2"


def test_with_password_login_switched_off_the_right_password_is_refused(app, client, organisation_a):
    with app.app_context(), new_session() as session:
        session.get(Organisation, organisation_a).password_login_enabled = False
        session.commit()
    response = log_in(client, "admin@a.example.org")
    assert response.status_code == 400
    assert "Gemeente A laat inloggen alleen toe via de eigen inlogdienst" in response.text
    assert client.get("/zaken/").status_code == 302


def test_with_password_login_switched_off_a_wrong_password_gets_the_usual_answer(app, client, organisation_a):
    with app.app_context(), new_session() as session:
        session.get(Organisation, organisation_a).password_login_enabled = False
        session.commit()
    response = log_in(client, "admin@a.example.org", "not-the-password")
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text


def test_once_no_organisation_allows_passwords_the_login_page_has_no_password_form(app, client, organisation_a):
    with app.app_context(), new_session() as session:
        session.get(Organisation, organisation_a).password_login_enabled = False
        session.commit()
    page = client.get("/inloggen")
    assert "Inloggen via Gemeente A" in page.text and "Wachtwoord" not in page.text


def test_a_handler_made_by_the_provider_has_no_password_that_works(app, client, organisation_a, provider):
    _sign_in(client, provider, organisation_a, "anna")
    client.post("/uitloggen", data={"csrf_token": csrf_token_from(client.get("/zaken/").text)})
    response = log_in(client, "anna@a.example.org", "!openid-connect")
    assert response.status_code == 400 and "klopt niet" in response.text


def test_a_single_organisation_deployment_uses_the_provider_its_settings_name(database_url, tmp_path, provider):
    app = create_app(
        make_config(
            database_url,
            tmp_path,
            ZIENSWIJZE_OIDC_ISSUER=provider.issuer,
            ZIENSWIJZE_OIDC_CLIENT_ID=CLIENT_ID,
            ZIENSWIJZE_OIDC_CLIENT_SECRET=CLIENT_SECRET,
        )
    )
    client = app.test_client()
    with app.app_context(), new_session() as session:
        register_user(session, email="admin@a.example.org", organisation_name="Gemeente A", password=PASSWORD)
        organisation_id = session.exec(select(Organisation.id)).one()
    assert "Inloggen via Gemeente A" in client.get("/inloggen").text
    assert _sign_in(client, provider, organisation_id, "anna").headers["Location"] == "/zaken/"
    app.extensions[ENGINE_KEY].dispose()
