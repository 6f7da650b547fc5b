"""A handler signs in through the organisation's own OpenID provider in a real browser, and out again."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlmodel import select

from tests.helpers import PASSWORD, axe_violations
from tests.live_server import serve
from tests.openid_provider import CLIENT_ID, CLIENT_SECRET, openid_provider
from zienswijze.db import Organisation
from zienswijze.db.session import new_session
from zienswijze.services.accounts import register_user


def test_a_handler_signs_in_at_the_organisations_provider_and_lands_on_the_case_list(app, page, tmp_path):
    url, stop = serve(app)
    app.config["BASE_URL"] = url
    try:
        with openid_provider(tmp_path, redirect_uri=f"{url}/inloggen/oidc/terug") as provider:
            with app.app_context(), new_session() as session:
                register_user(session, email="anna@a.example.org", organisation_name="Gemeente A", password=PASSWORD)
                organisation = session.exec(select(Organisation)).one()
                organisation.oidc_issuer, organisation.oidc_client_id = provider.issuer, CLIENT_ID
                organisation.oidc_client_secret = CLIENT_SECRET
                session.commit()
            page.goto(f"{url}/zaken/")
            assert axe_violations(page) == []
            page.get_by_role("link", name="Inloggen via Gemeente A").click()
            page.get_by_label("Login").fill("anna")
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", level=1, name="Zaken")).to_be_visible()
            expect(page).to_have_url(f"{url}/zaken/")
            page.get_by_role("button", name="Uitloggen").click()
            expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")
            page.goto(f"{url}/zaken/")
            expect(page).to_have_url(f"{url}/inloggen?next=%2Fzaken%2F")
    finally:
        stop()
